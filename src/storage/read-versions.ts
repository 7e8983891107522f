// A schedule's layer versions that are in force at or after an instant: what `schedule show`
// and `layer show` need to tell the current definition from those that start later.

import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from './open.js';
import { layers } from './schema.js';
import type { LayerRow } from './rows.js';

/** Versions not yet closed at `at`, in the order they start (the first definition first). */
export function layerVersionsFrom(db: Db, scheduleId: string, at: number): LayerRow[] {
  return db
    .select()
    .from(layers)
    .where(and(eq(layers.scheduleId, scheduleId), or(isNull(layers.validTo), gt(layers.validTo, at))))
    .orderBy(asc(layers.validFrom), asc(layers.position))
    .all();
}
