// What a failed PostgreSQL connection or statement means to the user, as one line naming the
// database by its masked URL: something they can fix (a password, a missing database, a
// certificate) is a UserError; a server that is down or a lock held too long is a
// RuntimeFailure; a statement the connected role may not run is PermissionDenied, which the
// CLI words as the oncall role the command needs. Anything else is left as it is (a bug).

import { RuntimeFailure, UserError } from '../errors.js';
import { LOCK_TIMEOUT_VARIABLE } from './failures.js';

/** The connected role lacks a privilege (SQLSTATE 42501): nothing was changed. */
export class PermissionDenied extends RuntimeFailure {
  /** The table (or sequence, schema) PostgreSQL refused, when it said which. */
  readonly table?: string;
  /** The role oncall connected as. */
  readonly user: string;
  constructor(message: string, user: string, table?: string) {
    super(message);
    this.name = 'PermissionDenied';
    this.user = user;
    this.table = table;
  }
}

export interface PgWhere {
  /** The masked URL. */
  location: string;
  user: string;
  database: string;
  host: string;
  port: number;
  /** How long this run waits for the write lock, in milliseconds. */
  lockTimeoutMs: number;
  /** The password file that was looked at, and why it was ignored, for the login hint. */
  pgpass?: { file?: string; ignored?: string };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOENT', 'ECONNRESET', 'EPIPE']);
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;

export function pgFailure(error: unknown, where: PgWhere): UserError | RuntimeFailure | undefined {
  if (error instanceof UserError || error instanceof RuntimeFailure) return error;
  error = driverError(error);
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const at = where.location;
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new RuntimeFailure(`cannot reach the database at ${at} (${unreachable(code, where)}); is the server running?`);
  }
  if (/Connection terminated|connection timeout/i.test(error.message)) {
    return new RuntimeFailure(`cannot reach the database at ${at} (${error.message.replace(/\s+/g, ' ')}); is the server running?`);
  }
  if (error.message === 'The server does not support SSL connections') {
    return new UserError(`the server at ${at} does not offer SSL, which the sslmode asked for demands: use sslmode=disable or prefer, or turn SSL on in the server`);
  }
  if (typeof code === 'string' && CERTIFICATE.test(code)) {
    return new UserError(
      `cannot verify the certificate of the server at ${at} (${error.message}): give its CA with sslrootcert=FILE in the URL or PGSSLROOTCERT, or use sslmode=require`,
    );
  }
  switch (code) {
    case '28P01':
      return new UserError(`the server at ${at} refused the password of user "${where.user}": ${passwordHint(where.pgpass, 'the right one')}`);
    case '28000':
      return new UserError(`the server at ${at} does not let user "${where.user}" in (${oneLine(error.message)}): ask its administrator for access, or connect as another user`);
    case '3D000':
      return new UserError(`database "${where.database}" does not exist on the server at ${at}: create it with \`createdb ${where.database}\`, or name another in the URL`);
    case '55P03':
      return new RuntimeFailure(
        `the database at ${at} is locked by another oncall command or program (waited ${seconds(where.lockTimeoutMs)}); nothing was changed: try again when it has finished, or wait longer with ${LOCK_TIMEOUT_VARIABLE}=SECONDS`,
      );
    case '42501': {
      const table = /permission denied for (?:table|relation|sequence|schema) "?([\w.]+)"?/.exec(error.message)?.[1];
      return new PermissionDenied(`user "${where.user}" may not do this in the database at ${at} (${oneLine(error.message)}); nothing was changed`, where.user, table);
    }
    case '22021':
      // PostgreSQL text cannot hold NUL (SQLite can): the input is refused, not silently changed.
      return new UserError(`the database at ${at} cannot store text containing a NUL character (\\0): PostgreSQL text may not hold one; nothing was changed: remove it and try again`);
    case '53300':
      return new RuntimeFailure(`the server at ${at} has no connection left for oncall (${oneLine(error.message)}); try again in a moment`);
    case '57P01':
    case '57P02':
    case '57P03':
      return new RuntimeFailure(`the server at ${at} is shutting down or starting up (${oneLine(error.message)}); nothing more was changed: try again when it is up`);
  }
  return undefined;
}

/** The driver's error under drizzle's wrapper (DrizzleQueryError keeps it as `cause`). */
function driverError(error: unknown): unknown {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (typeof (e as { code?: unknown }).code === 'string') return e;
  }
  return error;
}

/** The hint for a login that needs a password: the ways the PostgreSQL tools take one. */
export function passwordHint(pgpass: PgWhere['pgpass'], what: string): string {
  const file = pgpass?.file ?? '~/.pgpass';
  const ignored = pgpass?.ignored ? `; ${file}: ${pgpass.ignored}` : '';
  return `give ${what} with PGPASSWORD, a line in ${file} (or the file PGPASSFILE names), or in the URL${ignored}`;
}

function unreachable(code: string, where: PgWhere): string {
  const place = where.host.startsWith('/') ? `socket ${where.host}/.s.PGSQL.${where.port}` : `${where.host}:${where.port}`;
  if (code === 'ECONNREFUSED') return `connection refused at ${place}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host ${where.host} not found`;
  if (code === 'ENOENT') return `no server listening at ${place}`;
  if (code === 'ETIMEDOUT') return `no answer from ${place}`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `connection to ${place} lost`;
  return `${place} unreachable`;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
