// One writer at a time, and none lost: every change runs in a BEGIN IMMEDIATE transaction,
// which takes SQLite's write lock before it reads anything (a deferred transaction that
// upgrades from reading to writing gets "database is locked" at once in WAL mode, without
// waiting). A writer that finds the lock taken waits for it up to the run's lock limit,
// saying so once when someone is watching.

import type Database from 'better-sqlite3';
import { isBusy } from './failures.js';

export interface LockOptions {
  /** How long to wait for another writer (SQLite's busy timeout), in milliseconds. */
  timeoutMs: number;
  /** Called once, before the first wait for another writer (the CLI says so on a terminal). */
  onWait?: () => void;
}

const options = new WeakMap<Database.Database, LockOptions>();

/** Sets how `sqlite` waits for locks: for writes here, and for reads through the busy timeout. */
export function configureLocks(sqlite: Database.Database, lock: LockOptions): void {
  options.set(sqlite, { ...lock });
  sqlite.pragma(`busy_timeout = ${lock.timeoutMs}`);
}

/**
 * Runs `work` holding the write lock, committing when it resolves and rolling back when it
 * throws. Inside a transaction already open here (every write starts in this function, so it
 * holds the lock) it just runs. `work` may await: on this one connection nothing else runs
 * meanwhile.
 */
export async function withWriteLock<T>(sqlite: Database.Database, work: () => T | Promise<T>): Promise<T> {
  if (sqlite.inTransaction) return work();
  takeWriteLock(sqlite);
  try {
    const result = await work();
    sqlite.exec('COMMIT');
    return result;
  } catch (error) {
    // SQLite may have rolled back already (after an I/O error); nothing else is left open.
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

/** BEGIN IMMEDIATE, waiting for another writer up to the lock limit (saying so first). */
function takeWriteLock(sqlite: Database.Database): void {
  const lock = options.get(sqlite);
  const onWait = lock?.onWait;
  if (lock && onWait) {
    // Try without waiting first, so the notice comes before the (blocking) wait, not after.
    sqlite.pragma('busy_timeout = 0');
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      return;
    } catch (error) {
      if (!isBusy(error)) throw error;
    } finally {
      sqlite.pragma(`busy_timeout = ${lock.timeoutMs}`);
    }
    lock.onWait = undefined;
    onWait();
  }
  sqlite.exec('BEGIN IMMEDIATE');
}
