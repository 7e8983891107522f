// A schedule's layer versions that are in force at or after an instant: what `schedule show`
// and `layer show` need to tell the current definition from those that start later.

import { and, asc, eq, gt, isNotNull, isNull, or } from 'drizzle-orm';
import type { RotationPosition } from '../core/index.js';
import type { Db } from './open.js';
import { layers } from './schema.js';
import { rotationPositionOfRow, type LayerRow } from './rows.js';

/** Versions not yet closed at `at`, in the order they start (the first definition first). */
export function layerVersionsFrom(db: Db, scheduleId: string, at: number): LayerRow[] {
  return db
    .select()
    .from(layers)
    .where(and(eq(layers.scheduleId, scheduleId), or(isNull(layers.validTo), gt(layers.validTo, at))))
    .orderBy(asc(layers.validFrom), asc(layers.position))
    .all();
}

/** The latest version of one layer (the one not closed yet), if the layer exists. */
export function openLayerVersion(db: Db, scheduleId: string, layerId: string): LayerRow | undefined {
  return db
    .select()
    .from(layers)
    .where(and(eq(layers.scheduleId, scheduleId), eq(layers.layerId, layerId), isNull(layers.validTo)))
    .get();
}

/** "schedule/layer" → where the latest version keeps its rotation's position, for those that do. */
export function openRotationPositions(db: Db): Map<string, RotationPosition> {
  const rows = db.select().from(layers).where(and(isNull(layers.validTo), isNotNull(layers.rotationStart))).all();
  return new Map(rows.map((row) => [`${row.scheduleId}/${row.layerId}`, rotationPositionOfRow(row)!]));
}
