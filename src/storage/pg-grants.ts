// What each oncall role may do on oncall's tables, granted on the tables that exist now. Both
// `db roles` and `db migrate` run it, so tables added by a later schema get their grants in
// the migration's own transaction (no ALTER DEFAULT PRIVILEGES to keep in step).

import type pg from 'pg';
import { KEPT_TABLES } from './kept-shifts.js';

export const ROLES = { read: 'oncall_read', respond: 'oncall_respond', admin: 'oncall_admin' } as const;
/** Each a member of the one before it. */
export const LADDER = [ROLES.read, ROLES.respond, ROLES.admin];

/** What responders change: overrides and swaps, time off, incidents, their audit entries, calendars. */
export const RESPOND_WRITES = ['overrides', 'time_off', 'incidents', 'audit_log', 'calendar_targets'];
/**
 * Derived rows that every write may replace (the final shifts kept for `who`, see
 * app/kept-shifts.ts), so responders add and delete them too.
 */
const DERIVED = KEPT_TABLES;
const RESPOND_DELETES = ['calendar_targets', ...DERIVED];
/** oncall's bookkeeping, which only `db migrate` changes: read by everyone, written by no role. */
const BOOKKEEPING = ['oncall_schema', '__drizzle_migrations'];

/**
 * Grants the roles exactly their privileges on the tables of the current schema, revoking
 * anything else granted to them there; nothing when the roles do not exist (yet). Runs inside
 * the caller's transaction.
 */
export async function refreshGrants(client: pg.Client): Promise<{ schema: string; tables: number }> {
  const { rows } = await client.query<{ schema: string; tables: string[] | null; roles: number }>(
    `SELECT current_schema() AS schema,
            (SELECT array_agg(tablename::text ORDER BY tablename) FROM pg_tables WHERE schemaname = current_schema()) AS tables,
            (SELECT count(*) FROM pg_roles WHERE rolname = ANY($1))::int AS roles`,
    [LADDER],
  );
  const { schema, roles } = rows[0];
  const tables = rows[0].tables ?? [];
  if (roles < LADDER.length) return { schema, tables: tables.length };
  const s = quoted(schema);
  const all = LADDER.join(', ');
  const data = tables.filter((t) => !BOOKKEEPING.includes(t));
  const respond = data.filter((t) => RESPOND_WRITES.includes(t) || DERIVED.includes(t));
  await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${all}`);
  await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${s} FROM ${all}`);
  await client.query(`REVOKE ALL ON SCHEMA ${s} FROM ${all}`);
  await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${ROLES.read}`);
  await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${ROLES.read}`);
  // Reading sequences too lets a read-only login take a backup with pg_dump.
  await client.query(`GRANT SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${ROLES.read}`);
  if (respond.length > 0) {
    await client.query(`GRANT INSERT, UPDATE ON ${respond.map((t) => `${s}.${quoted(t)}`).join(', ')} TO ${ROLES.respond}`);
  }
  const deletes = respond.filter((t) => RESPOND_DELETES.includes(t));
  if (deletes.length > 0) await client.query(`GRANT DELETE ON ${deletes.map((t) => `${s}.${quoted(t)}`).join(', ')} TO ${ROLES.respond}`);
  for (const sequence of await sequencesOf(client, schema, respond)) await client.query(`GRANT USAGE ON SEQUENCE ${sequence} TO ${ROLES.respond}`);
  if (data.length > 0) await client.query(`GRANT ALL PRIVILEGES ON ${data.map((t) => `${s}.${quoted(t)}`).join(', ')} TO ${ROLES.admin}`);
  for (const sequence of await sequencesOf(client, schema, data)) await client.query(`GRANT ALL PRIVILEGES ON SEQUENCE ${sequence} TO ${ROLES.admin}`);
  return { schema, tables: tables.length };
}

/** The sequences behind the identity columns of `tables`, schema-qualified. */
async function sequencesOf(client: pg.Client, schema: string, tables: string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const { rows } = await client.query<{ sequence: string }>(
    `SELECT pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) AS sequence
       FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = ANY($2) AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`,
    [schema, tables],
  );
  return rows.map((r) => r.sequence).filter(Boolean);
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;
