// The schema of a shared PostgreSQL database. Unlike a SQLite file, which is one person's and
// is upgraded on open, a shared database changes only when someone runs `oncall db migrate`:
// a client that finds another version says exactly what to run and stops. A migration is all
// or nothing (PostgreSQL's DDL is transactional) and runs under an advisory lock of its own,
// so two `db migrate` started at once migrate once. The version is the number of migrations in
// drizzle/pg/, kept in the one-row table oncall_schema; drizzle's __drizzle_migrations record
// is kept beside it, as on SQLite.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { RuntimeFailure, UserError } from '../errors.js';
import { refreshGrants } from './pg-grants.js';
import { MIGRATE_LOCK } from './pg-locks.js';

const VERSION_TABLE = 'oncall_schema';
const DRIZZLE_TABLE = '__drizzle_migrations';
/** The oldest server oncall supports (identity columns and the grants it relies on are older). */
const MIN_SERVER = 140000;

interface Migration {
  tag: string;
  when: number;
}

/** drizzle/pg of this package: found upwards from src/storage, or from the bundle in dist/. */
function migrationsFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'drizzle', 'pg', 'meta', '_journal.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new RuntimeFailure('the drizzle/pg/ migrations folder is missing from this installation');
    dir = parent;
  }
  return path.join(dir, 'drizzle', 'pg');
}

let journal: Migration[] | undefined;
function migrations(): Migration[] {
  return (journal ??= JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')).entries);
}

/** The schema version this oncall writes on PostgreSQL: how many migrations drizzle/pg/ has. */
export function pgKnownVersion(): number {
  return migrations().length;
}

/**
 * The database's schema version, 0 when it holds no oncall tables, in one round trip when it
 * has one. A database with tables of its own but no version is another program's: refused
 * rather than mixed with ours. Outside a transaction only (a missing table is an error).
 */
export async function pgSchemaVersion(client: pg.Client, location: string): Promise<number> {
  try {
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${VERSION_TABLE}`);
    return rows[0]?.version ?? 0;
  } catch (error) {
    if ((error as { code?: unknown }).code !== '42P01') throw error;
  }
  return versionOf(await inspect(client), location);
}

interface Found {
  version?: number;
  tables: string[];
}

/** The version row, if any, and the tables of the connection's schema, without failing. */
async function inspect(client: pg.Client): Promise<Found> {
  const { rows } = await client.query<{ tables: string[] | null }>(
    'SELECT array_agg(tablename::text ORDER BY tablename) AS tables FROM pg_tables WHERE schemaname = current_schema()',
  );
  const tables = rows[0]?.tables ?? [];
  if (!tables.includes(VERSION_TABLE)) return { tables };
  const version = await client.query<{ version: number }>(`SELECT version FROM ${VERSION_TABLE}`);
  return { version: version.rows[0]?.version ?? 0, tables };
}

function versionOf(found: Found, location: string): number {
  if (found.version !== undefined) return found.version;
  if (found.tables.length > 0) {
    throw new UserError(
      `the database at ${location} is not an oncall database (tables: ${found.tables.slice(0, 3).join(', ')}); name another database, or create one for oncall with \`createdb oncall\``,
    );
  }
  return 0;
}

/**
 * On open: the database must have exactly this oncall's schema (`known`, a parameter for the
 * tests); it is never migrated from here.
 */
export async function checkPgSchema(client: pg.Client, location: string, known = pgKnownVersion()): Promise<void> {
  const version = await pgSchemaVersion(client, location);
  if (version === known) return;
  if (version === 0) throw new RuntimeFailure(`the database at ${location} has no oncall schema yet: run \`oncall db migrate\``);
  if (version < known) {
    throw new RuntimeFailure(
      `the database at ${location} has schema ${version}, this oncall needs ${known}: run \`oncall db migrate\` (it never upgrades a shared database silently)`,
    );
  }
  throw new RuntimeFailure(`the database at ${location} has schema ${version}, newer than this oncall knows (${known}): upgrade oncall`);
}

/** Brings the database to this oncall's schema in one transaction; grants follow when the roles exist. */
export async function migratePg(client: pg.Client, location: string): Promise<{ before: number; after: number }> {
  await requireServer(client, location);
  const all = migrations();
  const { createHash } = await import('node:crypto');
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    // Read under the lock: a migration that ran while this one waited is not run again.
    const before = versionOf(await inspect(client), location);
    if (before > all.length) {
      throw new RuntimeFailure(`the database at ${location} has schema ${before}, newer than this oncall knows (${all.length}): upgrade oncall`);
    }
    if (before < all.length) {
      await client.query(`CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (version integer NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS "${DRIZZLE_TABLE}" (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
      const folder = migrationsFolder();
      for (const migration of all.slice(before)) {
        const text = fs.readFileSync(path.join(folder, `${migration.tag}.sql`), 'utf8');
        for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) await client.query(statement);
        await client.query(`INSERT INTO "${DRIZZLE_TABLE}" (hash, created_at) VALUES ($1, $2)`, [createHash('sha256').update(text).digest('hex'), migration.when]);
      }
      await client.query(`DELETE FROM ${VERSION_TABLE}`);
      await client.query(`INSERT INTO ${VERSION_TABLE} (version) VALUES ($1)`, [all.length]);
      // New tables get the roles' grants in the same transaction: no moment without them.
      await refreshGrants(client);
    }
    await client.query('COMMIT');
    return { before, after: all.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function requireServer(client: pg.Client, location: string): Promise<void> {
  const { rows } = await client.query<{ num: number; version: string }>("SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS version");
  if (rows[0].num < MIN_SERVER) {
    throw new UserError(`the server at ${location} runs PostgreSQL ${rows[0].version}; oncall needs PostgreSQL 14 or later`);
  }
}
