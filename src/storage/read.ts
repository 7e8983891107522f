// The hot read path: what `who`, `shifts` and `next` need, as prepared SQL statements on
// the SQLite handle (no drizzle import; see Store in open.ts). Rows are mapped to the same
// shapes drizzle would return, so rows.ts serves both paths.

import type { ChangeHistory, PersonConfig, ScheduleInput, Window } from '../core/index.js';
import type { Store } from './store.js';
import { inTextOrder, layerFromRow, overrideFromRow, type LayerRow, type OverrideRow } from './rows.js';

export interface ScheduleInfo {
  id: string;
  team: string;
  name: string;
  timezone: string;
}

/**
 * Schedules that exist at `aliveAt` (default: not deleted at all). A deleted schedule keeps
 * answering for the time before its deletion.
 */
export async function listSchedules(
  store: Store,
  filter: { ids?: string[]; team?: string; aliveAt?: number } = {},
): Promise<ScheduleInfo[]> {
  const all = await store.sql.all<ScheduleInfo>(
    'SELECT id, team_id AS team, name, timezone FROM schedules WHERE deleted_at IS NULL OR deleted_at > ?',
    [filter.aliveAt ?? Number.MAX_SAFE_INTEGER],
  );
  return inTextOrder(all, (s) => s.id).filter(
    (s) => (!filter.ids?.length || filter.ids.includes(s.id)) && (!filter.team || s.team === filter.team),
  );
}

const LAYER_COLUMNS = `row_id AS "rowId", schedule_id AS "scheduleId", layer_id AS "layerId", position, priority,
  timezone, start, "end", shift, handoffs, members, restrictions, disabled, schedule_disabled AS "scheduleDisabled",
  valid_from AS "validFrom", valid_to AS "validTo", rotation_start AS "rotationStart", rotation_offset AS "rotationOffset"`;

const OVERRIDE_COLUMNS = `id, schedule_id AS "scheduleId", person_id AS "personId", start, "end", replaces,
  reason, effective_from AS "effectiveFrom", created_at AS "createdAt", removed_at AS "removedAt"`;

/**
 * Everything the core needs to resolve these schedules inside `window`; with `layersOnly`,
 * their layers without overrides (for schedules whose final shifts are kept).
 */
export async function scheduleInputs(store: Store, list: ScheduleInfo[], window: Window, layersOnly = false): Promise<ScheduleInput[]> {
  if (list.length === 0) return [];
  const inputs = new Map<string, ScheduleInput>(
    list.map((s) => [s.id, { id: s.id, timezone: s.timezone, layers: [], overrides: [] }]),
  );
  // Few layer rows exist even after years of history; filtering by schedule in JS keeps one
  // statement for any number of schedules. One schedule is filtered in SQL: on PostgreSQL,
  // turning every schedule's layers into JSON cost `who --schedule` 8 ms of server time.
  const one = list.length === 1;
  const layerSql = `SELECT ${LAYER_COLUMNS} FROM layers
       WHERE (valid_from IS NULL OR valid_from < ?) AND (valid_to IS NULL OR valid_to > ?)${one ? ' AND schedule_id = ?' : ''}`;
  const layerParams = one ? [window.end, window.start, list[0].id] : [window.end, window.start];
  const overrideSql = `SELECT ${OVERRIDE_COLUMNS} FROM overrides
     WHERE "end" > ? AND start < ? AND (removed_at IS NULL OR removed_at > start)${one ? ' AND schedule_id = ?' : ''}`;
  const overrideParams = one ? [window.start, window.end, list[0].id] : [window.start, window.end];
  const [layerRows, overrideRows] = store.backend === 'postgres'
    ? await asJsonOnPostgres<[LayerRow[], OverrideRow[]]>(store, [[layerSql, layerParams], ...(layersOnly ? [] : [[overrideSql, overrideParams] as [string, unknown[]]])])
    : [
      await store.sql.all<LayerRow>(layerSql, layerParams),
      layersOnly ? [] : await store.sql.all<OverrideRow>(overrideSql, overrideParams),
    ];
  for (const row of layerRows) {
    inputs.get(row.scheduleId)?.layers.push(
      layerFromRow({ ...row, disabled: Boolean(row.disabled), scheduleDisabled: Boolean(row.scheduleDisabled) }),
    );
  }
  for (const row of overrideRows ?? []) inputs.get(row.scheduleId)?.overrides.push(overrideFromRow(row));
  return list.map((s) => inputs.get(s.id)!);
}

/**
 * Several reads in one statement, each result as one JSON text. node-postgres builds a row
 * object field by field, about 30 ms of CPU for `who`'s 1 200 rows in a fresh process;
 * JSON.parse does it in 3, and one round trip replaces several. JSON keeps the values' JS
 * types (epoch-ms bigints are numbers below 2^53, flags booleans, nulls null).
 */
async function asJsonOnPostgres<T extends unknown[][]>(store: Store, reads: [sql: string, params: unknown[]][]): Promise<T> {
  const json = (sql: string) => `(SELECT coalesce(json_agg(q), '[]') FROM (${sql}) q)::text`;
  const row = await store.sql.get<Record<string, string>>(
    `SELECT ${reads.map(([sql], i) => `${json(sql)} AS r${i}`).join(', ')}`,
    reads.flatMap(([, params]) => params),
  );
  return reads.map((_, i) => JSON.parse(row![`r${i}`])) as T;
}

