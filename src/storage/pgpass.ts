// The password file of the PostgreSQL tools (~/.pgpass, or PGPASSFILE), read the way libpq
// reads it: `host:port:database:user:password` lines, `*` matching anything, `\:` and `\\`
// escaped, the first matching line winning, and the file ignored unless only its owner can
// read it. Read from the run's own environment, which need not be process.env.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PgpassKey {
  host: string;
  port: number;
  database: string;
  user: string;
}

export interface PgpassResult {
  password?: string;
  /** The file, when there is one: named in the hint of a failed login. */
  file?: string;
  /** Why the file was not used although it exists (libpq ignores a file others can read). */
  ignored?: string;
}

export function pgpassFile(env: NodeJS.ProcessEnv): string {
  return env.PGPASSFILE || path.join(env.HOME || os.homedir(), '.pgpass');
}

export function lookupPgpass(key: PgpassKey, env: NodeJS.ProcessEnv): PgpassResult {
  const file = pgpassFile(env);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return {};
  if (process.platform !== 'win32' && stat.mode & 0o077) {
    return { file, ignored: 'others can read it, so it was ignored as libpq ignores it: chmod 600 it' };
  }
  // A server reached through a Unix socket is "localhost" in the file, as for libpq.
  const host = key.host.startsWith('/') ? 'localhost' : key.host;
  const wanted = [host, String(key.port), key.database, key.user];
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line.startsWith('#') || !line.trim()) continue;
    const fields = splitFields(line);
    if (fields.length < 5) continue;
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return { password: fields[4], file };
  }
  return { file };
}

/** The line's fields, split on unescaped colons, with `\x` read as `x`. */
function splitFields(line: string): string[] {
  const fields = [''];
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) fields[fields.length - 1] += line[++i];
    else if (c === ':' && fields.length < 5) fields.push('');
    else fields[fields.length - 1] += c;
  }
  return fields;
}
