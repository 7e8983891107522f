// The Store on a shared PostgreSQL server: one pg.Client for the whole run, through which the
// plain SQL and drizzle both go, so a read inside `write` sees that write's own changes.
//
// Writers serialise on one advisory lock, taken at the start of each write transaction (not
// SERIALIZABLE with retries: a retried `apply` would re-read and re-plan, and every write here
// is short, so waiting in line is simpler and loses nothing). READ COMMITTED is right under
// that lock: once a writer holds it, every earlier writer has committed, and each statement
// sees their changes. The wait is bounded by lock_timeout, which ends a stuck wait in one line.

import type pg from 'pg';
import type { Db, Orm, Sql, Store, Tables } from './store.js';
import { connectPg, withPgConnection, type PgConnection } from './pg-connect.js';
import { pgFailure } from './pg-failures.js';
import { WRITE_LOCK } from './pg-locks.js';
import { checkPgSchema, migratePg, pgKnownVersion, pgSchemaVersion } from './pg-migrate.js';

export interface PgStoreOptions {
  /** The run's environment (PG* variables, HOME, PGPASSFILE), which need not be process.env. */
  env: NodeJS.ProcessEnv;
  /** How long a writer waits for another writer before giving up, in milliseconds. */
  lockTimeoutMs: number;
  /** Called once, before the first wait for another writer (the CLI says so on a terminal). */
  onWait?: () => void;
}

/** A Store on PostgreSQL, which also says whom it connected as (for "needs role …" messages). */
export type PgStoreHandle = Store & { readonly user: string };

/** Opens the database at `url`, which must have this oncall's schema (it is never migrated here). */
export async function openPgStore(url: string, options: PgStoreOptions): Promise<PgStoreHandle> {
  const connection = await connectPg(url, options);
  try {
    await checkPgSchema(connection.client, connection.settings.location);
  } catch (error) {
    await connection.client.end().catch(() => {});
    throw pgFailure(error, connection.where) ?? error;
  }
  return new PgStore(connection, options);
}

class PgStore implements PgStoreHandle {
  readonly backend = 'postgres';
  readonly location: string;
  /** The role oncall connected as. */
  readonly user: string;
  readonly sql: Sql;
  private readonly client: pg.Client;
  private onWait?: () => void;
  private inWrite = false;
  private changed = false;
  private hook?: () => Promise<void>;
  private rehearsed = false;
  private loadedOrm?: Promise<Orm>;

  constructor(
    private readonly connection: PgConnection,
    private readonly options: PgStoreOptions,
  ) {
    this.client = connection.client;
    this.location = connection.settings.location;
    this.user = connection.settings.user;
    this.onWait = options.onWait;
    this.sql = pgSql(this.client, (error) => this.failure(error));
  }

  orm(): Promise<Orm> {
    return (this.loadedOrm ??= (async () => {
      const [{ drizzle }, schema] = await Promise.all([import('drizzle-orm/node-postgres'), import('./schema-pg.js')]);
      const db = drizzle(this.client, { schema });
      // drizzle's own transaction would send BEGIN and COMMIT on this one connection and end
      // `write`'s transaction early; here it is `write` (just the work, inside one already).
      Object.assign(db, { transaction: <T>(work: (tx: typeof db) => Promise<T>) => this.write(() => work(db)) });
      return { db: db as unknown as Db, t: schema as unknown as Tables };
    })());
  }

  async write<T>(work: () => Promise<T>): Promise<T> {
    if (this.inWrite) return work();
    const result = await this.transaction('BEGIN', async () => {
      await this.lock();
      this.rehearsed = false;
      const done = await work();
      if (this.hook && !this.rehearsed) await this.hook();
      return done;
    });
    this.changed = true;
    return result;
  }

  snapshot<T>(work: () => Promise<T>): Promise<T> {
    if (this.inWrite) return work();
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
  }

