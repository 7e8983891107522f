// `oncall check`: problems in the rota over the coming days, before they happen. The rules
// are in core (rota-problems); this loads what they look at.

import type { Problem, ProblemKind, Window } from '../core/index.js';
import { addDays, rotaProblems } from '../core/index.js';
import { timeOffBetween } from '../storage/read-time-off.js';
import type { AppContext } from './context.js';
import { currentConfig } from './current-config.js';
import { finalShifts } from './final-shifts.js';
import { selectSchedules } from './select-schedules.js';
import { idleReplacements } from './override-effect.js';

export { PROBLEM_KINDS, isProblemKind, type Problem, type ProblemKind } from '../core/index.js';

export interface CheckResult {
  window: Window;
  schedules: string[];
  problems: Problem[];
}

export async function checkRota(ctx: AppContext, options: { days: number; scheduleIds?: string[]; ignore?: ProblemKind[] }): Promise<CheckResult> {
  const store = await ctx.store();
  const window = { start: ctx.now, end: addDays(ctx.now, options.days, ctx.zone) };
  const config = await currentConfig(ctx);
  const disabled = new Set(config.schedules.filter((s) => s.disabled).map((s) => s.id));
  const chosen = (await selectSchedules(store, { scheduleIds: options.scheduleIds, aliveAt: ctx.now })).filter((s) => !disabled.has(s.id));
  // Double bookings need the team's other schedules even when only one was asked about.
  const teams = new Set(chosen.map((s) => s.team));
  const teamSchedules = (await selectSchedules(store, { aliveAt: ctx.now })).filter((s) => teams.has(s.team) && !disabled.has(s.id));
  const team = await finalShifts(ctx, store, teamSchedules, window);
  const problems = rotaProblems(
    {
      window,
      mine: team.filter((s) => chosen.some((c) => c.id === s.schedule.id)),
      team,
      definitions: config.schedules.filter((s) => chosen.some((c) => c.id === s.id)),
      timeOff: await timeOffBetween(store, window.start, window.end),
      noEffect: options.ignore?.includes('no-effect') ? [] : await idleReplacements(store, chosen.filter((s) => !ctx.setAside.has(s.id)), window),
    },
    options.ignore,
  );
  // Schedules set aside (usable.ts) were not checked.
  return { window, schedules: chosen.map((s) => s.id).filter((id) => !ctx.setAside.has(id)), problems };
}
