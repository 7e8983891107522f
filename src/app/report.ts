// `oncall report`: who carried how much on-call time in a window — hours, nights, weekends
// and public holidays in each person's own zone, shifts, incidents handled — and how evenly
// each schedule spreads it.

import type { HourBreakdown } from '../core/hours.js';
import { NO_HOURS, ZoneHours } from '../core/hours.js';
import { IntervalTotals } from '../core/interval-totals.js';
import { balanceScore, deviations } from '../core/balance.js';
import { byCodePoint } from '../core/by-code-point.js';
import type { Window } from '../core/index.js';
import { DAY_MS, addDays, continuousShifts, wallClockToInstant } from '../core/index.js';
import { UserError } from '../errors.js';
import type { PublicHoliday } from '../core/holiday-window.js';
import type { Store } from '../storage/store.js';
import { listPeople, listSchedules } from '../storage/read.js';
import { teamMembersOf } from '../storage/read-policies.js';
import { incidentsHandled, teamHolidayRegions } from '../storage/read-rota.js';
import type { AppContext } from './context.js';
import { finalShifts } from './final-shifts.js';
import { publicHolidaysOf } from './holiday-years.js';

export interface Night {
  from: number;
  to: number;
}

export const DEFAULT_NIGHT: Night = { from: 22 * 60, to: 7 * 60 };

export interface PersonReport {
  person: string;
  hours: HourBreakdown;
  shifts: number;
  incidents: number;
}

export interface ScheduleBalance {
  schedule: string;
  team: string;
  /** 100 = everyone in the rotation carries the same share. */
  balance: number;
  average: number;
  people: { person: string; hours: number; diff: number; percent: number }[];
}

export interface Report {
  window: Window;
  people: PersonReport[];
  schedules: ScheduleBalance[];
}

export interface ReportOptions {
  window: Window;
  team?: string;
  night?: Night;
}

export async function rotaReport(ctx: AppContext, options: ReportOptions): Promise<Report> {
  const store = await ctx.store();
  if (options.team !== undefined && (await teamMembersOf(store, options.team)).length === 0 && (await listSchedules(store, { team: options.team })).length === 0) {
    throw new UserError(`unknown team "${options.team}" (or it has no members and no schedules); "oncall team list" shows them`);
  }
  return computeReport(ctx, store, options);
}

export async function computeReport(ctx: AppContext, store: Store, { window, team, night = DEFAULT_NIGHT }: ReportOptions): Promise<Report> {
  const schedules = await listSchedules(store, { team, aliveAt: window.start });
  const people = new Map((await listPeople(store)).map((p) => [p.id, p]));
  const regions = await teamHolidayRegions(store);
  const noHolidays = new IntervalTotals([]);
  // One per zone: its nights and weekends are worked out once for all shifts seen from it.
  const zones = new Map<string, ZoneHours>();
  const zoneHours = (zone: string) => {
    let found = zones.get(zone);
    if (!found) zones.set(zone, (found = new ZoneHours(zone, night.from, night.to)));
    return found;
  };
  const byPerson = new Map<string, PersonReport>();
  const entry = (person: string) => {
    let found = byPerson.get(person);
    if (!found) byPerson.set(person, (found = { person, hours: { ...NO_HOURS }, shifts: 0, incidents: 0 }));
    return found;
  };
  const balances: ScheduleBalance[] = [];
  const reading = finalShifts(ctx, store, schedules, window);
  // The holidays (from the cache, or the library's work, a large part of a report) are found
  // while a server reads.
  const used = new Set(schedules.flatMap((s) => regions.get(s.team) ?? []));
  const holidaysFor = holidayLookup(await publicHolidaysOf(ctx.cacheFolder, used, window.start - 2 * DAY_MS, window.end + 2 * DAY_MS));
  for (const { schedule, shifts, members } of await reading) {
    const region = regions.get(schedule.team);
    const perSchedule = new Map<string, number>(members.map((m) => [m, 0]));
    // What each person's shifts in this schedule are split with, looked up once per person.
    const splits = new Map<string, { hours: ZoneHours; holidays: IntervalTotals; sum: HourBreakdown }>();
    for (const s of shifts) {
      if (s.person === null) continue;
      let split = splits.get(s.person);
      if (!split) {
        const zone = people.get(s.person)?.timezone ?? schedule.timezone;
        split = { hours: zoneHours(zone), holidays: region ? holidaysFor(region, zone) : noHolidays, sum: entry(s.person).hours };
        splits.set(s.person, split);
      }
      const hours = split.hours.breakDown(s.start, s.end, split.holidays);
      split.sum.total += hours.total;
      split.sum.night += hours.night;
      split.sum.weekend += hours.weekend;
      split.sum.holiday += hours.holiday;
      perSchedule.set(s.person, (perSchedule.get(s.person) ?? 0) + hours.total);
    }
    for (const continuousShift of continuousShifts(shifts)) entry(continuousShift.person).shifts += 1;
    balances.push(balanceOf(schedule.id, schedule.team, perSchedule));
  }
  // A team's report lists every member, also those who carried nothing.
  if (team) for (const id of await teamMembersOf(store, team)) entry(id);
  for (const { person, count } of await incidentsHandled(store, window)) {
    if (!team || byPerson.has(person)) entry(person).incidents = count;
  }
  const list = [...byPerson.values()]
    .sort((a, b) => b.hours.total - a.hours.total || byCodePoint(a.person, b.person));
  return { window, people: list, schedules: balances };
}

function balanceOf(schedule: string, team: string, hours: Map<string, number>): ScheduleBalance {
  const diffs = deviations(hours);
  const values = [...hours.values()];
  const average = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
  return {
    schedule,
    team,
    balance: balanceScore(values),
    average,
    people: [...hours.entries()]
      .map(([person, h]) => ({ person, hours: h, ...diffs.get(person)! }))
      .sort((a, b) => b.hours - a.hours || byCodePoint(a.person, b.person)),
  };
}


/**
 * Public holidays of a team's region, as whole local days in the zone of the person on call:
 * Christmas Day is 25 December wherever they are.
 */
function holidayLookup(byRegion: Map<string, PublicHoliday[]>): (region: string, zone: string) => IntervalTotals {
  const cache = new Map<string, IntervalTotals>();
  return (region, zone) => {
    const key = `${region}|${zone}`;
    let intervals = cache.get(key);
    if (!intervals) {
      intervals = new IntervalTotals((byRegion.get(region) ?? []).map(({ date }) => {
        const start = wallClockToInstant(`${date}T00:00`, zone);
        return { start, end: addDays(start, 1, zone) };
      }));
      cache.set(key, intervals);
    }
    return intervals;
  };
}
