// Calendar sync targets and their last-sync status.

import { asc, eq } from 'drizzle-orm';
import type { calendarTargets } from './schema.js';
import type { Store } from './store.js';

export type TargetRow = typeof calendarTargets.$inferSelect;
export type NewTarget = Pick<TargetRow, 'provider' | 'calendarId' | 'scheduleId' | 'personId' | 'days'>;

export async function addTarget(store: Store, target: NewTarget, now: number): Promise<TargetRow> {
  const { db, t } = await store.orm();
  return store.write(async () => (await db.insert(t.calendarTargets).values({ ...target, createdAt: now }).returning())[0]);
}

export async function listTargets(store: Store): Promise<TargetRow[]> {
  const { db, t } = await store.orm();
  return db.select().from(t.calendarTargets).orderBy(asc(t.calendarTargets.id));
}

export async function removeTarget(store: Store, id: number): Promise<boolean> {
  const { db, t } = await store.orm();
  return store.write(async () => {
    const removed = await db.delete(t.calendarTargets).where(eq(t.calendarTargets.id, id)).returning({ id: t.calendarTargets.id });
    return removed.length > 0;
  });
}

export interface SyncOutcome {
  at: number;
  syncedUntil?: number;
  created: number;
  updated: number;
  deleted: number;
  error?: string;
}

/** Records a sync: counts of the last run, and its error (a success clears the last error). */
export async function recordSync(store: Store, id: number, outcome: SyncOutcome): Promise<void> {
  const { db, t } = await store.orm();
  await store.write(async () => {
    await db
      .update(t.calendarTargets)
      .set({
        lastSyncAt: outcome.at,
        created: outcome.created,
        updated: outcome.updated,
        deleted: outcome.deleted,
        ...(outcome.syncedUntil !== undefined && { syncedUntil: outcome.syncedUntil }),
        lastError: outcome.error ?? null,
        lastErrorAt: outcome.error ? outcome.at : null,
      })
      .where(eq(t.calendarTargets.id, id));
  });
}
