// Ownership of overrides and time off on disk (the `owner` column, 'file' or 'cli'): which
// rows in force the command line made, and handing listed ones over to the files.

import type { CommandLineRows, OwnedItem } from '../core/index.js';
import { overrideKey, timeOffKey } from '../core/index.js';
import type { Store } from './store.js';
import type { WriteContext } from './write.js';

/** Rows made from the command line and not removed (rows from before ownership count as such). */
export async function commandLineRows(store: Store): Promise<CommandLineRows> {
  const rows: CommandLineRows = { overrides: new Map(), timeOff: new Map() };
  const add = (map: Map<string, Set<string>>, id: string, key: string) => map.set(id, (map.get(id) ?? new Set()).add(key));
  const found = await rowsInForce(store);
  for (const o of found.overrides) add(rows.overrides, o.owner, o.key);
  for (const t of found.timeOff) add(rows.timeOff, t.owner, t.key);
  return rows;
}

/** Each command-line row in force: its id, the schedule or person it belongs to, and its key. */
async function rowsInForce(store: Store) {
  const cliOverrides = await store.sql.all<{ id: number; scheduleId: string; personId: string; start: number; end: number; replaces: string | null }>(
    `SELECT id, schedule_id AS "scheduleId", person_id AS "personId", start, "end", replaces FROM overrides
     WHERE removed_at IS NULL AND owner = 'cli'`,
  );
  const cliTimeOff = await store.sql.all<{ id: number; personId: string; start: number; end: number }>(
    `SELECT id, person_id AS "personId", start, "end" FROM time_off WHERE removed_at IS NULL AND owner = 'cli'`,
  );
  return {
    overrides: cliOverrides.map((o) => ({
      id: o.id,
      owner: o.scheduleId,
      key: overrideKey({ person: o.personId, from: o.start, to: o.end, ...(o.replaces !== null && { replaces: o.replaces }) }),
    })),
    timeOff: cliTimeOff.map((t) => ({ id: t.id, owner: t.personId, key: timeOffKey({ from: t.start, to: t.end }) })),
  };
}

/**
 * The files list these command-line rows: from now on they own them. Nothing else about a
 * row changes (its id, and so its precedence, stays); the audit log says who adopted what.
 * Adopting takes effect at once, whatever the apply's effective instant: no shift changes.
 * The first apply after an upgrade may adopt tens of thousands of rows, so they are found by
 * id and written as plain statements, prepared once (building each through drizzle took 10 s
 * for 20 000 overrides). Runs inside the caller's `Store.write`.
 */
export async function adoptRows(store: Store, items: OwnedItem[], ctx: WriteContext): Promise<void> {
  if (items.length === 0) return;
  const ids = await commandLineIds(store);
  const log = "INSERT INTO audit_log (at, actor, entity, action, old_value, new_value, effective) VALUES (?, ?, ?, 'adopt', NULL, ?, ?)";
  for (const item of items) {
    if (item.entity === 'override') {
      for (const id of ids.overrides.get(`${item.scheduleId}|${overrideKey(item.override)}`) ?? []) {
        await store.sql.run("UPDATE overrides SET owner = 'file' WHERE id = ?", [id]);
      }
      await store.sql.run(log, [ctx.now, ctx.actor, `override:${item.scheduleId}`, JSON.stringify(item.override), ctx.now]);
    } else {
      for (const id of ids.timeOff.get(`${item.personId}|${timeOffKey(item.timeOff)}`) ?? []) {
        await store.sql.run("UPDATE time_off SET owner = 'file' WHERE id = ?", [id]);
      }
      await store.sql.run(log, [ctx.now, ctx.actor, `person:${item.personId}`, JSON.stringify({ timeOff: [item.timeOff] }), ctx.now]);
    }
  }
}

/** Ids of the command-line rows in force, by "schedule|override key" and "person|time off key". */
async function commandLineIds(store: Store) {
  const byKey = (rows: { id: number; owner: string; key: string }[]) => {
    const map = new Map<string, number[]>();
    for (const r of rows) map.set(`${r.owner}|${r.key}`, [...(map.get(`${r.owner}|${r.key}`) ?? []), r.id]);
    return map;
  };
  const found = await rowsInForce(store);
  return { overrides: byKey(found.overrides), timeOff: byKey(found.timeOff) };
}
