// A real, throwaway PostgreSQL cluster for the tests: Debian's postgresql package, initdb into a
// temp folder, pg_ctl start on a free 127.0.0.1 port (and a unix socket in that folder), stopped
// and removed after. Durability is switched off: a test cluster never outlives the run.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgServer {
  /** Where psql, createdb and pg_ctl live. */
  bin: string;
  port: number;
  /** The folder holding the cluster, its log and its unix socket. */
  dir: string;
  /** Superuser URL without a database name: `${base}/name` connects to one. */
  base: string;
  stop(): void;
}

/** Why the tests cannot start a server here, with what to install; undefined when they can. */
export function missingServer(): string | undefined {
  return pgBin() ? undefined : 'initdb not found; apt-get install postgresql';
}

/** The bin folder with initdb: pg_config's, else the newest /usr/lib/postgresql/N/bin. */
export function pgBin(): string | undefined {
  const configured = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates = configured.status === 0 ? [configured.stdout.trim()] : [];
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  return candidates.find((bin) => fs.existsSync(path.join(bin, 'initdb')));
}

/** initdb and pg_ctl refuse to run as root: as root they run as the package's `postgres` user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function runAsServer(command: string, args: string[]): void {
  const [cmd, argv] = asServerUser(command, args);
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} failed (exit ${result.status}): ${(result.stderr || result.stdout).trim()}`);
  }
}

/**
 * A process of its own that stops the server and removes its folder once `owner` is gone, however
 * it ended: a teardown that never ran (SIGKILL, a closed pipe, Ctrl-C) must not leave a server behind.
 */
function watch(owner: number, bin: string, data: string, dir: string): ChildProcess {
  const [stopCommand, stopArgs] = asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
  // The extra second lets a pg_ctl start cut short by the owner's death finish before the stop.
  const script = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; sleep 1; shift; dir=$1; shift; "$@" >/dev/null 2>&1; rm -rf "$dir"';
  const child = spawn('sh', ['-c', script, 'watchdog', String(owner), dir, stopCommand, ...stopArgs], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

/** A port nothing listens on right now (the OS picks it; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer(): Promise<PgServer> {
  const bin = pgBin();
  if (!bin) throw new Error(`PostgreSQL tests cannot run: ${missingServer()}`);
  const dir = fs.mkdtempSync(path.join(clusterRoot(), 'oncall-pg-'));
  const data = path.join(dir, 'data');
  // From the start: a run killed during initdb must not leave a cluster folder behind either.
  const watchdog = watch(process.pid, bin, data, dir);
  // The server owns the folder; 0755 so the test process (root or not) can reach the socket.
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', dir]);
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const stop = () => {
    watchdog.kill();
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
      try {
        runAsServer(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: removing the folder is all that is left to do.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    runAsServer(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      // Enough for every worker's CLI, its test's own connections and the harness's psql.
      '-c max_connections=200',
    ].join(' ');
    runAsServer(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start', '-o', options]);
  } catch (error) {
    const log = path.join(dir, 'log');
    const tail = fs.existsSync(log) ? `\n${fs.readFileSync(log, 'utf8').split('\n').slice(-10).join('\n')}` : '';
    stop();
    throw new Error(`could not start a PostgreSQL server for the tests: ${(error as Error).message}${tail}`);
  }
  return { bin, port, dir, base: `postgres://postgres@127.0.0.1:${port}`, stop };
}

/**
 * Memory-backed /dev/shm when there is one: each test database is a 7 MB copy, and on a disk
 * shared with other jobs copying them (and the checkpoint each copy forces) slowed to ~0.5 s.
 */
function clusterRoot(): string {
  const shm = '/dev/shm';
  try {
    fs.accessSync(shm, fs.constants.W_OK);
    return shm;
  } catch {
    return os.tmpdir();
  }
}
