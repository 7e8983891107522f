// One connection to a PostgreSQL server, opened as the PostgreSQL tools would (pg-settings.ts)
// with failures worded for the user (pg-failures.ts). node-postgres is loaded here, on demand,
// so SQLite users never pay for it.

import fs from 'node:fs';
import type pg from 'pg';
import { UserError } from '../errors.js';
import { passwordHint, pgFailure, type PgWhere } from './pg-failures.js';
import { lookupPgpass, type PgpassResult } from './pgpass.js';
import { isLocal, pgSettings, type PgSettings } from './pg-settings.js';

export interface PgConnection {
  client: pg.Client;
  settings: PgSettings;
  /** What failures need to word themselves: the masked URL, the user, the lock timeout. */
  where: PgWhere;
}

export interface ConnectOptions {
  /** The run's environment: PG* variables, HOME and PGPASSFILE are read from it, not process.env. */
  env: NodeJS.ProcessEnv;
  lockTimeoutMs: number;
}

let loaded: Promise<typeof pg> | undefined;

/** node-postgres, set up once: int8 and numeric read as JS numbers (counts and epoch ms). */
export function loadPg(): Promise<typeof pg> {
  return (loaded ??= (async () => {
    // Without a navigator, pg probes for Cloudflare Workers with `new Response()`, which loads
    // undici: a third more start-up time on Node 20 (docs/design.md).
    (globalThis as { navigator?: unknown }).navigator ??= { userAgent: 'Node.js' };
    const module = (await import('pg')).default;
    module.types.setTypeParser(20, Number);
    module.types.setTypeParser(1700, Number);
    return module;
  })());
}

/** Connects to `url`; a failure is one line that names the database with its password masked. */
export async function connectPg(url: string, options: ConnectOptions): Promise<PgConnection> {
  const settings = pgSettings(url, options.env);
  const pgpass: PgpassResult = {};
  // Only what the failure messages need: never the password.
  const { location, user, database, host, port } = settings;
  const where: PgWhere = { location, user, database, host, port, lockTimeoutMs: options.lockTimeoutMs, pgpass };
  const { Client } = await loadPg();
  const open = async (ssl: pg.ClientConfig['ssl']): Promise<pg.Client> => {
    const client = new Client({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      database: settings.database,
      // Asked only when the server wants a password, as libpq reads .pgpass only then.
      password: async () => settings.password ?? passwordFromFile(settings, options.env, pgpass),
      ssl,
      application_name: options.env.PGAPPNAME || 'oncall',
      connectionTimeoutMillis: connectTimeoutMs(options.env),
      // Every statement, reads included, waits for a table lock (a migration's, another
      // program's) no longer than a writer waits for the write lock, then fails in one line.
      ...(options.lockTimeoutMs > 0 ? { lock_timeout: Math.round(options.lockTimeoutMs) } : {}),
    });
    // A connection lost between statements is reported by the next statement; unhandled,
    // this event would end the process with a stack trace instead.
    client.on('error', () => {});
    await client.connect();
    return client;
  };
  try {
    const ssl = sslOptions(settings);
    try {
      return { client: await open(ssl), settings, where };
    } catch (error) {
      // "prefer": SSL when the server has it, a plain connection when it says it has none.
      if (settings.sslmode !== 'prefer' || !/does not support SSL/.test((error as Error).message)) throw error;
      return { client: await open(false), settings, where };
    }
  } catch (error) {
    throw pgFailure(error, where) ?? error;
  }
}

/** PGCONNECT_TIMEOUT seconds (0: wait for ever, as libpq); 10 s when unset, not libpq's for ever. */
function connectTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.PGCONNECT_TIMEOUT ?? 10);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : 10_000;
}

function passwordFromFile(settings: PgSettings, env: NodeJS.ProcessEnv, found: PgpassResult): string {
  Object.assign(found, lookupPgpass(settings, env));
  if (found.password !== undefined) return found.password;
  throw new UserError(`the server at ${settings.location} asks for a password for user "${settings.user}" and none was given: ${passwordHint(found, 'it')}`);
}

/** node-postgres's TLS options for libpq's sslmode (allow: plain first, which always works here). */
function sslOptions(settings: PgSettings): pg.ClientConfig['ssl'] {
  const ca = settings.sslrootcert && settings.sslrootcert !== 'system' ? readCa(settings) : undefined;
  switch (settings.sslmode) {
    case 'disable':
    case 'allow':
      return false;
    case 'prefer':
    case 'require':
      // libpq checks no certificate in these modes: they encrypt, they do not authenticate.
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ca, rejectUnauthorized: true, servername: isLocal(settings.host) ? undefined : settings.host };
  }
}

function readCa(settings: PgSettings): string {
  try {
    return fs.readFileSync(settings.sslrootcert as string, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the CA certificate ${settings.sslrootcert} (sslrootcert) for ${settings.location}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * One task on its own short connection (db status, migrate, roles): connected, run, closed,
 * with a failure worded like any other.
 */
export async function withPgConnection<T>(url: string, options: ConnectOptions, task: (connection: PgConnection) => Promise<T>): Promise<T> {
  const connection = await connectPg(url, options);
  try {
    return await task(connection);
  } catch (error) {
    throw pgFailure(error, connection.where) ?? error;
  } finally {
    await connection.client.end().catch(() => {});
  }
}
