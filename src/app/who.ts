// `oncall who`: for each schedule, who is on call at an instant, since when, until when, and
// who comes next. The window around the instant grows only for schedules that need it.

import type { Shift } from '../core/index.js';
import { resolveSchedule, shiftAt, DAY_MS } from '../core/index.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import { keptAt } from '../storage/kept-shifts.js';
import type { Store } from '../storage/store.js';
import { KEPT_ENGINE } from './kept-shifts.js';
import { selectSchedules } from './select-schedules.js';
import type { AppContext } from './context.js';
import { eachUsable } from './usable.js';

/** How far back and ahead `since`, `until` and `next` are looked for before giving up. */
const HORIZON = 400 * DAY_MS;

export interface WhoEntry {
  schedule: ScheduleInfo;
  /** The merged shift containing the instant; start/end null when beyond the horizon. */
  person: string | null;
  source: string | null;
  start: number | null;
  end: number | null;
  next: { person: string; start: number } | null;
}

export interface WhoQuery {
  scheduleIds?: string[];
  team?: string;
  at: number;
}

export async function whoIsOnCall(ctx: AppContext, query: WhoQuery): Promise<WhoEntry[]> {
  const store = await ctx.store();
  const list = await selectSchedules(store, { ...query, aliveAt: query.at });
  const results = new Map<string, WhoEntry>();
  const unkept = await fromKeptShifts(store, list, query.at, results);
  let back = 8 * DAY_MS;
  let ahead = 15 * DAY_MS;
  let pending = unkept;
  while (pending.length > 0) {
    const window = { start: query.at - back, end: query.at + ahead };
    const inputs = await scheduleInputs(store, pending, window);
    const retry: ScheduleInfo[] = [];
    // The question is about one instant: a layer version that cannot be computed only
    // matters if it is in force then (see usable.ts).
    const answers = eachUsable(ctx, inputs, { start: query.at, end: query.at + 1 }, (input) => around(resolveSchedule(input, window), query.at));
    pending.forEach((schedule, i) => {
      const found = answers[i];
      if (!found) return;
      const complete = found.start !== window.start && found.end !== window.end && found.next;
      const final = back >= HORIZON && ahead >= HORIZON;
      if (complete || final) results.set(schedule.id, entry(schedule, found, window));
      else retry.push(schedule);
    });
    pending = retry;
    back = Math.min(back * 4, HORIZON);
    ahead = Math.min(ahead * 4, HORIZON);
  }
  return list.flatMap((s) => results.get(s.id) ?? []);
}

/**
 * Answers from the final shifts the last write kept (kept-shifts.ts), for each schedule whose
 * kept horizon holds the whole answer: the shift at the instant, begun and ended inside the
 * horizon, and the next person's shift. Reads a day ahead first, then further for schedules
 * whose next person comes later. Returns the schedules left to resolve.
 */
async function fromKeptShifts(store: Store, list: ScheduleInfo[], at: number, results: Map<string, WhoEntry>): Promise<ScheduleInfo[]> {
  const unkept: ScheduleInfo[] = [];
  let pending = list;
  for (let ahead = DAY_MS; pending.length > 0; ahead *= 8) {
    const kept = await keptAt(store, pending.map((s) => s.id), at, at + ahead, KEPT_ENGINE);
    const retry: ScheduleInfo[] = [];
    for (const schedule of pending) {
      const found = kept.get(schedule.id);
      const answer = found && shiftAt(found.shifts, at) ? around(found.shifts, at) : undefined;
      if (!found || !answer || answer.start <= found.horizon.start || answer.end >= found.horizon.end) unkept.push(schedule);
      else if (answer.next) results.set(schedule.id, entry(schedule, answer, found.horizon));
      else if (at + ahead < found.horizon.end) retry.push(schedule);
      else unkept.push(schedule);
    }
    pending = retry;
  }
  return unkept;
}

interface Around {
  current: Shift;
  start: number;
  end: number;
  next: { person: string; start: number } | null;
}

function around(shifts: Shift[], at: number): Around {
  const current = shiftAt(shifts, at)!;
  const index = shifts.indexOf(current);
  const later = shifts.slice(index + 1).find((s) => s.person !== null && s.person !== current.person);
  return {
    current,
    start: current.start,
    end: current.end,
    next: later ? { person: later.person!, start: later.start } : null,
  };
}

function entry(schedule: ScheduleInfo, found: Around, window: { start: number; end: number }): WhoEntry {
  return {
    schedule,
    person: found.current.person,
    source: found.current.source,
    start: found.start === window.start ? null : found.start,
    end: found.end === window.end ? null : found.end,
    next: found.next,
  };
}