  /** `work` in a transaction begun with `begin`: committed when it resolves, else rolled back. */
  private async transaction<T>(begin: string, work: () => Promise<T>): Promise<T> {
    this.inWrite = true;
    try {
      await this.client.query(begin);
      const result = await work();
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => {});
      throw this.failure(error);
    } finally {
      this.inWrite = false;
    }
  }

  async rehearse<T>(work: () => Promise<T>): Promise<T> {
    if (!this.inWrite) throw new Error('rehearse() runs inside write()');
    this.rehearsed = true;
    await this.client.query('SAVEPOINT oncall_rehearsal');
    try {
      return await work();
    } finally {
      await this.client.query('ROLLBACK TO SAVEPOINT oncall_rehearsal');
      await this.client.query('RELEASE SAVEPOINT oncall_rehearsal');
    }
  }

  beforeCommit(hook: () => Promise<void>): void {
    this.hook = hook;
  }

  committed(): boolean {
    return this.changed;
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  /** The write lock, waited for up to the run's lock timeout, saying so once before waiting. */
  private async lock(): Promise<void> {
    // lock_timeout 0 would mean "wait for ever"; the shortest real wait is 1 ms.
    await this.client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.options.lockTimeoutMs))}`);
    const onWait = this.onWait;
    if (onWait) {
      const { rows } = await this.client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [WRITE_LOCK]);
      if (rows[0].got) return;
      this.onWait = undefined;
      onWait();
    }
    await this.client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  }

  private failure(error: unknown): unknown {
    return pgFailure(error, this.connection.where) ?? error;
  }
}

/**
 * The shared SQL text on PostgreSQL: `?` numbered as $1, $2… (oncall's SQL has no `?` inside
 * string literals), converted once per text and sent as a named prepared statement, which
 * the server parses and plans once per connection.
 */
function pgSql(client: pg.Client, failure: (error: unknown) => unknown): Sql {
  const statements = new Map<string, { name: string; text: string }>();
  const query = async <T>(text: string, params: readonly unknown[] = []): Promise<pg.QueryResult<T & pg.QueryResultRow>> => {
    let statement = statements.get(text);
    if (!statement) {
      let n = 0;
      statement = { name: `oncall_${statements.size + 1}`, text: text.replace(/\?/g, () => `$${++n}`) };
      statements.set(text, statement);
    }
    try {
      return await client.query<T & pg.QueryResultRow>({ ...statement, values: [...params] });
    } catch (error) {
      throw failure(error);
    }
  };
  return {
    all: async <T>(text: string, params?: readonly unknown[]) => (await query<T>(text, params)).rows as T[],
    get: async <T>(text: string, params?: readonly unknown[]) => (await query<T>(text, params)).rows[0] as T | undefined,
    run: async (text: string, params?: readonly unknown[]) => (await query(text, params)).rowCount ?? 0,
  };
}

export interface PgStatus {
  backend: 'postgres';
  location: string;
  /** The database's schema version, 0 when it has none yet. */
  version: number;
  /** The version this oncall needs. */
  known: number;
  /** The server's version ("16.4"). */
  server: string;
  /** The role oncall connected as. */
  user: string;
  database: string;
}

/** What `oncall db status` reports, read without changing anything. */
export async function pgStatus(url: string, env: NodeJS.ProcessEnv): Promise<PgStatus> {
  return withPgConnection(url, { env, lockTimeoutMs: 0 }, async ({ client, settings }) => {
    const version = await pgSchemaVersion(client, settings.location);
    const { rows } = await client.query<{ server: string; user: string; database: string }>(
      `SELECT current_setting('server_version') AS server, current_user AS "user", current_database() AS database`,
    );
    return { backend: 'postgres', location: settings.location, version, known: pgKnownVersion(), ...rows[0] };
  });
}

/** `oncall db migrate`: the schema created or brought up to date; the versions before and after. */
export async function migratePgStore(url: string, options: Pick<PgStoreOptions, 'env' | 'lockTimeoutMs'>): Promise<{ before: number; after: number; location: string }> {
  return withPgConnection(url, options, async ({ client, settings }) => ({ ...(await migratePg(client, settings.location)), location: settings.location }));
}
