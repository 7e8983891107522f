// `oncall shifts`: a schedule's final shifts in a window (gaps included), and optionally
// each layer's own shifts.

import type { Segment, Window } from '../core/index.js';
import { layerShifts, mergeNeighbours, resolveSchedule } from '../core/index.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import type { AppContext } from './context.js';
import { selectSchedules } from './select-schedules.js';

export interface LayerLane {
  layer: string;
  shifts: Segment[];
}

export interface ShiftsResult {
  schedule: ScheduleInfo;
  shifts: Segment[];
  layers?: LayerLane[];
}

export async function scheduleShifts(
  ctx: AppContext,
  scheduleId: string,
  window: Window,
  withLayers: boolean,
): Promise<ShiftsResult> {
  const db = await ctx.db();
  const [schedule] = selectSchedules(db, { scheduleIds: [scheduleId], aliveAt: window.start });
  const [input] = scheduleInputs(db, [schedule], window);
  const result: ShiftsResult = { schedule, shifts: resolveSchedule(input, window) };
  if (withLayers) {
    const ids = [...new Set(input.layers.sort((a, b) => a.position - b.position).map((l) => l.id))];
    result.layers = ids.map((id) => {
      const pieces = input.layers.filter((l) => l.id === id).flatMap((version) => layerShifts(version, window));
      return { layer: id, shifts: fillGaps(pieces.sort((a, b) => a.start - b.start), window) };
    });
  }
  return result;
}

/** Adds `person: null` pieces so that the lane tiles the window. */
function fillGaps(pieces: Segment[], window: Window): Segment[] {
  const out: Segment[] = [];
  let cursor = window.start;
  for (const p of pieces) {
    if (p.start > cursor) out.push({ start: cursor, end: p.start, person: null, source: null });
    out.push(p);
    cursor = p.end;
  }
  if (cursor < window.end) out.push({ start: cursor, end: window.end, person: null, source: null });
  return mergeNeighbours(out);
}
