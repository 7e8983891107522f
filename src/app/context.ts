// What every use case needs to know about the invocation: where the database is, what
// "now" is, the viewer's zone and who is acting. The database opens on first use only.

import os from 'node:os';
import path from 'node:path';
import type { Store } from '../storage/store.js';
import { DEFAULT_LOCK_TIMEOUT_MS } from '../storage/store.js';
import { openStore } from '../storage/open-store.js';
import { keepFinalShifts } from './kept-shifts.js';
import { errorCode, storageFailure } from '../storage/failures.js';

export { DEFAULT_LOCK_TIMEOUT_MS };
/** A shared database refused a statement to the connected role (the CLI names the role needed). */
export { PermissionDenied } from '../storage/pg-failures.js';

export interface AppContext {
  dbPath: string;
  now: number;
  /** The viewer's IANA zone: times without an offset are read in it, output is shown in it. */
  zone: string;
  actor: string;
  /** Where oncall keeps what it computed for later runs ($XDG_CACHE_HOME/oncall); never needed. */
  cacheFolder: string;
  /** How long a write waits for another command's write lock, in milliseconds. */
  lockTimeoutMs: number;
  /**
   * Schedules a read had to leave out because their stored rotation cannot be computed, by
   * id, each with a message that says what to do (see usable.ts); the CLI prints them.
   */
  setAside: Map<string, string>;
  store(): Promise<Store>;
  /**
   * Starts opening the database now, so that connecting to a server overlaps with loading
   * the command. Any failure is reported by the first `store()`, never here.
   */
  prefetch(): void;
  /** Whether this run committed a change to the database (a dry run may count too). */
  changed(): boolean;
  /** Closes the database if it was opened; the next `store()` opens it again. */
  close(): Promise<void>;
  /** A database error that escaped a use case, as the one-line failure it means (else as it is). */
  explain(error: unknown): unknown;
}

export interface ContextOptions {
  dbPath: string;
  /** The run's environment: PostgreSQL reads PG* variables and .pgpass from it (default: this process's). */
  env?: NodeJS.ProcessEnv;
  now: number;
  zone: string;
  actor: string;
  /** Create the database's missing folders (only at the default location). */
  createFolders?: boolean;
  /** How long a command waits for another one's write lock (default one minute). */
  lockTimeoutMs?: number;
  /** Called before a write starts waiting for another command. */
  onWait?: () => void;
}

export function makeContext(options: ContextOptions): AppContext {
  const { createFolders = false, lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS, onWait, env = process.env, ...rest } = options;
  let opened: Promise<Store> | undefined;
  let open: Store | undefined;
  const store = () =>
    (opened ??= openStore(rest.dbPath, { createFolders, lockTimeoutMs, onWait, env }).then((store) => {
      // Every write keeps `who`'s final shifts up to date before it commits.
      store.beforeCommit(() => keepFinalShifts(store, rest.now));
      return (open = store);
    }));
  return {
    ...rest,
    cacheFolder: path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache'), 'oncall'),
    lockTimeoutMs,
    setAside: new Map(),
    store,
    prefetch: () => {
      store().catch(() => undefined);
    },
    changed: () => open !== undefined && open.committed(),
    close: async () => {
      const closing = opened;
      opened = undefined;
      // A failed open has nothing to close; its error already reached the caller.
      const store = await closing?.catch(() => undefined);
      await store?.close();
      open = undefined;
    },
    explain: (error) => (errorCode(error)?.startsWith('SQLITE_') && storageFailure(error, rest.dbPath, lockTimeoutMs)) || error,
  };
}
