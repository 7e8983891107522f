// What every use case needs to know about the invocation: where the database is, what
// "now" is, the viewer's zone and who is acting. The database opens on first use only.

import type { Store } from '../storage/open.js';
import { openDatabase } from '../storage/open.js';

export interface AppContext {
  dbPath: string;
  now: number;
  /** The viewer's IANA zone: times without an offset are read in it, output is shown in it. */
  zone: string;
  actor: string;
  db(): Promise<Store>;
}

export function makeContext(options: { dbPath: string; now: number; zone: string; actor: string }): AppContext {
  let opened: Promise<Store> | undefined;
  return {
    ...options,
    db: () => (opened ??= openDatabase(options.dbPath)),
  };
}
