// Opening the database: created owner-only on first use, WAL with a busy timeout, migrated
// on open (with a backup first when it already held data), and refused when a newer
// oncall wrote it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { RuntimeFailure, UserError } from '../errors.js';
import type * as schema from './schema.js';

/** drizzle over the database: used for migrations, writes and whole-state reads. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * An open database. Hot read paths (who, shifts, next) use prepared statements on `sqlite`
 * directly, because importing drizzle-orm alone costs about a third of `oncall who`'s
 * budget; everything else asks for `orm()`, which loads drizzle on first use.
 */
export interface Store {
  sqlite: Database.Database;
  orm(): Promise<Db>;
}

async function drizzleOver(sqlite: Database.Database): Promise<Db> {
  const [{ drizzle }, schemaModule] = await Promise.all([import('drizzle-orm/better-sqlite3'), import('./schema.js')]);
  return drizzle(sqlite, { schema: schemaModule }) as Db;
}

/** drizzle/ of this package: two levels up from src/storage, one up from the bundle in dist/. */
function migrationsFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'drizzle', 'meta', '_journal.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new RuntimeFailure('the drizzle/ migrations folder is missing from this installation');
    dir = parent;
  }
  return path.join(dir, 'drizzle');
}

const MIGRATIONS = migrationsFolder();

/** `--db`, else ONCALL_DB, else $XDG_DATA_HOME/oncall/oncall.db. */
export function defaultDbPath(env: Record<string, string | undefined>): string {
  if (env.ONCALL_DB) return env.ONCALL_DB;
  const dataHome = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(dataHome, 'oncall', 'oncall.db');
}

export async function openDatabase(file: string): Promise<Store> {
  createOwnerOnly(file);
  const sqlite = new Database(file, { nativeBinding: nativeBinding() });
  try {
    sqlite.pragma('busy_timeout = 5000');
    // Refuse a database we must not touch before anything (even the journal mode) changes it.
    const version = schemaVersion(sqlite, file);
    sqlite.pragma('journal_mode = WAL');
    await migrate(sqlite, file, version);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  let orm: Promise<Db> | undefined;
  return { sqlite, orm: () => (orm ??= drizzleOver(sqlite)) };
}

/** The schema version, after checking that the file is an oncall database we can use. */
function schemaVersion(sqlite: Database.Database, file: string): number {
  let version: number;
  let tables: string[];
  try {
    version = sqlite.pragma('user_version', { simple: true }) as number;
    tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
  } catch (e) {
    throw notADatabase(file, e);
  }
  const known = knownMigrations();
  if (version > known) {
    throw new RuntimeFailure(
      `${file} was written by a newer oncall (schema ${version}, this one knows ${known}); upgrade oncall to use it`,
    );
  }
  if (version === 0 && tables.length > 0) {
    const names = tables.slice(0, 3).join(', ');
    throw new UserError(`${file} is a SQLite database of another program (tables: ${names}); pass --db with another path`);
  }
  return version;
}

/**
 * The compiled addon's path, when it is where better-sqlite3 builds it: passing it skips the
 * `bindings` package's search of a dozen candidate paths on every start.
 */
function nativeBinding(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

function createOwnerOnly(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new UserError(`cannot create database ${file}: ${(e as Error).message}; pass --db with a writable path`);
    }
  }
}

function notADatabase(file: string, cause: unknown): UserError {
  const detail = (cause as Error).message;
  return new UserError(`${file} is not an oncall database (${detail}); pass --db with another path`);
}

function knownMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8'));
  return journal.entries.length;
}

async function migrate(sqlite: Database.Database, file: string, version: number): Promise<void> {
  const known = knownMigrations();
  if (version === known) return;
  if (version > 0) backUp(sqlite, `${file}.schema-${version}.bak`);
  // Loaded only when a migration is pending, which keeps every other start-up light.
  const { migrate: runMigrations } = await import('drizzle-orm/better-sqlite3/migrator');
  runMigrations(await drizzleOver(sqlite), { migrationsFolder: MIGRATIONS });
  sqlite.pragma(`user_version = ${known}`);
}

function backUp(sqlite: Database.Database, target: string): void {
  fs.rmSync(target, { force: true });
  sqlite.prepare('VACUUM INTO ?').run(target);
  fs.chmodSync(target, 0o600);
}
