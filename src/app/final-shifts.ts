// The final shifts of many schedules over one window: what `check`, `report` and `cover`
// look at. (Continuous shifts and overlaps of windows are in core.)

import type { FinalShifts, Window } from '../core/index.js';
import { resolveSchedule } from '../core/index.js';
import type { Store } from '../storage/store.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import type { AppContext } from './context.js';
import { eachUsable } from './usable.js';
import { keptOver } from '../storage/kept-shifts.js';
import { KEPT_ENGINE } from './kept-shifts.js';

export interface ScheduleShifts extends FinalShifts {
  schedule: ScheduleInfo;
  /** Everyone in the rotation of any layer version in the window. */
  members: string[];
}

/** Schedules whose rotation cannot be computed in the window are left out (set aside on `ctx`). */
export async function finalShifts(ctx: AppContext, store: Store, schedules: ScheduleInfo[], window: Window): Promise<ScheduleShifts[]> {
  // The shifts the last write kept, where they cover the window, are what resolution gives;
  // when every schedule has them, only the layers are read (for `members`).
  const kept = await keptOver(store, schedules.map((s) => s.id), window, KEPT_ENGINE);
  const inputs = await scheduleInputs(store, schedules, window, schedules.every((s) => kept.has(s.id)));
  return eachUsable(ctx, inputs, window, (input, i) => ({
    schedule: schedules[i],
    shifts: kept.get(input.id)?.shifts ?? resolveSchedule(input, window),
    members: [...new Set(input.layers.filter((l) => !l.disabled).flatMap((l) => l.members))],
  })).flatMap((s) => s ?? []);
}
