// What every use case needs to know about the invocation: where the database is, what
// "now" is, the viewer's zone and who is acting. The database opens on first use only.

import type { Store } from '../storage/open.js';
import { defaultDbPath, openDatabase } from '../storage/open.js';

export interface AppContext {
  dbPath: string;
  now: number;
  /** The viewer's IANA zone: times without an offset are read in it, output is shown in it. */
  zone: string;
  actor: string;
  /**
   * Schedules a read had to leave out because their stored rotation cannot be computed, by
   * id, each with a message that says what to do (see usable.ts); the CLI prints them.
   */
  setAside: Map<string, string>;
  store(): Promise<Store>;
  /** Closes the database if it was opened; the next `store()` opens it again. */
  close(): Promise<void>;
}

/** The database file: the one named on the command line, else $ONCALL_DB, else the XDG default. */
export function databasePath(given: string | undefined, env: Record<string, string | undefined>): string {
  return given ?? defaultDbPath(env);
}

export function makeContext(options: { dbPath: string; now: number; zone: string; actor: string }): AppContext {
  let opened: Promise<Store> | undefined;
  return {
    ...options,
    setAside: new Map(),
    store: () => (opened ??= openDatabase(options.dbPath)),
    close: async () => {
      const closing = opened;
      opened = undefined;
      // A failed open has nothing to close; its error already reached the caller.
      const store = await closing?.catch(() => undefined);
      store?.sqlite.close();
    },
  };
}
