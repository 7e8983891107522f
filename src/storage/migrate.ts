// Bringing a database to this oncall's schema, all or nothing: the migrations in drizzle/,
// drizzle's bookkeeping table and the schema version (PRAGMA user_version, which is
// transactional) are written in one BEGIN IMMEDIATE transaction. Killing oncall at any point
// of its first run leaves either an empty file (treated as new) or a finished one. A file left
// half-made by an older oncall (our tables, all empty, no version) is made again from scratch.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { RuntimeFailure, UserError } from '../errors.js';
import { errorCode, readOnly } from './failures.js';
import { withWriteLock } from './write-lock.js';

interface Migration {
  tag: string;
  when: number;
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
/** drizzle's record of applied migrations, kept so the file looks as drizzle's migrator leaves it. */
const DRIZZLE_TABLE = '__drizzle_migrations';

let journal: Migration[] | undefined;
function migrations(): Migration[] {
  return (journal ??= JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')).entries);
}

const migrationSql = (m: Migration): string => fs.readFileSync(path.join(MIGRATIONS, `${m.tag}.sql`), 'utf8');

/** The schema version this oncall writes: how many migrations it has. */
export function knownVersion(): number {
  return migrations().length;
}

/** What opening found in the file: its schema version and its tables. */
export interface Found {
  version: number;
  tables: string[];
}

export function inspect(sqlite: Database.Database): Found {
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  const rows = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return { version, tables: rows.map((t) => t.name) };
}

/** Refuses a file oncall must not touch: written by a newer oncall, or another program's. */
export function refuseForeign(sqlite: Database.Database, file: string, found: Found): void {
  const known = knownVersion();
  if (found.version > known) {
    throw new RuntimeFailure(
      `${file} was written by a newer oncall (schema ${found.version}, this one knows ${known}); upgrade oncall to use it`,
    );
  }
  if (found.version === 0 && found.tables.length > 0 && !leftByInterruptedFirstRun(sqlite, found.tables)) {
    const names = found.tables.slice(0, 3).join(', ');
    throw new UserError(`${file} is a SQLite database of another program (tables: ${names}); pass --db with another path`);
  }
}

/** Our tables and nothing else, none holding a row: an older oncall was stopped while creating them. */
function leftByInterruptedFirstRun(sqlite: Database.Database, tables: string[]): boolean {
  const ours = new Set([...migrations().flatMap((m) => tablesCreatedBy(migrationSql(m))), DRIZZLE_TABLE, 'sqlite_sequence']);
  if (!tables.every((t) => ours.has(t))) return false;
  const data = tables.filter((t) => t !== DRIZZLE_TABLE && t !== 'sqlite_sequence');
  return data.every((t) => sqlite.prepare(`SELECT 1 FROM "${t}" LIMIT 1`).get() === undefined);
}

function tablesCreatedBy(sql: string): string[] {
  return [...sql.matchAll(/CREATE TABLE [`"]?(\w+)[`"]?/gi)].map((m) => m[1]);
}

/**
 * Brings the file to this oncall's schema. Runs under the write lock and looks again there:
 * several commands started at once on a new file migrate it once.
 */
export async function migrate(sqlite: Database.Database, file: string, found: Found): Promise<void> {
  const all = migrations();
  if (found.version === all.length) return;
  const { createHash } = await import('node:crypto');
  try {
    await withWriteLock(sqlite, () => {
      const now = inspect(sqlite);
      if (now.version === all.length) return;
      refuseForeign(sqlite, file, now);
      // The copy is taken now, and saved once the migrations have run: a file that cannot be
      // changed gets no stray backup beside it.
      const before = now.version > 0 ? sqlite.serialize() : undefined;
      if (!before) for (const table of now.tables.filter((t) => t !== 'sqlite_sequence')) sqlite.exec(`DROP TABLE "${table}"`);
      sqlite.exec(`CREATE TABLE IF NOT EXISTS "${DRIZZLE_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
      const record = sqlite.prepare(`INSERT INTO "${DRIZZLE_TABLE}" ("hash", "created_at") VALUES (?, ?)`);
      for (const migration of all.slice(now.version)) {
        const sql = migrationSql(migration);
        sqlite.exec(sql);
        record.run(createHash('sha256').update(sql).digest('hex'), migration.when);
      }
      sqlite.pragma(`user_version = ${all.length}`);
      if (before) saveBackup(before, `${file}.schema-${now.version}.bak`);
    });
  } catch (error) {
    if (/^SQLITE_READONLY/.test(errorCode(error) ?? '')) {
      throw readOnly(file, found.version === 0 ? 'it must be set up first' : `it must be upgraded from schema ${found.version} first`);
    }
    throw error;
  }
}

/** The database as it was before the upgrade, owner-only, replacing an older backup of that schema. */
function saveBackup(image: Buffer, target: string): void {
  fs.rmSync(target, { force: true });
  fs.writeFileSync(target, image, { mode: 0o600, flag: 'wx' });
}
