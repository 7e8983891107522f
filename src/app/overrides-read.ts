// Overrides as people list and remove them by id (`oncall override list|rm`).

import { listOverrides, listSchedules, overrideById, type OverrideListing } from '../storage/read.js';
import { UserError } from '../errors.js';
import type { AppContext } from './context.js';
import { removeOverride } from './manage-schedules.js';
import { findById } from '../core/index.js';

export type { OverrideListing } from '../storage/read.js';

/** Overrides that end after `from`, of one schedule or all. */
export async function overridesFrom(ctx: AppContext, scheduleId: string | undefined, from: number): Promise<OverrideListing[]> {
  const store = await ctx.store();
  if (scheduleId) findById(await listSchedules(store), scheduleId, 'schedule');
  return await listOverrides(store, scheduleId, from);
}

/** Removes override `id`: one in progress ends now; the past stays. */
export async function removeOverrideById(ctx: AppContext, id: number) {
  const row = await overrideById(await ctx.store(), id);
  if (!row || row.removedAt !== null) throw new UserError(`no override ${id}; "oncall override list" shows their ids`);
  return removeOverride(ctx, row.scheduleId, {
    person: row.person,
    from: row.start,
    to: row.end,
    ...(row.replaces && { replaces: row.replaces }),
    ...(row.reason && { reason: row.reason }),
  });
}
