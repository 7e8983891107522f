// Final shifts as calendar events, shared by the ICS export and calendar sync: which shifts
// (whole ones, even where they cross the window's edges), in which order, and what an event says.

import type { PersonConfig, Shift, Window } from '../core/index.js';
import { DAY_MS } from '../core/index.js';
import { byCodePoint } from '../core/by-code-point.js';
import type { Store } from '../storage/store.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import { allUsable } from './usable.js';
import { wholeShifts } from './whole-shifts.js';

/** Shifts crossing the window's edges are taken whole, up to this far outside it. */
export const EDGE_MARGIN = 35 * DAY_MS;

export type PersonShift = Shift & { person: string };

/** The events' shifts in order, and each one's schedule (two lists: no object per event). */
export interface EventShifts {
  shifts: PersonShift[];
  /** Each shift's schedule, as its index in the schedules asked about. */
  owners: number[];
}

export interface ShiftEvent {
  schedule: ScheduleInfo;
  shift: PersonShift;
  /** Identifies the shift: schedule, person, start. */
  key: string;
  summary: string;
  description: string;
}

/**
 * The final shifts (never gaps) that cross the window, by start, then schedule id, then
 * person, all in code point order (localeCompare consults ICU's collation, which was a sixth
 * of exporting the benchmark's 30 000 shifts).
 */
export async function eventShifts(
  store: Store,
  schedules: ScheduleInfo[],
  window: Window,
  onlyPeople?: Set<string>,
): Promise<EventShifts> {
  const wide = { start: window.start - EDGE_MARGIN, end: window.end + EDGE_MARGIN };
  // A feed or a sync without one schedule's shifts would delete them for subscribers: a
  // schedule that cannot be computed fails the whole export (usable.ts).
  const resolved = allUsable(await scheduleInputs(store, schedules, wide), window, (input) => wholeShifts(input, window, wide));
  const shifts: PersonShift[] = [];
  const owners: number[] = [];
  schedules.forEach((_, i) => {
    for (const shift of resolved[i]) {
      if (shift.person === null || shift.end <= window.start || shift.start >= window.end) continue;
      if (onlyPeople && !onlyPeople.has(shift.person)) continue;
      shifts.push(shift as PersonShift);
      owners.push(i);
    }
  });
  // The keys in typed arrays: reading them from shifts of many shapes made sorting 30 000
  // shifts take 100 ms. Positions are sorted, so ties keep the order found (a stable sort).
  const starts = Float64Array.from(shifts, (s) => s.start);
  const rank = idRanks(schedules);
  const ranks = Int32Array.from(owners, (owner) => rank[owner]);
  const order = Array.from(shifts, (_, k) => k).sort((a, b) =>
    starts[a] - starts[b] ||
    ranks[a] - ranks[b] ||
    byCodePoint(shifts[a].person, shifts[b].person) ||
    a - b);
  return { shifts: order.map((k) => shifts[k]), owners: order.map((k) => owners[k]) };
}

/** The shifts as events with their text (calendar sync compares these with a calendar's). */
export async function shiftEvents(
  store: Store,
  schedules: ScheduleInfo[],
  people: Map<string, PersonConfig>,
  window: Window,
  onlyPeople?: Set<string>,
): Promise<ShiftEvent[]> {
  const found = await eventShifts(store, schedules, window, onlyPeople);
  return found.shifts.map((shift, k) => {
    const schedule = schedules[found.owners[k]];
    return {
      schedule,
      shift,
      key: `${schedule.id}|${shift.person}|${new Date(shift.start).toISOString()}`,
      summary: eventSummary(schedule, people.get(shift.person)?.name ?? shift.person),
      description: eventDescription(schedule, shift),
    };
  });
}

export function eventSummary(schedule: ScheduleInfo, personName: string): string {
  return `On call: ${personName} — ${schedule.name}`;
}

export function eventDescription(schedule: ScheduleInfo, shift: Shift): string {
  const source =
    shift.source === 'override'
      ? `override${shift.reason ? `: ${shift.reason}` : ''}`
      : `layer "${shift.source?.replace(/^layer:/, '')}"`;
  return `Schedule: ${schedule.name} (${schedule.id})\nSource: ${source}`;
}

/** Each schedule's place among their ids in code point order (equal ids, equal places). */
function idRanks(schedules: ScheduleInfo[]): number[] {
  const ids = [...new Set(schedules.map((s) => s.id))].sort(byCodePoint);
  const place = new Map(ids.map((id, i) => [id, i]));
  return schedules.map((s) => place.get(s.id)!);
}