export async function listPeople(store: Store): Promise<PersonConfig[]> {
  const rows = await store.sql.all<{ id: string; name: string; email: string | null; timezone: string | null; color: string | null }>(
    'SELECT id, name, email, timezone, color FROM people WHERE deleted_at IS NULL',
  );
  return inTextOrder(rows, (p) => p.id).map((p) => ({
    id: p.id,
    name: p.name,
    ...(p.email && { email: p.email }),
    ...(p.timezone && { timezone: p.timezone }),
    ...(p.color && { color: p.color }),
  }));
}

type HistoryRow = Pick<OverrideRow, 'scheduleId' | 'start' | 'end' | 'effectiveFrom' | 'removedAt'>;
const HISTORY_COLUMNS = 'schedule_id AS "scheduleId", start, "end", effective_from AS "effectiveFrom", removed_at AS "removedAt"';

/** The recorded changes of each schedule, for SEQUENCE numbers (see core/sequence.ts). */
export async function changeHistories(store: Store, scheduleIds: string[], window: Window): Promise<Map<string, ChangeHistory>> {
  const histories = new Map<string, ChangeHistory>(
    scheduleIds.map((id) => [id, { layerChanges: [], overrideChanges: [] }]),
  );
  const pointsSql = `SELECT DISTINCT schedule_id AS "scheduleId", valid_from AS at FROM layers WHERE valid_from IS NOT NULL
     UNION SELECT DISTINCT schedule_id, valid_to FROM layers WHERE valid_to IS NOT NULL`;
  // Overrides that came with the schedule's first definition (effective_from null) are not
  // changes to it; their removal is.
  const overrideSql = (columns: string) => `SELECT ${columns} FROM overrides WHERE "end" >= ? AND start <= ?`;
  const params = [window.start, window.end];
  // On PostgreSQL one statement, with only the columns used: node-postgres building 5 000
  // rows field by field was 50 ms of an export.
  const [points, overrideRows] = store.backend === 'postgres'
    ? await asJsonOnPostgres<[{ scheduleId: string; at: number }[], HistoryRow[]]>(store, [
      [pointsSql, []],
      [overrideSql(HISTORY_COLUMNS), params],
    ])
    : [
      await store.sql.all<{ scheduleId: string; at: number }>(pointsSql),
      await store.sql.all<OverrideRow>(overrideSql(OVERRIDE_COLUMNS), params),
    ];
  for (const p of points) histories.get(p.scheduleId)?.layerChanges.push(p.at);
  for (const row of overrideRows) {
    const history = histories.get(row.scheduleId);
    if (!history) continue;
    const start = Math.max(row.start, row.effectiveFrom ?? row.start);
    if (row.effectiveFrom !== null) history.overrideChanges.push({ start, end: row.end });
    if (row.removedAt !== null && row.removedAt < row.end) {
      history.overrideChanges.push({ start: Math.max(start, row.removedAt), end: row.end });
    }
  }
  return histories;
}

export interface OverrideListing {
  id: number;
  scheduleId: string;
  person: string;
  start: number;
  end: number;
  replaces: string | null;
  reason: string | null;
  removedAt: number | null;
}

const LISTING_COLUMNS = `id, schedule_id AS "scheduleId", person_id AS person, start, "end", replaces, reason,
  removed_at AS "removedAt"`;

/** Overrides still in force (not removed) that end after `from`, oldest first. */
export async function listOverrides(store: Store, scheduleId: string | undefined, from: number): Promise<OverrideListing[]> {
  return store.sql.all<OverrideListing>(
    `SELECT ${LISTING_COLUMNS} FROM overrides
     WHERE removed_at IS NULL AND "end" > ? ${scheduleId ? 'AND schedule_id = ?' : ''} ORDER BY start, id`,
    scheduleId ? [from, scheduleId] : [from],
  );
}

export async function overrideById(store: Store, id: number): Promise<OverrideListing | undefined> {
  return store.sql.get<OverrideListing>(`SELECT ${LISTING_COLUMNS} FROM overrides WHERE id = ?`, [id]);
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  entity: string;
  action: string;
  oldValue: string | null;
  newValue: string | null;
  /** When the change takes effect; null in entries older than this column. */
  effective: number | null;
}

/** The audit log, newest first. */
export async function auditEntries(store: Store, filter: { since?: number; entity?: string }): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.since !== undefined) {
    where.push('at >= ?');
    params.push(filter.since);
  }
  if (filter.entity) {
    // "schedule:x" also finds its layers ("layer:x/…") and overrides ("override:x").
    const id = filter.entity.replace(/^schedule:/, '');
    where.push(filter.entity.startsWith('schedule:') ? '(entity = ? OR entity LIKE ? OR entity = ?)' : 'entity = ?');
    params.push(...(filter.entity.startsWith('schedule:') ? [filter.entity, `layer:${id}/%`, `override:${id}`] : [filter.entity]));
  }
  return store.sql.all<AuditEntry>(
    `SELECT id, at, actor, entity, action, old_value AS "oldValue", new_value AS "newValue", effective FROM audit_log
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC`,
    params,
  );
}
