// `oncall swap`: two people exchange whole turns of one layer (core/swap-plan.ts decides which
// and how). The overrides that do it are written together, in one change.

import type { Config, Problem, SwapPlan } from '../core/index.js';
import { findById, isoUtc, overrideWarnings, planSwap, swapWindow } from '../core/index.js';
import { scheduleInputs, listSchedules } from '../storage/read.js';
import { timeOffBetween } from '../storage/read-time-off.js';
import { finalShifts } from './final-shifts.js';
import type { AppContext } from './context.js';
import { changeConfig, type ChangeOptions } from './change-config.js';
import { allUsable } from './usable.js';
import { refuseIneffective } from './override-effect.js';

export interface SwapRequest {
  scheduleId: string;
  shiftOf: string;
  with: string;
  at: number;
}

export function swapShifts(ctx: AppContext, request: SwapRequest, options: ChangeOptions = {}) {
  return changeConfig(ctx, { ...options, afterWrite: refuseIneffective }, async (config: Config, { store, note }): Promise<SwapPlan> => {
    const schedule = findById(config.schedules, request.scheduleId, 'schedule');
    const info = (await listSchedules(store)).find((s) => s.id === schedule.id)!;
    const window = swapWindow(request.at);
    const [plan] = allUsable(await scheduleInputs(store, [info], window), window, (input) => planSwap(input, request, ctx.now));
    for (const turn of plan.turns) schedule.overrides.push(...turn.overrides);
    const when = (t: { start: number; end: number }) => `${isoUtc(t.start)} → ${isoUtc(t.end)}`;
    const [given, taken] = plan.turns;
    note(`schedule:${schedule.id}`, 'swap', { [request.shiftOf]: when(given), [request.with]: when(taken) });
    return plan;
  });
}

/**
 * The swap, then what `check` would say about each person during the turn they take (time
 * off, on call elsewhere in the team), as `override add` warns: a swap is overrides too.
 */
export async function swapChecked(ctx: AppContext, request: SwapRequest) {
  const result = await swapShifts(ctx, request);
  const warnings: Problem[] = [];
  if (result.plan.changes.length > 0) {
    const store = await ctx.store();
    const info = (await listSchedules(store)).find((s) => s.id === request.scheduleId)!;
    for (const turn of result.value.turns) {
      const window = { start: Math.max(turn.start, ctx.now), end: turn.end };
      if (window.start >= window.end) continue;
      const team = await finalShifts(ctx, store, await listSchedules(store, { team: info.team }), window);
      const here = team.find((s) => s.schedule.id === request.scheduleId);
      const timeOff = await timeOffBetween(store, window.start, window.end, turn.takenBy);
      if (here) warnings.push(...overrideWarnings(turn.takenBy, here, team, timeOff));
    }
  }
  return { ...result, warnings };
}
