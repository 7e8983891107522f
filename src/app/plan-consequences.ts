// What a plan does to who is on call: the final shifts of each schedule it changes, resolved
// over one window before the plan is written and again after (inside the writing
// transaction, before it commits or rolls back), and compared. A dry run and a real apply
// therefore show the same consequences: both read what the write actually stored.

import type { HandChange, Plan, Shift, Window } from '../core/index.js';
import { handChanges, resolveSchedule } from '../core/index.js';
import { UnusableRotation } from '../errors.js';
import type { Store } from '../storage/store.js';
import { listSchedules, scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import { allUsable } from './usable.js';

export interface ScheduleConsequences {
  scheduleId: string;
  /** Who holds which time differently in the window, in order. */
  handChanges: HandChange[];
  /** Why the hand changes could not be worked out (a stored rotation that cannot be computed). */
  unknown?: string;
}

/**
 * The schedules whose final shifts the plan may change: those it changes or removes, with
 * their layers and overrides. A schedule the plan adds has no shifts to compare with.
 */
export function changedSchedules(plan: Plan): string[] {
  const added = new Set(plan.changes.filter((c) => c.entity === 'schedule' && c.action === 'add').map((c) => c.id));
  const ids = plan.changes.flatMap((c) => {
    if (c.entity === 'schedule') return [c.id];
    if (c.entity === 'layer' || c.entity === 'override') return [c.scheduleId];
    return [];
  });
  return [...new Set(ids)].filter((id) => !added.has(id));
}

/**
 * Reads the schedules' final shifts in `window` now, runs `write`, reads them again and
 * compares. Call it inside the transaction that writes, so both reads see the same database
 * but for what `write` changed.
 */
export async function withConsequences<T>(
  store: Store,
  scheduleIds: string[],
  window: Window,
  write: () => Promise<T>,
): Promise<{ result: T; consequences: ScheduleConsequences[] }> {
  // Read the list once, before writing: a schedule the plan removes is still named after.
  const schedules = scheduleIds.length > 0 ? await listSchedules(store, { ids: scheduleIds }) : [];
  const before: (Shift[] | string)[] = [];
  for (const s of schedules) before.push(await finalShifts(store, s, window));
  const result = await write();
  const consequences: ScheduleConsequences[] = [];
  for (const [i, schedule] of schedules.entries()) {
    const was = before[i];
    const will = await finalShifts(store, schedule, window);
    if (typeof was === 'string') consequences.push({ scheduleId: schedule.id, handChanges: [], unknown: was });
    else if (typeof will === 'string') consequences.push({ scheduleId: schedule.id, handChanges: [], unknown: will });
    else consequences.push({ scheduleId: schedule.id, handChanges: handChanges(was, will) });
  }
  return { result, consequences };
}

/** The final shifts, or what keeps them from being computed (the apply itself goes on). */
async function finalShifts(store: Store, schedule: ScheduleInfo, window: Window): Promise<Shift[] | string> {
  try {
    return allUsable(await scheduleInputs(store, [schedule], window), window, (input) => resolveSchedule(input, window))[0];
  } catch (error) {
    if (error instanceof UnusableRotation) return error.message;
    throw error;
  }
}
