// Which adapter serves a database: a postgres:// (or postgresql://) URL is a shared
// PostgreSQL server, anything else a SQLite file. The PostgreSQL adapter, and the pg driver
// under it, load only when a URL names one.

import { DEFAULT_LOCK_TIMEOUT_MS, openDatabase, type OpenOptions } from './open.js';
import type { Store } from './store.js';

/** "postgres://…" or "postgresql://…": the two schemes libpq accepts. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export async function openStore(location: string, options: OpenOptions & { env: NodeJS.ProcessEnv }): Promise<Store> {
  if (!isPostgresUrl(location)) return openDatabase(location, options);
  const { openPgStore } = await import('./pg-store.js');
  return openPgStore(location, { env: options.env, lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, onWait: options.onWait });
}
