// `oncall cover`: who could take a window of a schedule. Candidates are the schedule's team;
// people on time off or on call elsewhere then are ruled out; the rest are ranked by how
// much they carried in the last 90 days, nights and weekends breaking ties.

import type { Window } from '../core/index.js';
import { addDays } from '../core/index.js';
import { UserError } from '../errors.js';
import { listSchedules } from '../storage/read.js';
import { teamMembersOf } from '../storage/read-policies.js';
import { timeOffBetween } from '../storage/read-time-off.js';
import type { AppContext } from './context.js';
import { finalShifts, overlap, stretches } from './final-shifts.js';
import { computeReport } from './report.js';
import { selectSchedules } from './select-schedules.js';

export interface Candidate {
  person: string;
  /** Milliseconds on call in the last 90 days, and of those at night or at weekends. */
  recent: number;
  nightsAndWeekends: number;
}

export interface Ruled {
  person: string;
  why: 'time-off' | 'on-call-elsewhere' | 'on-call-here';
  schedule?: string;
  start: number;
  end: number;
  reason?: string;
}

export interface CoverResult {
  schedule: string;
  window: Window;
  /** The person being covered: --for, else whoever holds the whole window. */
  covering?: string;
  candidates: Candidate[];
  ruledOut: Ruled[];
  teamAverage: number;
}

export async function suggestCover(ctx: AppContext, request: { schedule: string; window: Window; for?: string }): Promise<CoverResult> {
  const store = await ctx.db();
  const { window } = request;
  const [schedule] = selectSchedules(store, { scheduleIds: [request.schedule], aliveAt: window.start });
  const all = listSchedules(store, { aliveAt: window.start });
  const shifts = finalShifts(store, all, window);
  const here = shifts.find((s) => s.schedule.id === schedule.id)!;
  const holders = [...new Set(stretches(here.segments).map((s) => s.person))];
  if (request.for !== undefined && !holders.includes(request.for)) {
    throw new UserError(`${request.for} is not on call in ${schedule.id} in that window; leave out --for or pick the person on call`);
  }
  const covering = request.for ?? (holders.length === 1 ? holders[0] : undefined);
  const team = teamMembersOf(store, schedule.team).filter((p) => p !== covering);
  if (team.length === 0) throw new UserError(`team ${schedule.team} has nobody else to ask; add members with "oncall team edit"`);

  const ruledOut: Ruled[] = [];
  for (const t of timeOffBetween(store, window.start, window.end)) {
    if (team.includes(t.person)) ruledOut.push({ person: t.person, why: 'time-off', start: t.start, end: t.end, ...(t.reason && { reason: t.reason }) });
  }
  // With --replaces, the override only takes the covered person's own stretches: someone on
  // call in this schedule at other times in the window can still take them.
  const needed = covering ? stretches(here.segments).filter((s) => s.person === covering).map((s) => overlap(s, window)!) : [window];
  for (const { schedule: other, segments } of shifts) {
    const clash = other.id === schedule.id ? needed : [window];
    for (const s of stretches(segments)) {
      if (!team.includes(s.person)) continue;
      for (const both of clash.map((w) => overlap(s, w)).filter((w) => w !== undefined)) {
        ruledOut.push({ person: s.person, why: other.id === schedule.id ? 'on-call-here' : 'on-call-elsewhere', schedule: other.id, ...both });
      }
    }
  }

  // The last 90 days up to now, whatever window is being covered.
  const recent = computeReport(store, { window: { start: addDays(ctx.now, -90, ctx.zone), end: ctx.now } });
  const carried = new Map(recent.people.map((p) => [p.person, p.hours]));
  const candidates = team
    .filter((p) => !ruledOut.some((r) => r.person === p))
    .map((person) => {
      const h = carried.get(person);
      return { person, recent: h?.total ?? 0, nightsAndWeekends: (h?.night ?? 0) + (h?.weekend ?? 0) };
    })
    // Less than an hour apart counts as equal, so nights and weekends decide.
    .sort((a, b) => beyondAnHour(a.recent - b.recent) || a.nightsAndWeekends - b.nightsAndWeekends || a.person.localeCompare(b.person));
  const teamAverage = team.reduce((sum, p) => sum + (carried.get(p)?.total ?? 0), 0) / team.length;
  return { schedule: schedule.id, window, ...(covering && { covering }), candidates, ruledOut, teamAverage };
}

function beyondAnHour(diff: number): number {
  return Math.abs(diff) < 3_600_000 ? 0 : diff;
}
