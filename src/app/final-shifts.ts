// The final shifts of many schedules over one window: what `check`, `report` and `cover`
// look at. (Continuous shifts and overlaps of windows are in core.)

import type { FinalShifts, Window } from '../core/index.js';
import { resolveSchedule } from '../core/index.js';
import type { Store } from '../storage/open.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';

export interface ScheduleShifts extends FinalShifts {
  schedule: ScheduleInfo;
  /** Everyone in the rotation of any layer version in the window. */
  members: string[];
}

export function finalShifts(store: Store, schedules: ScheduleInfo[], window: Window): ScheduleShifts[] {
  const inputs = scheduleInputs(store, schedules, window);
  return schedules.map((schedule, i) => ({
    schedule,
    shifts: resolveSchedule(inputs[i], window),
    members: [...new Set(inputs[i].layers.filter((l) => !l.disabled).flatMap((l) => l.members))],
  }));
}
