// Calendar sync targets: which remote calendar shows which schedule's (or person's) shifts.

import { InputError, UserError } from '../errors.js';
import { listPeople, listSchedules } from '../storage/read.js';
import { addTarget, listTargets, removeTarget, type NewTarget, type TargetRow } from '../storage/targets.js';
import type { AppContext } from './context.js';
import { findById, MAX_SYNC_DAYS } from '../core/index.js';
import { peerText } from '../calendars/scrub.js';

/** A sync target as stored, with its last run's counts and error. */
export type CalendarTarget = TargetRow;

export async function addCalendarTarget(ctx: AppContext, target: NewTarget): Promise<TargetRow> {
  const store = await ctx.store();
  if ((target.scheduleId === null) === (target.personId === null)) {
    throw new InputError('target', (flag) => `give exactly one of ${flag ?? 'a schedule and a person'} whose shifts the calendar shows`);
  }
  if (target.scheduleId !== null) findById(await listSchedules(store), target.scheduleId, 'schedule');
  if (target.personId !== null) findById(await listPeople(store), target.personId, 'person');
  if (target.days < 1 || target.days > MAX_SYNC_DAYS) throw new InputError('days', (flag) => `${flag ?? 'the days ahead'} must be between 1 and ${MAX_SYNC_DAYS}`);
  return await addTarget(store, target, ctx.now);
}

/** The targets; a last error recorded by an older version, which did not scrub, is scrubbed on the way out. */
export async function calendarTargets(ctx: AppContext): Promise<TargetRow[]> {
  return (await listTargets(await ctx.store())).map((t) => (t.lastError === null ? t : { ...t, lastError: peerText(t.lastError) }));
}

export async function removeCalendarTarget(ctx: AppContext, id: number): Promise<void> {
  if (!await removeTarget(await ctx.store(), id)) {
    throw new UserError(`unknown target ${id}; "oncall calendar list" shows the targets`);
  }
}

export function describeTarget(t: TargetRow): string {
  const what = t.scheduleId ? `schedule ${t.scheduleId}` : `person ${t.personId}`;
  return `${t.provider} calendar "${t.calendarId}" ← ${what}, ${t.days} days ahead`;
}
