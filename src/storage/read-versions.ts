// A schedule's layer versions that are in force at or after an instant: what `schedule show`
// and `layer show` need to tell the current definition from those that start later.

import { and, asc, eq, gt, isNotNull, isNull, or } from 'drizzle-orm';
import type { RotationPosition } from '../core/index.js';
import type { Store } from './store.js';
import { rotationPositionOfRow, type LayerRow } from './rows.js';

/** Versions not yet closed at `at`, in the order they start (the first definition first). */
export async function layerVersionsFrom(store: Store, scheduleId: string, at: number): Promise<LayerRow[]> {
  const { db, t } = await store.orm();
  return db
    .select()
    .from(t.layers)
    .where(and(eq(t.layers.scheduleId, scheduleId), or(isNull(t.layers.validTo), gt(t.layers.validTo, at))))
    // PostgreSQL puts nulls last in ascending order, SQLite first: the first definition (null) leads on both.
    .orderBy(asc(isNotNull(t.layers.validFrom)), asc(t.layers.validFrom), asc(t.layers.position));
}

/** The latest version of one layer (the one not closed yet), if the layer exists. */
export async function openLayerVersion(store: Store, scheduleId: string, layerId: string): Promise<LayerRow | undefined> {
  const { db, t } = await store.orm();
  const [row] = await db
    .select()
    .from(t.layers)
    .where(and(eq(t.layers.scheduleId, scheduleId), eq(t.layers.layerId, layerId), isNull(t.layers.validTo)));
  return row;
}

/** "schedule/layer" → where the latest version keeps its rotation's position, for those that do. */
export async function openRotationPositions(store: Store): Promise<Map<string, RotationPosition>> {
  const { db, t } = await store.orm();
  const rows = await db.select().from(t.layers).where(and(isNull(t.layers.validTo), isNotNull(t.layers.rotationStart)));
  return new Map(rows.map((row) => [`${row.scheduleId}/${row.layerId}`, rotationPositionOfRow(row)!]));
}
