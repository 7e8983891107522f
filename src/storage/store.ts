// The one storage interface with two adapters: an embedded SQLite file (open.ts) and a
// shared PostgreSQL server (pg-store.ts). Every read and write in storage/ is written once
// against it: hot reads as plain SQL through `sql`, writes through drizzle (`orm()`), all on one
// connection, so a read made inside `write` sees that write's own changes on both backends.

import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema.js';

export type Backend = 'sqlite' | 'postgres';

/** How long a write waits for another command's write lock unless told otherwise. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/**
 * Plain SQL, the same text on both backends: `?` placeholders (PostgreSQL's adapter numbers
 * them), identifiers that are keywords quoted ("end"), column aliases quoted ("scheduleId")
 * so PostgreSQL keeps their case. Integers come back as numbers on both.
 */
export interface Sql {
  all<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; resolves to how many rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * drizzle over the connection. Its type is the SQLite one: the PostgreSQL schema
 * (schema-pg.ts) has the same tables, columns and JS types, and storage/ only builds queries
 * both dialects share and awaits them (never `.all()`/`.get()`/`.run()`, which only SQLite has).
 */
export type Db = BetterSQLite3Database<typeof schema>;
export type Tables = typeof schema;

export interface Orm {
  db: Db;
  /** The tables of this backend's schema. */
  t: Tables;
}

export interface Store {
  backend: Backend;
  /** Where the database is, safe to print: a file path, or a URL with its password masked. */
  location: string;
  sql: Sql;
  /** drizzle and the tables, loaded on first use (drizzle costs a third of `oncall who`). */
  orm(): Promise<Orm>;
  /**
   * Runs `work` in one transaction holding the database's single write lock: committed when
   * it resolves, rolled back when it rejects. Inside `write` already, it just runs `work`.
   */
  write<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` reading one consistent snapshot and writing nothing: a read transaction on
   * SQLite, REPEATABLE READ READ ONLY on PostgreSQL (a whole-database copy must not see a
   * write that lands halfway through it, and must not block writers meanwhile).
   */
  snapshot<T>(work: () => Promise<T>): Promise<T>;
  /** Inside `write`: runs `work` in a savepoint and undoes everything it wrote (dry runs). */
  rehearse<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Work for every later write to do at its end, inside its transaction, unless it was a
   * rehearsal (a dry run keeps nothing): keeping final shifts (app/kept-shifts.ts).
   */
  beforeCommit(hook: () => Promise<void>): void;
  /** Whether a change (not setting up the schema) was committed through this store. */
  committed(): boolean;
  close(): Promise<void>;
}
