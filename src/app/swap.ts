// `oncall swap`: two people exchange whole shifts. The shift of one person that contains the
// given time is exchanged with the other person's next shift; the result is two overrides
// with `replaces`, written together.

import type { Config, OverrideConfig, Shift } from '../core/index.js';
import { isoUtc, resolveSchedule, shiftAt, DAY_MS, findById } from '../core/index.js';
import { UserError } from '../errors.js';
import { scheduleInputs, listSchedules } from '../storage/read.js';
import type { AppContext } from './context.js';
import { changeConfig, type ChangeOptions } from './change-config.js';
import { allUsable } from './usable.js';
import { refuseIneffective } from './override-effect.js';

const SEARCH = 120 * DAY_MS;

export interface SwapRequest {
  scheduleId: string;
  shiftOf: string;
  with: string;
  at: number;
}

export function swapShifts(ctx: AppContext, request: SwapRequest, options: ChangeOptions = {}) {
  return changeConfig(ctx, { ...options, afterWrite: refuseIneffective }, (config: Config, { store, note }) => {
    const schedule = findById(config.schedules, request.scheduleId, 'schedule');
    const info = listSchedules(store).find((s) => s.id === schedule.id)!;
    const window = { start: request.at - SEARCH, end: request.at + SEARCH };
    const [shifts] = allUsable(scheduleInputs(store, [info], window), window, (input) => resolveSchedule(input, window));
    const mine = shiftAt(shifts, request.at);
    if (!mine || mine.person !== request.shiftOf) {
      throw new UserError(
        `${request.shiftOf} is not on call in ${schedule.id} at that time (${mine?.person ?? 'nobody'} is); pick a time inside one of their shifts`,
      );
    }
    if (mine.end <= ctx.now) throw new UserError(`that shift of ${request.shiftOf} is over, and the past is never rewritten; pick a time from now on`);
    const theirs = shifts.find((s: Shift) => s.start >= mine.end && s.person === request.with);
    if (!theirs) throw new UserError(`${request.with} has no shift in ${schedule.id} in the 120 days after that one`);
    const reason = `swap: ${request.shiftOf} ↔ ${request.with}`;
    const pair: OverrideConfig[] = [
      { person: request.with, from: mine.start, to: mine.end, replaces: request.shiftOf, reason },
      { person: request.shiftOf, from: theirs.start, to: theirs.end, replaces: request.with, reason },
    ];
    schedule.overrides.push(...pair);
    const when = (s: Shift) => `${isoUtc(s.start)} → ${isoUtc(s.end)}`;
    note(`schedule:${schedule.id}`, 'swap', { [request.shiftOf]: when(mine), [request.with]: when(theirs) });
    return pair;
  });
}
