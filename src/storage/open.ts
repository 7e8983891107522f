// The SQLite adapter of the storage interface (store.ts). Opening the file: created
// owner-only on first use (folders only at the default location), WAL, migrated on open (see
// migrate.ts), refused when a newer oncall or another program wrote it, and read from a
// snapshot when it cannot be written where it lies.

import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { RuntimeFailure, UserError } from '../errors.js';
import { errorCode, failsAccess, storageFailure } from './failures.js';
import { openSqlite } from './sqlite-file.js';
import { inspect, migrate, refuseForeign, type Found } from './migrate.js';
import { configureLocks, withWriteLock } from './write-lock.js';
import { DEFAULT_LOCK_TIMEOUT_MS, type Db, type Orm, type Sql, type Store } from './store.js';

/** A SQLite store also hands out its connection, for what only SQLite has (VACUUM INTO). */
export interface SqliteStore extends Store {
  backend: 'sqlite';
  sqlite: Database.Database;
}

export interface OpenOptions {
  /** Create missing folders on the way to the file (only for the default location). */
  createFolders?: boolean;
  /** How long a command waits for another one's write lock (default one minute). */
  lockTimeoutMs?: number;
  /** Called before a write starts waiting for another command's lock. */
  onWait?: () => void;
}

export { DEFAULT_LOCK_TIMEOUT_MS };

async function drizzleOver(sqlite: Database.Database): Promise<Orm> {
  const [{ drizzle }, schemaModule] = await Promise.all([import('drizzle-orm/better-sqlite3'), import('./schema.js')]);
  return { db: drizzle(sqlite, { schema: schemaModule }) as Db, t: schemaModule };
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<SqliteStore> {
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  let sqlite: Database.Database | undefined;
  try {
    createOwnerOnly(file, options.createFolders ?? false);
    sqlite = connect(file);
    configureLocks(sqlite, { timeoutMs: lockTimeoutMs, onWait: options.onWait });
    let found: Found;
    try {
      // Refuse a database we must not touch before anything (even the journal mode) changes it.
      found = inspectOrRefuse(sqlite, file);
    } catch (error) {
      if (!writeProtected(error, file)) throw error;
      sqlite.close();
      sqlite = readOnlySnapshot(file);
      found = inspectOrRefuse(sqlite, file);
    }
    refuseForeign(sqlite, file, found);
    useWal(sqlite);
    await migrate(sqlite, file, found);
  } catch (error) {
    sqlite?.close();
    throw storageFailure(error, file, lockTimeoutMs) ?? error;
  }
  return sqliteStore(sqlite, file);
}

/**
 * The store over an open connection. Statements are prepared once per text. A write is
 * write-lock.ts's BEGIN IMMEDIATE … COMMIT rather than drizzle's transaction, which cannot
 * await: the work in between is async (the same code serves PostgreSQL).
 */
function sqliteStore(sqlite: Database.Database, file: string): SqliteStore {
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = sqlite.prepare(text)));
    return statement;
  };
  const sql: Sql = {
    all: async <T>(text: string, params: readonly unknown[] = []) => prepared(text).all(...params) as T[],
    get: async <T>(text: string, params: readonly unknown[] = []) => prepared(text).get(...params) as T | undefined,
    run: async (text, params = []) => prepared(text).run(...params).changes,
  };
  let orm: Promise<Orm> | undefined;
  let committed = false;
  let beforeCommit: (() => Promise<void>) | undefined;
  let rehearsed = false;
  const writeWork = <T>(work: () => Promise<T>) => async () => {
    rehearsed = false;
    const result = await work();
    if (beforeCommit && !rehearsed) await beforeCommit();
    return result;
  };
  return {
    backend: 'sqlite',
    location: file,
    sqlite,
    sql,
    orm: () => (orm ??= drizzleOver(sqlite)),
    write: async (work) => {
      const nested = sqlite.inTransaction;
      const result = await withWriteLock(sqlite, nested ? work : writeWork(work));
      if (!nested) committed = true;
      return result;
    },
    snapshot: async (work) => {
      if (sqlite.inTransaction) return work();
      // Deferred: the snapshot is taken at the first read and no write lock is asked for.
      sqlite.exec('BEGIN');
      try {
        return await work();
      } finally {
        if (sqlite.inTransaction) sqlite.exec('COMMIT');
      }
    },
    rehearse: async (work) => {
      rehearsed = true;
      sqlite.exec('SAVEPOINT oncall_rehearsal');
      try {
        return await work();
      } finally {
        sqlite.exec('ROLLBACK TO SAVEPOINT oncall_rehearsal');
        sqlite.exec('RELEASE SAVEPOINT oncall_rehearsal');
      }
    },
    beforeCommit: (hook) => {
      beforeCommit = hook;
    },
    committed: () => committed,
    close: async () => {
      sqlite.close();
    },
  };
}

