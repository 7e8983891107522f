// Final shifts kept for a horizon (tables kept_horizons and kept_shifts): what `who` reads
// instead of resolving every schedule. Triggers forget a schedule's horizon whenever its
// layers, overrides or own row change, in that same transaction (drizzle/0007, drizzle/pg/0001);
// app/kept-shifts.ts keeps them again before the write commits.

import type { Shift, Window } from '../core/index.js';
import type { Store } from './store.js';

/**
 * The tables of kept shifts. Derived rows: a copy writes them after every other table, whose
 * rows would otherwise make the triggers forget them.
 */
export const KEPT_TABLES = ['kept_horizons', 'kept_shifts'];

/** A kept schedule's horizon and its final shifts inside the window asked about. */
export interface Kept {
  horizon: Window;
  shifts: Shift[];
}

/** Rows per INSERT: one statement for many rows, far below both backends' parameter limits. */
const BATCH_ROWS = 500;

/**
 * Schedules with no horizon kept by this engine (their definitions changed in this
 * transaction, or nothing was ever kept for them), and deleted ones with shifts still kept.
 */
export async function forgottenSchedules(store: Store, engine: number): Promise<string[]> {
  const rows = await store.sql.all<{ id: string }>(
    `SELECT s.id FROM schedules s LEFT JOIN kept_horizons h ON h.schedule_id = s.id
     WHERE (h.schedule_id IS NULL OR h.engine <> ?)
       AND (s.deleted_at IS NULL OR EXISTS (SELECT 1 FROM kept_shifts k WHERE k.schedule_id = s.id))`,
    [engine],
  );
  return rows.map((r) => r.id);
}

/** Schedules whose kept horizon does not cover `need`. */
export async function schedulesKeptShort(store: Store, need: Window): Promise<string[]> {
  const rows = await store.sql.all<{ id: string }>(
    'SELECT schedule_id AS id FROM kept_horizons WHERE start > ? OR "end" < ?',
    [need.start, need.end],
  );
  return rows.map((r) => r.id);
}

/** Forgets what is kept for these schedules. */
export async function forgetKept(store: Store, scheduleIds: string[]): Promise<void> {
  for (let from = 0; from < scheduleIds.length; from += BATCH_ROWS) {
    const ids = scheduleIds.slice(from, from + BATCH_ROWS);
    const marks = ids.map(() => '?').join(', ');
    await store.sql.run(`DELETE FROM kept_shifts WHERE schedule_id IN (${marks})`, ids);
    await store.sql.run(`DELETE FROM kept_horizons WHERE schedule_id IN (${marks})`, ids);
  }
}

/** Keeps a schedule's final shifts, which tile `horizon` (forget it first). */
export async function keep(store: Store, scheduleId: string, horizon: Window, engine: number, shifts: Shift[]): Promise<void> {
  for (let from = 0; from < shifts.length; from += BATCH_ROWS) {
    const batch = shifts.slice(from, from + BATCH_ROWS);
    await store.sql.run(
      `INSERT INTO kept_shifts (schedule_id, start, "end", person, source) VALUES ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      batch.flatMap((s) => [scheduleId, s.start, s.end, s.person, s.source]),
    );
  }
  await store.sql.run('INSERT INTO kept_horizons (schedule_id, start, "end", engine) VALUES (?, ?, ?, ?)', [
    scheduleId, horizon.start, horizon.end, engine,
  ]);
}

/**
 * What is kept, by this engine, for schedules whose horizon covers `window`: their final
 * shifts overlapping it, cut to it. Schedules not in the map must be resolved (all of them
 * when asked about more than one statement should list).
 */
export async function keptIn(store: Store, scheduleIds: string[], window: Window, engine: number): Promise<Map<string, Kept>> {
  if (scheduleIds.length === 0 || scheduleIds.length > BATCH_ROWS) return new Map();
  const covering = `h.schedule_id IN (${scheduleIds.map(() => '?').join(', ')}) AND h.engine = ? AND h.start <= ? AND h."end" >= ?`;
  const params = [...scheduleIds, engine, window.start, window.end];
  const horizons = await store.sql.all<{ id: string; start: number; end: number }>(
    `SELECT h.schedule_id AS id, h.start, h."end" FROM kept_horizons h WHERE ${covering}`,
    params,
  );
  const kept = new Map<string, Kept>(horizons.map((h) => [h.id, { horizon: { start: h.start, end: h.end }, shifts: [] }]));
  if (kept.size === 0) return kept;
  // The key (schedule_id, start) finds each schedule's rows; "end" > … drops the earlier ones.
  const rows = await store.sql.all<{ id: string; start: number; end: number; person: string | null; source: string | null }>(
    `SELECT k.schedule_id AS id, k.start, k."end", k.person, k.source FROM kept_horizons h
     JOIN kept_shifts k ON k.schedule_id = h.schedule_id AND k.start < ? AND k."end" > ?
     WHERE ${covering}
     ORDER BY k.schedule_id, k.start`,
    [window.end, window.start, ...params],
  );
  for (const row of rows) {
    kept.get(row.id)?.shifts.push({
      start: Math.max(row.start, window.start),
      end: Math.min(row.end, window.end),
      person: row.person,
      source: row.source,
    });
  }
  return kept;
}
