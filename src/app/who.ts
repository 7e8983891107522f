// `oncall who`: for each schedule, who is on call at an instant, since when, until when, and
// who comes next. The window around the instant grows only for schedules that need it.

import type { Shift } from '../core/index.js';
import { resolveSchedule, shiftAt, DAY_MS } from '../core/index.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import { keptIn } from '../storage/kept-shifts.js';
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
  let back = 8 * DAY_MS;
  let ahead = 15 * DAY_MS;
  const results = new Map<string, WhoEntry>();
  let pending = list;
  while (pending.length > 0) {
    const window = { start: query.at - back, end: query.at + ahead };
    // Final shifts kept by the last write answer for the schedules whose horizon covers the
    // window; only the others are resolved (kept-shifts.ts).
    const kept = await keptIn(store, pending.map((s) => s.id), window, KEPT_ENGINE);
    const unkept = pending.filter((s) => !kept.has(s.id));
    const inputs = await scheduleInputs(store, unkept, window);
    const retry: ScheduleInfo[] = [];
    // The question is about one instant: a layer version that cannot be computed only
    // matters if it is in force then (see usable.ts).
    const resolved = eachUsable(ctx, inputs, { start: query.at, end: query.at + 1 }, (input) => around(resolveSchedule(input, window), query.at));
    const byId = new Map(unkept.map((s, i) => [s.id, resolved[i]]));
    const answers = pending.map((s) => {
      const shifts = kept.get(s.id)?.shifts;
      return shifts ? around(shifts, query.at) : byId.get(s.id);
    });
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