function connect(file: string): Database.Database {
  return openSqlite(file);
}

function inspectOrRefuse(sqlite: Database.Database, file: string): Found {
  try {
    return inspect(sqlite);
  } catch (error) {
    if (errorCode(error) === 'SQLITE_NOTADB') {
      throw new UserError(`${file} is not an oncall database (${(error as Error).message}); pass --db with another path`);
    }
    throw error;
  }
}

/** WAL lets readers go on while someone writes. A file we may not write keeps its mode. */
function useWal(sqlite: Database.Database): void {
  try {
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    if (!/^SQLITE_READONLY/.test(errorCode(error) ?? '')) throw error;
  }
}

/**
 * SQLite could not read the file in place because it may not write beside it: a WAL database
 * needs its -shm file, which a read-only folder or mount does not let it create.
 */
function writeProtected(error: unknown, file: string): boolean {
  const code = errorCode(error) ?? '';
  if (code !== 'SQLITE_CANTOPEN' && !code.startsWith('SQLITE_READONLY')) return false;
  if (failsAccess(file, fs.constants.R_OK)) return false;
  return Boolean(failsAccess(file, fs.constants.W_OK) || failsAccess(path.dirname(path.resolve(file)), fs.constants.W_OK));
}

/**
 * The database read whole into memory, for reading only (`query_only`: a change fails as
 * read-only). Only when no -wal file holds changes the main file lacks.
 */
function readOnlySnapshot(file: string): Database.Database {
  const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
  if (wal && wal.size > 0) {
    throw new UserError(
      `cannot read ${file}: recent changes to it are still in ${file}-wal, which SQLite can only read with write access to its folder; open it once where it can be written`,
    );
  }
  const image = fs.readFileSync(file);
  // Header bytes 18-19 say WAL (2); with no WAL beside it the file is complete, so read it as
  // a rollback-journal database (1), which is what an in-memory copy must be.
  if (image.length >= 20) image.fill(1, 18, 20);
  const sqlite = openSqlite(image);
  sqlite.pragma('query_only = ON');
  return sqlite;
}

/**
 * Creates the file (0600) when it does not exist. Folders on the way are created (0700) only
 * at the default location: a mistyped --db must not make a new, empty database somewhere.
 */
function createOwnerOnly(file: string, createFolders: boolean): void {
  if (file.trim() === '') throw new UserError('the database path is empty; pass --db with a file path');
  const dir = path.dirname(path.resolve(file));
  const stat = statOf(file);
  if (stat?.isDirectory()) {
    throw new UserError(`${file} is a folder, not a database file; pass --db with a file path, e.g. ${path.join(file, 'oncall.db')}`);
  }
  if (stat && !stat.isFile()) {
    throw new UserError(`${file} is not a regular file (it is ${kindOf(stat)}); pass --db with the path of a database file`);
  }
  if (stat) return;
  if (!statOf(dir)) {
    if (!createFolders) throw new UserError(`folder ${dir} does not exist; create it, or pass --db with a path in an existing folder`);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw cannotCreate(file, dir, error);
    }
  }
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotCreate(file, dir, error);
  }
}

/** The file's kind and size, undefined when it does not exist; a path that cannot be reached is refused. */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UserError(`${file} cannot be a database: a part of its path is a file, not a folder; pass --db with another path`);
    if (code === 'EACCES') throw new UserError(`cannot reach ${file}: a folder on the way is not open to you (permission denied); pass --db with another path`);
    throw error;
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function cannotCreate(file: string, dir: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const hint = 'pass --db with a path in a folder you can write';
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`cannot create ${file}: folder ${dir} is not writable for you; ${hint}`);
  if (code === 'EROFS') return new UserError(`cannot create ${file}: ${dir} is on a read-only file system; ${hint}`);
  if (code === 'ENOTDIR') return new UserError(`cannot create ${file}: a part of ${dir} is a file, not a folder; ${hint}`);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new RuntimeFailure(`cannot create ${file}: the disk is full; free some space and try again`);
  return new RuntimeFailure(`cannot create ${file}: ${(error as Error).message}`);
}
