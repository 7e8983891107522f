// The final shifts that cross a window, each taken whole up to a margin outside it, resolved
// over little more than the window. Resolving the whole margin on both sides (70 days added to
// the export's 97) was a third of the work of exporting every schedule, for the few shifts
// that cross the window's edges.

import type { Layer, ScheduleInput, Shift, Window } from '../core/index.js';
import { DAY_MS, mergeNeighbours, resolveSchedule } from '../core/index.js';

/** Resolved first around the window: past the longest shifts of most rotas (a week). */
const NEAR = 8 * DAY_MS;

/**
 * The same shifts as `resolveSchedule(input, wide)` gives where they cross `window` (with
 * the rest of the wide window's shifts around them left out, or not). Resolution is local:
 * resolving two halves of a window and merging their neighbours gives the whole window's
 * shifts (test/core/properties.test.ts). So a shift of the near window that does not touch
 * its edges is a shift of the wide one, and only an edge shift that reaches into `window`
 * needs the wide window's part beyond that edge.
 */
export function wholeShifts(input: ScheduleInput, window: Window, wide: Window): Shift[] {
  const near = { start: Math.max(wide.start, window.start - NEAR), end: Math.min(wide.end, window.end + NEAR) };
  if (near.start >= near.end || input.layers.some(handsOffOftenerThanHourly)) return resolveSchedule(input, wide);
  let shifts = resolveSchedule(input, near);
  const first = shifts[0];
  const last = shifts[shifts.length - 1];
  const left = near.start > wide.start && first && first.end > window.start;
  const right = near.end < wide.end && last && last.start < window.end;
  if (!left && !right) return shifts;
  shifts = [
    ...(left ? resolveSchedule(input, { start: wide.start, end: near.start }) : []),
    ...shifts,
    ...(right ? resolveSchedule(input, { start: near.end, end: wide.end }) : []),
  ];
  return mergeNeighbours(shifts);
}

/**
 * A layer may list at most MAX_LAYER_SHIFTS shifts in one resolution (layer.ts), so a
 * stored rule that hands off every few minutes fails over the wide window where the near
 * one might not: such a schedule is resolved over the wide window, to fail the same way.
 * Shift lengths are at least an hour, and a rule (hourly at most) with one BYMINUTE and one
 * BYSECOND value hands off at most 24 times a day, far from the limit in any window a command
 * takes (MAX_WINDOW_DAYS).
 */
function handsOffOftenerThanHourly(layer: Layer): boolean {
  return layer.handoffs !== undefined && /BY(MINUTE|SECOND)\s*=[^;]*,/i.test(layer.handoffs);
}
