// Reading time off for `oncall timeoff`: a person's zone (their bounds are read there) and
// the time off to list.

import { FOREVER, FOREVER_AGO, findById } from '../core/index.js';
import { listPeople } from '../storage/read.js';
import { timeOffBetween, type TimeOffRow } from '../storage/read-time-off.js';
import type { AppContext } from './context.js';

export type TimeOffEntry = TimeOffRow;

/** The zone a person's time off is read in ("2026-12-24" is their Christmas Eve); UTC when they have none. */
export async function personZone(ctx: AppContext, id: string): Promise<string> {
  return findById(await listPeople(await ctx.store()), id, 'person').timezone ?? 'UTC';
}

/** Time off in progress and to come (with `all`, the past too), by start. */
export async function listTimeOff(ctx: AppContext, filter: { person?: string; all?: boolean }): Promise<TimeOffEntry[]> {
  return await timeOffBetween(await ctx.store(), filter.all ? FOREVER_AGO : ctx.now, FOREVER, filter.person);
}
