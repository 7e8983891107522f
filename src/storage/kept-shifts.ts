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
  const longest = shifts.reduce((most, s) => Math.max(most, s.end - s.start), 0);
  await store.sql.run('INSERT INTO kept_horizons (schedule_id, start, "end", engine, longest) VALUES (?, ?, ?, ?, ?)', [
    scheduleId, horizon.start, horizon.end, engine, longest,
  ]);
}

/**
 * What is kept, by this engine, for schedules whose horizon holds `at`: their final shifts
 * from the one at `at` to those that begin before `until`, as kept (not cut). Schedules not
 * in the map must be resolved. One schedule is looked up by its id; for more, every kept
 * schedule is read (one statement, no list of ids to prepare) and the others dropped.
 */
export async function keptAt(store: Store, scheduleIds: string[], at: number, until: number, engine: number): Promise<Map<string, Kept>> {
  const one = scheduleIds.length === 1;
  const covering = `h.engine = ? AND h.start <= ? AND h."end" > ?${one ? ' AND h.schedule_id = ?' : ''}`;
  const params = [engine, at, at, ...(one ? scheduleIds : [])];
  const horizonSql = `SELECT h.schedule_id AS id, h.start, h."end" FROM kept_horizons h WHERE ${covering}`;
  // The shift at `at` starts less than `longest` before it: the key (schedule_id, start)
  // then finds each schedule's few rows, if the database loops over the horizons. SQLite
  // does so for a CROSS JOIN (it otherwise walked every kept row in key order); PostgreSQL
  // for a LATERAL subquery it may not flatten (OFFSET 0), where it otherwise scanned them all.
  const fromSchedule = 'k.schedule_id = h.schedule_id AND k.start >= ? - h.longest AND k.start < ? AND k."end" > ?';
  const columns = 'k.schedule_id AS id, k.start, k."end", k.person, k.source';
  const [horizons, rows] = store.backend === 'postgres'
    ? await asJson(store, horizonSql, params,
      `SELECT ${columns} FROM kept_horizons h, LATERAL (SELECT * FROM kept_shifts k WHERE ${fromSchedule} OFFSET 0) k WHERE ${covering}`,
      [at, until, at, ...params])
    : [
      await store.sql.all<HorizonRow>(horizonSql, params),
      await store.sql.all<ShiftRow>(`SELECT ${columns} FROM kept_horizons h CROSS JOIN kept_shifts k WHERE ${covering} AND ${fromSchedule}`, [...params, at, until, at]),
    ];
  const wanted = new Set(scheduleIds);
  const kept = new Map<string, Kept>(
    horizons.filter((h) => wanted.has(h.id)).map((h) => [h.id, { horizon: { start: h.start, end: h.end }, shifts: [] }]),
  );
  for (const row of rows) kept.get(row.id)?.shifts.push({ start: row.start, end: row.end, person: row.person, source: row.source });
  for (const { shifts } of kept.values()) shifts.sort((a, b) => a.start - b.start);
  return kept;
}

interface HorizonRow {
  id: string;
  start: number;
  end: number;
}

interface ShiftRow {
  id: string;
  start: number;
  end: number;
  person: string | null;
  source: string | null;
}

/** Both reads in one round trip on PostgreSQL, as JSON (see asJsonOnPostgres in read.ts). */
async function asJson(
  store: Store, horizonSql: string, horizonParams: unknown[], shiftSql: string, shiftParams: unknown[],
): Promise<[HorizonRow[], ShiftRow[]]> {
  const json = (sql: string) => `(SELECT coalesce(json_agg(q), '[]') FROM (${sql}) q)::text`;
  const row = await store.sql.get<{ horizons: string; shifts: string }>(
    `SELECT ${json(horizonSql)} AS horizons, ${json(shiftSql)} AS shifts`, [...horizonParams, ...shiftParams]);
  return [JSON.parse(row!.horizons) as HorizonRow[], JSON.parse(row!.shifts) as ShiftRow[]];
}
