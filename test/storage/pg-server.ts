// A real PostgreSQL server for the storage tests of the PostgreSQL adapter: initdb into a temp
// folder and pg_ctl start on a free local port, stopped after. Where the server binaries are
// missing, the tests that need it are skipped with one line saying so, unless
// ONCALL_TEST_PG=required (CI), where that is a failure.
//
// Over TCP every user but `postgres` logs in with a password (scram-sha-256), so the role and
// credential tests log in as a teammate would; `postgres` and the Unix socket are trusted.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgServer {
  host: string;
  port: number;
  /** The Unix socket folder. */
  socketDir: string;
  /** postgres://user[:password]@127.0.0.1:port/database */
  url(database: string, user?: string, password?: string): string;
  /** Runs SQL as the superuser `postgres` in `database`. */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, database?: string, params?: unknown[]): Promise<T[]>;
  /** A new empty database. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The server binaries' folder, or undefined when PostgreSQL is not installed. */
export function pgBinaries(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  } catch {
    // no pg_config: look where Debian puts the server
  }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => path.join(root, v, 'bin')).find((dir) => fs.existsSync(path.join(dir, 'initdb')));
}

/**
 * Whether the PostgreSQL tests can run here: true, or false after printing why. With
 * ONCALL_TEST_PG=required a missing server throws instead, so CI never skips them silently.
 */
export function pgAvailable(): boolean {
  if (pgBinaries()) return true;
  const why = 'PostgreSQL server binaries not found (no pg_config, no /usr/lib/postgresql/*/bin/initdb)';
  if (process.env.ONCALL_TEST_PG === 'required') throw new Error(`${why}, and ONCALL_TEST_PG=required: install the postgresql package`);
  console.log(`skipping the PostgreSQL adapter tests: ${why}; install the postgresql package to run them`);
  return false;
}

export async function startPgServer(): Promise<PgServer> {
  const bin = pgBinaries();
  if (!bin) throw new Error('PostgreSQL server binaries not found');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  fs.chmodSync(dir, 0o700);
  // initdb and pg_ctl refuse to run as root: run them as postgres then.
  const run = (tool: string, args: string[]): void => {
    const [cmd, all] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
    execFileSync(cmd, all, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    ['local all all trust', 'host all postgres 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 scram-sha-256', ''].join('\n'),
  );
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', 'start', '-o', options]);
  const host = '127.0.0.1';
  const url = (database: string, user = 'postgres', password?: string): string =>
    `postgres://${encodeURIComponent(user)}${password === undefined ? '' : `:${encodeURIComponent(password)}`}@${host}:${port}/${database}`;
  const admin = async <T extends pg.QueryResultRow>(sql: string, database = 'postgres', params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ host, port, user: 'postgres', database, password: '' });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    host,
    port,
    socketDir: dir,
    url,
    admin,
    async createDatabase(name) {
      await admin(`CREATE DATABASE "${name}"`);
      return url(name);
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
