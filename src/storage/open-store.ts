// Which adapter serves a database: a postgres:// (or postgresql://) URL is a shared
// PostgreSQL server, anything else a SQLite file. Each adapter, with its driver, loads only
// when it is the one asked for (better-sqlite3 costs a PostgreSQL user's `who` time too).

import os from 'node:os';
import path from 'node:path';
import type { OpenOptions } from './open.js';
import { DEFAULT_LOCK_TIMEOUT_MS, type Store } from './store.js';

/** Where the database is when nothing names one: $XDG_DATA_HOME/oncall/oncall.db. */
export function defaultDbPath(env: Record<string, string | undefined>): string {
  const dataHome = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(dataHome, 'oncall', 'oncall.db');
}

/** "postgres://…" or "postgresql://…": the two schemes libpq accepts. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export async function openStore(location: string, options: OpenOptions & { env: NodeJS.ProcessEnv }): Promise<Store> {
  if (!isPostgresUrl(location)) {
    const { openDatabase } = await import('./open.js');
    return openDatabase(location, options);
  }
  const { openPgStore } = await import('./pg-store.js');
  return openPgStore(location, { env: options.env, lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, onWait: options.onWait });
}
