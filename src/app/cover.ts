// `oncall cover`: who could take a window of a schedule. Candidates are the schedule's team;
// people on time off or on call elsewhere then are ruled out; the rest are ranked by how
// much they carried in the last 90 days, nights and weekends breaking ties.

import type { Candidate, Ruled, Window } from '../core/index.js';
import { addDays, holdersOf, rankCover } from '../core/index.js';
import { InputError, UserError } from '../errors.js';
import { listSchedules } from '../storage/read.js';
import { teamMembersOf } from '../storage/read-policies.js';
import { timeOffBetween } from '../storage/read-time-off.js';
import type { AppContext } from './context.js';
import { finalShifts } from './final-shifts.js';
import { computeReport } from './report.js';
import { failSetAside } from './usable.js';
import { selectSchedules } from './select-schedules.js';

export type { Candidate, Ruled } from '../core/index.js';

export interface CoverResult {
  schedule: string;
  window: Window;
  /** The person being covered: the one asked for, else whoever holds the whole window. */
  covering?: string;
  candidates: Candidate[];
  ruledOut: Ruled[];
  teamAverage: number;
}

export async function suggestCover(ctx: AppContext, request: { schedule: string; window: Window; for?: string }): Promise<CoverResult> {
  const store = await ctx.store();
  const { window } = request;
  const [schedule] = await selectSchedules(store, { scheduleIds: [request.schedule], aliveAt: window.start });
  const all = await listSchedules(store, { aliveAt: window.start });
  const shifts = await finalShifts(ctx, store, all, window);
  const here = shifts.find((s) => s.schedule.id === schedule.id) ?? failSetAside(ctx, schedule.id);
  const holders = holdersOf(here.shifts);
  if (request.for !== undefined && !holders.includes(request.for)) {
    const who = request.for;
    throw new InputError('for', (flag) => `${who} is not on call in ${schedule.id} in that window; ${flag ? `leave out ${flag}` : 'cover nobody in particular'} or pick the person on call`);
  }
  const covering = request.for ?? (holders.length === 1 ? holders[0] : undefined);
  const team = (await teamMembersOf(store, schedule.team)).filter((p) => p !== covering);
  if (team.length === 0) throw new UserError(`team ${schedule.team} has nobody else to ask; add members with "oncall team edit"`);

  // The last 90 days up to now, whatever window is being covered.
  const recent = await computeReport(ctx, store, { window: { start: addDays(ctx.now, -90, ctx.zone), end: ctx.now } });
  const carried = new Map(recent.people.map((p) => [p.person, { total: p.hours.total, nightsAndWeekends: p.hours.night + p.hours.weekend }]));
  const ranking = rankCover({ here, window, covering, team, shifts, timeOff: await timeOffBetween(store, window.start, window.end), carried });
  return { schedule: schedule.id, window, ...(covering && { covering }), ...ranking };
}
