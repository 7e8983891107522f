// Opening the database: created owner-only on first use, WAL with a busy timeout, migrated
// on open (with a backup first when it already held data), and refused when a newer
// oncall wrote it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { RuntimeFailure, UserError } from '../errors.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** `--db`, else ONCALL_DB, else $XDG_DATA_HOME/oncall/oncall.db. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ONCALL_DB) return env.ONCALL_DB;
  const dataHome = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(dataHome, 'oncall', 'oncall.db');
}

export async function openDatabase(file: string): Promise<Db> {
  createOwnerOnly(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
  } catch (e) {
    throw notADatabase(file, e);
  }
  try {
    await migrate(sqlite, file);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  return Object.assign(drizzle(sqlite, { schema }), { $client: sqlite }) as Db;
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

async function migrate(sqlite: Database.Database, file: string): Promise<void> {
  let version: number;
  try {
    version = sqlite.pragma('user_version', { simple: true }) as number;
  } catch (e) {
    throw notADatabase(file, e);
  }
  const known = knownMigrations();
  if (version === known) return;
  if (version > known) {
    throw new RuntimeFailure(
      `${file} was written by a newer oncall (schema ${version}, this one knows ${known}); upgrade oncall to use it`,
    );
  }
  if (version > 0) backUp(sqlite, `${file}.schema-${version}.bak`);
  // Loaded only when a migration is pending, which keeps every other start-up light.
  const { migrate: runMigrations } = await import('drizzle-orm/better-sqlite3/migrator');
  runMigrations(drizzle(sqlite), { migrationsFolder: MIGRATIONS });
  sqlite.pragma(`user_version = ${known}`);
}

function backUp(sqlite: Database.Database, target: string): void {
  fs.rmSync(target, { force: true });
  sqlite.prepare('VACUUM INTO ?').run(target);
  fs.chmodSync(target, 0o600);
}
