// `oncall db copy`: a whole database into a new SQLite file or an empty PostgreSQL database.
// SQLite to SQLite is VACUUM INTO: one consistent snapshot (it reads inside one transaction,
// so a command writing meanwhile lands entirely before or after it), byte for byte. Every
// other pair goes table by table through the Store (copy-tables.ts). A new file is written
// beside the target first and put in place only when complete, never over a file; a failed
// copy leaves nothing behind.

import fs from 'node:fs';
import path from 'node:path';
import { openSqlite } from './sqlite-file.js';
import { UserError } from '../errors.js';
import { openDatabase, type SqliteStore } from './open.js';
import { isPostgresUrl } from './open-store.js';
import { schemaStatus } from './schema-status.js';
import type { Store } from './store.js';

export interface CopyOptions {
  /** The run's environment (PG* variables, .pgpass) for a PostgreSQL target. */
  env: NodeJS.ProcessEnv;
  lockTimeoutMs: number;
}

export interface CopyResult {
  /** The new file's absolute path, or the target URL with its password masked. */
  to: string;
  /** The target's schema version (each backend numbers its own migrations). */
  schema: number;
  /** Rows copied, over all oncall tables. */
  rows: number;
  /** The new file's size; undefined for a PostgreSQL target. */
  bytes?: number;
}

export async function copyDatabaseTo(source: Store, target: string, options: CopyOptions): Promise<CopyResult> {
  if (isPostgresUrl(target)) {
    const { copyIntoPg } = await import('./pg-copy-target.js');
    return copyIntoPg(source, target, options);
  }
  const to = newFileTarget(source, target);
  let rows = 0;
  const bytes = await writeNewFile(to, async (partial) => {
    if (source.backend === 'sqlite') {
      (source as SqliteStore).sqlite.prepare('VACUUM INTO ?').run(partial);
      rows = countRows(partial);
      return;
    }
    const { copyTables } = await import('./copy-tables.js');
    const store = await openDatabase(partial, { lockTimeoutMs: options.lockTimeoutMs });
    try {
      rows = await copyTables(source, store, target);
    } finally {
      await store.close();
    }
  });
  return { to, schema: schemaStatus(to).version ?? 0, rows, bytes };
}

/** The new file's absolute path; refused when it is the source, exists, or has no folder. */
function newFileTarget(source: Store, target: string): string {
  const to = path.resolve(target);
  if (source.backend === 'sqlite' && to === path.resolve(source.location)) throw new UserError(`${target} is the database being copied; give --to another path`);
  if (fs.statSync(to, { throwIfNoEntry: false })) {
    throw new UserError(`${target} already exists; oncall db copy never writes over a file: remove it or give --to another path`);
  }
  const dir = path.dirname(to);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`folder ${dir} does not exist; create it, or give --to a path in an existing folder`);
  return to;
}

/** `make` writes the database at a partial path beside `to`; the finished file is put in place. */
async function writeNewFile(to: string, make: (partial: string) => Promise<void>): Promise<number> {
  const partial = path.join(path.dirname(to), `.${path.basename(to)}.partial-${process.pid}-${Date.now()}`);
  try {
    await make(partial);
    fs.chmodSync(partial, 0o600);
    // A hard link does not replace a file that appeared meanwhile, as a rename would.
    fs.linkSync(partial, to);
  } finally {
    for (const file of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(file, { force: true });
  }
  return fs.statSync(to).size;
}

/** Rows in the oncall tables of a finished copy (not drizzle's or SQLite's bookkeeping). */
function countRows(file: string): number {
  const sqlite = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'")
      .pluck()
      .all() as string[];
    return tables.reduce((sum, name) => sum + (sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number), 0);
  } finally {
    sqlite.close();
  }
}

