// Final shifts as calendar events, shared by the ICS export and calendar sync: which shifts
// (whole ones, even where they cross the window's edges), and what an event says.

import type { PersonConfig, Shift, Window } from '../core/index.js';
import { resolveSchedule, DAY_MS } from '../core/index.js';
import type { Store } from '../storage/store.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import { allUsable } from './usable.js';

/** Shifts crossing the window's edges are taken whole, up to this far outside it. */
export const EDGE_MARGIN = 35 * DAY_MS;

export interface ShiftEvent {
  schedule: ScheduleInfo;
  shift: Shift & { person: string };
  /** Identifies the shift: schedule, person, start. */
  key: string;
  summary: string;
  description: string;
}

export async function shiftEvents(
  store: Store,
  schedules: ScheduleInfo[],
  people: Map<string, PersonConfig>,
  window: Window,
  onlyPeople?: Set<string>,
): Promise<ShiftEvent[]> {
  const wide = { start: window.start - EDGE_MARGIN, end: window.end + EDGE_MARGIN };
  // A feed or a sync without one schedule's shifts would delete them for subscribers: a
  // schedule that cannot be computed fails the whole export (usable.ts).
  const resolved = allUsable(await scheduleInputs(store, schedules, wide), window, (input) => resolveSchedule(input, wide));
  const events: ShiftEvent[] = [];
  schedules.forEach((schedule, i) => {
    for (const shift of resolved[i]) {
      if (shift.person === null || shift.end <= window.start || shift.start >= window.end) continue;
      if (onlyPeople && !onlyPeople.has(shift.person)) continue;
      const name = people.get(shift.person)?.name ?? shift.person;
      events.push({
        schedule,
        shift: shift as Shift & { person: string },
        key: `${schedule.id}|${shift.person}|${new Date(shift.start).toISOString()}`,
        summary: `On call: ${name} — ${schedule.name}`,
        description: describe(schedule, shift),
      });
    }
  });
  // Ids in code point order, as every list of ids (localeCompare consults ICU's collation,
  // which was a sixth of exporting the benchmark's 30 000 shifts).
  return events.sort(
    (a, b) =>
      a.shift.start - b.shift.start ||
      byCodePoint(a.schedule.id, b.schedule.id) ||
      byCodePoint(a.shift.person, b.shift.person),
  );
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function describe(schedule: ScheduleInfo, shift: Shift): string {
  const source =
    shift.source === 'override'
      ? `override${shift.reason ? `: ${shift.reason}` : ''}`
      : `layer "${shift.source?.replace(/^layer:/, '')}"`;
  return `Schedule: ${schedule.name} (${schedule.id})\nSource: ${source}`;
}
