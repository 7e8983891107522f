// `oncall db status` and `oncall db migrate`: which database this is, and bringing its schema
// to this oncall's on purpose rather than as a side effect of the next command.

import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { schemaStatus, type SchemaStatus } from '../storage/schema-status.js';
import type { AppContext } from './context.js';
import type { DatabaseSetting } from './database-setting.js';
import { isPostgresUrl } from './database-url.js';
import type { PgStatus } from '../storage/pg-store.js';

export type SchemaState = 'none' | 'current' | 'older' | 'newer';

export interface DatabaseStatus extends SchemaStatus {
  backend: 'sqlite';
  location: string;
  setBy: DatabaseSetting['setBy'];
  configFile?: string;
  state: SchemaState;
  /** No file, and no folder to make it in: only the default location's folders are created. */
  folderMissing: boolean;
}

/** A shared PostgreSQL database: the location is its URL with the password masked. */
export interface SharedDatabaseStatus extends Omit<PgStatus, 'version'> {
  setBy: DatabaseSetting['setBy'];
  configFile?: string;
  version: number;
  state: SchemaState;
}

export async function databaseStatus(setting: DatabaseSetting, env: NodeJS.ProcessEnv): Promise<DatabaseStatus | SharedDatabaseStatus> {
  if (isPostgresUrl(setting.location)) {
    const { pgStatus } = await import('../storage/pg-store.js');
    const found = await pgStatus(setting.location, env);
    return { ...setting, ...found, state: stateOf(found) };
  }
  const location = path.resolve(setting.location);
  const found = schemaStatus(location);
  const folderMissing = !found.exists && setting.setBy !== 'default' && !fs.existsSync(path.dirname(location));
  return { backend: 'sqlite', ...setting, location, ...found, state: stateOf(found), folderMissing };
}

function stateOf({ version, known }: { version?: number; known: number }): SchemaState {
  if (!version) return 'none';
  if (version === known) return 'current';
  return version < known ? 'older' : 'newer';
}

export interface Migrated {
  location: string;
  /** The schema before: 0 for a file that did not exist or was empty. */
  before: number;
  after: number;
  /** The copy of the file as it was, kept beside it by an upgrade. */
  backup?: string;
}

/**
 * Sets up or upgrades the database, and says what it did. A SQLite file is migrated by opening
 * it; a shared PostgreSQL database only here, under a lock of its own.
 */
export async function migrateDatabase(ctx: AppContext, setting: DatabaseSetting, env: NodeJS.ProcessEnv): Promise<Migrated> {
  if (isPostgresUrl(setting.location)) {
    const { migratePgStore } = await import('../storage/pg-store.js');
    const migrated = await migratePgStore(setting.location, { env, lockTimeoutMs: ctx.lockTimeoutMs });
    if (migrated.before > 0 && migrated.after > migrated.before) await keepAfterUpgrade(ctx);
    return migrated;
  }
  const location = path.resolve(setting.location);
  const before = schemaStatus(location).version ?? 0;
  await ctx.store();
  const after = schemaStatus(location).version ?? 0;
  const upgraded = before > 0 && after > before;
  if (upgraded) await keepAfterUpgrade(ctx);
  return { location, before, after, ...(upgraded && { backup: `${location}.schema-${before}.bak` }) };
}

/**
 * An upgraded database has no final shifts kept for `who` (or ones an older engine kept): an
 * empty write keeps them now, rather than at the next change (kept-shifts.ts).
 */
async function keepAfterUpgrade(ctx: AppContext): Promise<void> {
  const store = await ctx.store();
  await store.write(async () => undefined);
}

export interface Copied {
  from: string;
  to: string;
  /** The target's schema version: SQLite and PostgreSQL each number their own migrations. */
  schema: number;
  rows: number;
  /** The new file's size; null for a PostgreSQL target. */
  bytes: number | null;
}

/**
 * Copies the whole database (definitions with their history, audit log, time off, incidents,
 * calendar targets) into a new SQLite file or an empty PostgreSQL database, from either backend.
 */
export async function copyDatabase(ctx: AppContext, setting: DatabaseSetting, target: string, env: NodeJS.ProcessEnv): Promise<Copied> {
  const store = await ctx.store();
  const { copyDatabaseTo } = await import('../storage/copy.js');
  const c = await copyDatabaseTo(store, target, { env, lockTimeoutMs: ctx.lockTimeoutMs });
  const from = store.backend === 'sqlite' ? path.resolve(setting.location) : store.location;
  return { from, to: c.to, schema: c.schema, rows: c.rows, bytes: c.bytes ?? null };
}

/** `oncall db roles`: the three oncall roles on a shared database, created or brought up to date. */
export async function setUpRoles(ctx: AppContext, setting: DatabaseSetting, env: NodeJS.ProcessEnv): Promise<{ location: string; schema: string; lines: string[] }> {
  if (!isPostgresUrl(setting.location)) {
    throw new UserError('roles are enforced by PostgreSQL; a SQLite file has no users: point --db, ONCALL_DB or the config file at a postgres:// URL');
  }
  const { setUpPgRoles } = await import('../storage/pg-roles.js');
  return setUpPgRoles(setting.location, { env, lockTimeoutMs: ctx.lockTimeoutMs });
}
