// Where and as whom to connect, decided as the PostgreSQL tools decide it: the URL first, then
// the PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE,
// PGSSLROOTCERT), then libpq's defaults; a password missing from both comes from .pgpass.
//
// Built here from the run's own `env` rather than left to node-postgres, which reads
// process.env itself: commands also run in-process (tests, and any embedding) with an
// environment of their own, and swapping process.env around a connect would leak into
// everything else running meanwhile. So every field pg would look up is given explicitly.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { maskedUrl } from './masked-url.js';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface PgSettings {
  /** A host name or address, or the folder of a Unix socket. */
  host: string;
  port: number;
  user: string;
  database: string;
  /** From the URL or PGPASSWORD; otherwise .pgpass is read when the server asks. */
  password?: string;
  sslmode: SslMode;
  sslrootcert?: string;
  /** The URL with its password masked: how messages name the database. */
  location: string;
}

/** Debian's (and most packages') socket folder, where psql looks when no host is given. */
const SOCKET_DIRS = ['/var/run/postgresql', '/tmp'];

export function pgSettings(url: string, env: NodeJS.ProcessEnv): PgSettings {
  const location = maskedUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${location} is not a valid PostgreSQL URL: write it as postgres://USER@HOST:PORT/DATABASE`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new UserError(`${location} is not a PostgreSQL URL: it must start with postgres:// or postgresql://`);
  }
  const q = parsed.searchParams;
  const fromUrl = (name: string, part: string): string | undefined => q.get(name) || decode(part) || undefined;
  const port = Number(fromUrl('port', parsed.port) || env.PGPORT || 5432);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UserError(`${location} names port ${fromUrl('port', parsed.port) ?? env.PGPORT}, which is not a port number`);
  const user = fromUrl('user', parsed.username) || env.PGUSER || os.userInfo().username;
  const hostPart = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const host = fromUrl('host', hostPart) || env.PGHOST || defaultHost(port);
  const sslmode = (q.get('sslmode') || env.PGSSLMODE || defaultSslMode(host)) as SslMode;
  if (!SSL_MODES.includes(sslmode)) {
    throw new UserError(`${location}: sslmode "${sslmode}" is not one PostgreSQL knows: use ${SSL_MODES.join(', ')}`);
  }
  return {
    host,
    port,
    user,
    database: fromUrl('dbname', parsed.pathname.slice(1)) || env.PGDATABASE || user,
    password: fromUrl('password', parsed.password) ?? env.PGPASSWORD,
    sslmode,
    sslrootcert: q.get('sslrootcert') || env.PGSSLROOTCERT || undefined,
    location,
  };
}

/** Whether the server is on this machine: a socket or a loopback address. */
export function isLocal(host: string): boolean {
  return host.startsWith('/') || host === 'localhost' || /^127\./.test(host) || host === '::1';
}

/**
 * libpq's default is "prefer" (SSL if the server offers it). node-postgres cannot fall back
 * on the same connection, so "prefer" costs a second connection to a server without SSL; on
 * this machine, where SSL protects nothing, oncall starts without it, as libpq does on a socket.
 */
function defaultSslMode(host: string): SslMode {
  return isLocal(host) ? 'disable' : 'prefer';
}

/** psql's default: the local socket when a server listens there, else localhost over TCP. */
function defaultHost(port: number): string {
  return SOCKET_DIRS.find((dir) => fs.existsSync(path.join(dir, `.s.PGSQL.${port}`))) ?? 'localhost';
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
