// Calendar sync targets and their last-sync status.

import { asc, eq } from 'drizzle-orm';
import type { Db } from './open.js';
import { calendarTargets } from './schema.js';
import { writeTransaction } from './write-lock.js';

export type TargetRow = typeof calendarTargets.$inferSelect;
export type NewTarget = Pick<TargetRow, 'provider' | 'calendarId' | 'scheduleId' | 'personId' | 'days'>;

export function addTarget(db: Db, target: NewTarget, now: number): TargetRow {
  return writeTransaction(db, (tx) => tx.insert(calendarTargets).values({ ...target, createdAt: now }).returning().get());
}

export function listTargets(db: Db): TargetRow[] {
  return db.select().from(calendarTargets).orderBy(asc(calendarTargets.id)).all();
}

export function removeTarget(db: Db, id: number): boolean {
  return writeTransaction(db, (tx) => tx.delete(calendarTargets).where(eq(calendarTargets.id, id)).run().changes > 0);
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
export function recordSync(db: Db, id: number, outcome: SyncOutcome): void {
  writeTransaction(db, (tx) =>
    tx
      .update(calendarTargets)
      .set({
        lastSyncAt: outcome.at,
        created: outcome.created,
        updated: outcome.updated,
        deleted: outcome.deleted,
        ...(outcome.syncedUntil !== undefined && { syncedUntil: outcome.syncedUntil }),
        lastError: outcome.error ?? null,
        lastErrorAt: outcome.error ? outcome.at : null,
      })
      .where(eq(calendarTargets.id, id))
      .run(),
  );
}
