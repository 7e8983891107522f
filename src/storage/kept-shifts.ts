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

/** A kept schedule's horizon and its final shifts over the time asked about. */
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

/** One schedule's final shifts, which tile the horizon they are kept for. */
export interface KeptSchedule {
  scheduleId: string;
  shifts: Shift[];
}

/**
 * Keeps these schedules' final shifts for `horizon` (forget them first). Rows of all the
 * schedules go in full batches: a batch per schedule made a statement of its own length for
 * each, which SQLite prepared anew every time.
 */
export async function keep(store: Store, schedules: KeptSchedule[], horizon: Window, engine: number): Promise<void> {
  const shifts = schedules.flatMap(({ scheduleId, shifts }) => shifts.map((s) => [scheduleId, s.start, s.end, s.person, s.source]));
  await insertRows(store, 'kept_shifts (schedule_id, start, "end", person, source)', shifts);
  const horizons = schedules.map(({ scheduleId, shifts }) => [
    scheduleId, horizon.start, horizon.end, engine, shifts.reduce((most, s) => Math.max(most, s.end - s.start), 0),
  ]);
  await insertRows(store, 'kept_horizons (schedule_id, start, "end", engine, longest)', horizons);
}

async function insertRows(store: Store, into: string, rows: unknown[][]): Promise<void> {
  for (let from = 0; from < rows.length; from += BATCH_ROWS) {
    const batch = rows.slice(from, from + BATCH_ROWS);
    const marks = `(${batch[0].map(() => '?').join(', ')})`;
    await store.sql.run(`INSERT INTO ${into} VALUES ${batch.map(() => marks).join(', ')}`, batch.flat());
  }
}

/**
 * What is kept, by this engine, for schedules whose horizon holds `at`: their final shifts
 * from the one at `at` to those that begin before `until`, as kept (not cut). Schedules not
 * in the map must be resolved.
 */
export function keptAt(store: Store, scheduleIds: string[], at: number, until: number, engine: number): Promise<Map<string, Kept>> {
  return readKept(store, scheduleIds, engine, 'h.start <= ? AND h."end" > ?', [at, at], { start: at, end: until });
}

/**
 * What is kept, by this engine, for schedules whose horizon covers `window`: their final
 * shifts cut to it, which are the window's own (resolution is local: a property test).
 */
export async function keptOver(store: Store, scheduleIds: string[], window: Window, engine: number): Promise<Map<string, Kept>> {
  const kept = await readKept(store, scheduleIds, engine, 'h.start <= ? AND h."end" >= ?', [window.start, window.end], window);
  for (const { shifts } of kept.values()) {
    if (shifts.length === 0) continue;
    shifts[0].start = Math.max(shifts[0].start, window.start);
    shifts[shifts.length - 1].end = Math.min(shifts[shifts.length - 1].end, window.end);
  }
  return kept;
}

/**
 * The kept shifts overlapping `rows` of the schedules whose horizon meets `horizon`, in one
 * statement. One schedule is looked up by its id; for more, every kept schedule is read (no
 * list of ids to prepare) and the others dropped. Each schedule's shifts come as one JSON
 * array: for the 28 000 shifts of a quarter, better-sqlite3 took 190 ms to make row objects
 * in a fresh process, and JSON.parse 45.
 */
async function readKept(
  store: Store, scheduleIds: string[], engine: number, horizon: string, horizonParams: number[], rows: Window,
): Promise<Map<string, Kept>> {
  const one = scheduleIds.length === 1;
  const covering = `h.engine = ? AND ${horizon}${one ? ' AND h.schedule_id = ?' : ''}`;
  const params = [engine, ...horizonParams, ...(one ? scheduleIds : [])];
  // A shift overlapping `rows` starts less than `longest` before it: the key (schedule_id,
  // start) then finds each schedule's rows, if the database loops over the horizons. SQLite
  // does so for a CROSS JOIN (it otherwise walked every kept row in key order); PostgreSQL
  // for a LATERAL subquery with aggregates (a plain join was a scan of every kept row).
  const fromSchedule = 'k.schedule_id = h.schedule_id AND k.start >= ? - h.longest AND k.start < ? AND k."end" > ?';
  const rowParams = [rows.start, rows.end, rows.start];
  let found: { id: string; start: number; end: number; shifts: KeptRow[] }[];
  if (store.backend === 'postgres') {
    // A column each: json_agg of one array per shift took the server 86 ms for a quarter,
    // four arrays of values 48. The aggregates of one group read the rows in the same order.
    const row = await store.sql.get<{ kept: string }>(
      `SELECT coalesce(json_agg(q), '[]')::text AS kept FROM (
         SELECT h.schedule_id AS id, h.start, h."end", k.starts, k.ends, k.people, k.sources FROM kept_horizons h,
         LATERAL (SELECT json_agg(k.start) AS starts, json_agg(k."end") AS ends, json_agg(k.person) AS people,
                         json_agg(k.source) AS sources FROM kept_shifts k WHERE ${fromSchedule}) k
         WHERE ${covering} AND k.starts IS NOT NULL) q`,
      [...rowParams, ...params],
    );
    const columns: { id: string; start: number; end: number; starts: number[]; ends: number[]; people: (string | null)[]; sources: (string | null)[] }[] = JSON.parse(row!.kept);
    found = columns.map((c) => ({ ...c, shifts: c.starts.map((start, i): KeptRow => [start, c.ends[i], c.people[i], c.sources[i]]) }));
  } else {
    const raw = await store.sql.all<{ id: string; start: number; end: number; shifts: string }>(
      `SELECT h.schedule_id AS id, h.start, h."end", json_group_array(json_array(k.start, k."end", k.person, k.source)) AS shifts
       FROM kept_horizons h CROSS JOIN kept_shifts k WHERE ${covering} AND ${fromSchedule} GROUP BY h.schedule_id`,
      [...params, ...rowParams],
    );
    found = raw.map((r) => ({ ...r, shifts: JSON.parse(r.shifts) as KeptRow[] }));
  }
  const wanted = new Set(scheduleIds);
  const kept = new Map<string, Kept>();
  for (const f of found) {
    if (!wanted.has(f.id)) continue;
    const shifts = f.shifts.map(([start, end, person, source]) => ({ start, end, person, source }));
    kept.set(f.id, { horizon: { start: f.start, end: f.end }, shifts: shifts.sort((a, b) => a.start - b.start) });
  }
  return kept;
}

/** A kept shift as the statement gives it: [start, end, person, source]. */
type KeptRow = [number, number, string | null, string | null];
