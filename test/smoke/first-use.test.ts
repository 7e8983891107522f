// Killing oncall at every write of its first run (and of a schema upgrade) must never leave a
// file that the next run refuses: the next command works and finds the data. strace stops the
// real binary with SIGKILL at the Nth call of a write-related system call (every N in turn).
// Without strace the tests are skipped, saying so; CI installs it (.ci/run).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, cleanup, json, ok, ROOT, run, tempDb, testEnv } from '../cli/helpers.js';

afterAll(cleanup);

const JOURNAL = JSON.parse(fs.readFileSync(path.join(ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8')).entries as { tag: string }[];
const SCHEMA = JOURNAL.length;
/**
 * The calls through which SQLite changes files: page writes, syncs, truncation and removal of
 * journals. (Plain `write` on the main thread is libuv waking its threads, not SQLite.)
 */
const SYSCALLS = ['pwrite64', 'fsync', 'fdatasync', 'ftruncate', 'unlink'];

const straceInstalled = spawnSync('strace', ['-V']).status === 0;
const straceWorks = straceInstalled && spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=pwrite64', 'true']).status === 0;
const WITHOUT_STRACE = straceInstalled
  ? 'strace cannot trace processes here (ptrace is not allowed)'
  : 'strace is not installed (apt-get install strace; .ci/run does)';
if (!straceWorks) console.warn(`test/smoke/first-use.test.ts skipped: ${WITHOUT_STRACE}`);
/** Skipped without strace; in CI, which installs it, its absence is a failure. */
const needsStrace = (name: string, body: () => Promise<void>) =>
  test.runIf(straceWorks || (Boolean(process.env.CI) && !straceInstalled))(
    name,
    async () => {
      expect(straceWorks, WITHOUT_STRACE).toBe(true);
      await body();
    },
    300_000,
  );

interface Spawned {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function spawnAsync(command: string, args: string[], env: Record<string, string>): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stderr }));
  });
}

/**
 * How many times a full run of `oncall ARGS` on `db` makes each call in SYSCALLS on its main
 * thread (where SQLite runs; libuv's threads only signal each other).
 */
function callCounts(db: string, args: string[]): Map<string, number> {
  const trace = `${db}.trace`;
  const r = spawnSync('strace', ['-f', '-qq', '-o', trace, '-e', `trace=${SYSCALLS.join(',')}`, process.execPath, BIN, ...args], {
    cwd: ROOT,
    env: testEnv({ ONCALL_DB: db }),
  });
  expect(r.status, String(r.stderr)).toBe(0);
  const calls = fs.readFileSync(trace, 'utf8').split('\n').map((line) => /^(\d+) +(\w+)\(/.exec(line)).filter((m) => m !== null);
  // The first traced call comes from the main thread: no other thread exists yet.
  const main = calls[0]?.[1];
  const counts = new Map<string, number>();
  for (const [, pid, call] of calls) if (pid === main) counts.set(call, (counts.get(call) ?? 0) + 1);
  return counts;
}

/**
 * For every kill point of `oncall person list` on a file made by `prepare`: kill there, then
 * `check` the next run. Returns how many kill points actually killed.
 */
async function killEverywhere(prepare: (db: string) => void, check: (db: string, point: string) => void): Promise<number> {
  const probe = tempDb();
  prepare(probe);
  const counts = callCounts(probe, ['person', 'list']);
  // The loop must have writes to kill at, or it proves nothing.
  expect(counts.get('pwrite64') ?? 0).toBeGreaterThanOrEqual(5);
  const points = [...counts].flatMap(([call, n]) => samplePoints(n).map((when) => ({ call, when })));
  let killed = 0;
  // One at a time: each is a Node start-up, and the other test files need the cores too.
  for (const { call, when } of points) {
    const db = tempDb();
    prepare(db);
    const inject = ['-e', `trace=${call}`, '-e', `inject=${call}:signal=KILL:when=${when}`];
    const r = await spawnAsync('strace', ['-f', '-qq', '-o', '/dev/null', ...inject, process.execPath, BIN, 'person', 'list'], testEnv({ ONCALL_DB: db }));
    if (r.status !== 0) killed += 1;
    check(db, `killed at ${call} #${when} (strace exit ${r.status})`);
  }
  return killed;
}

/**
 * Which of a call's n occurrences to kill at. Each kill is a Node start-up under strace, and a
 * first run makes about a hundred page writes: every occurrence of the rarer calls (syncs,
 * truncations, removals) is tried, and of a frequent one the first and last three (the
 * set-up and the commit) plus an even spread between, at most MAX_POINTS in all.
 */
const MAX_POINTS = 16;
function samplePoints(n: number): number[] {
  if (n <= MAX_POINTS) return Array.from({ length: n }, (_, i) => i + 1);
  const ends = [1, 2, 3, n - 2, n - 1, n];
  const stride = (n - 7) / (MAX_POINTS - ends.length + 1);
  const middle = Array.from({ length: MAX_POINTS - ends.length }, (_, i) => 4 + Math.round((i + 1) * stride));
  return [...new Set([...ends, ...middle])].sort((a, b) => a - b);
}

function schemaOf(db: string): number {
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return sqlite.pragma('user_version', { simple: true }) as number;
  } finally {
    sqlite.close();
  }
}

const people = (db: string) => json<{ id: string }[]>(ok(run(['person', 'list', '--json'], { ONCALL_DB: db }))).map((p) => p.id);

describe('first use survives being killed at any write', () => {
  needsStrace('killed at each write of the first run, the next run works and keeps what it writes', async () => {
    const killed = await killEverywhere(
      () => undefined,
      (db, point) => {
        const added = run(['person', 'add', 'ann'], { ONCALL_DB: db });
        expect(added.status, `${point}: ${added.stderr}`).toBe(0);
        expect(people(db), point).toEqual(['ann']);
        expect(schemaOf(db), point).toBe(SCHEMA);
      },
    );
    expect(killed).toBeGreaterThanOrEqual(20);
  });

  needsStrace('killed at each write of a schema upgrade, the next run upgrades it and the data is there', async () => {
    const killed = await killEverywhere(
      (db) => {
        // The database as the oncall before the last migration left it, with one person.
        const sqlite = new Database(db);
        sqlite.pragma('journal_mode = WAL');
        for (const { tag } of JOURNAL.slice(0, -1)) sqlite.exec(fs.readFileSync(path.join(ROOT, 'drizzle', `${tag}.sql`), 'utf8'));
        sqlite.prepare("INSERT INTO people (id, name, created_at) VALUES ('old', 'Olga Old', 0)").run();
        sqlite.pragma(`user_version = ${SCHEMA - 1}`);
        sqlite.close();
      },
      (db, point) => {
        expect(people(db), point).toEqual(['old']);
        expect(schemaOf(db), point).toBe(SCHEMA);
        expect(schemaOf(`${db}.schema-${SCHEMA - 1}.bak`), `${point}: the backup`).toBe(SCHEMA - 1);
      },
    );
    expect(killed).toBeGreaterThanOrEqual(10);
  });
});
