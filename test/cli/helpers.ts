// Helpers for the end-to-end tests: they run the built CLI (`npm run build` must have run;
// `npm test` does it) with a temp database, a pinned "now" and a fixed viewer zone. `run`
// calls main() in-process (see in-process.ts); `spawnRun` starts the real binary, for the
// few tests that are about the process itself (exit codes, terminals, signals, pipes).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupPg, onPostgres, tempPgDb } from '../pg/databases.js';
import { runInProcess, runInProcessAsync, type Result } from './in-process.js';

export type { Result } from './in-process.js';
export { dbState } from './db-state.js';
export { execDb, literal, queryDb } from './db-sql.js';
export { onPostgres } from '../pg/databases.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'oncall.js');
export const NOW = '2026-11-23T12:00:00Z';
export const EXAMPLES = {
  acme: path.join(ROOT, 'examples', 'acme.yaml'),
  sun: path.join(ROOT, 'examples', 'follow-the-sun.yaml'),
  weekend: path.join(ROOT, 'examples', 'weekend.yaml'),
};

/** Values set to undefined are removed from the child's environment. */
export type Env = Record<string, string | undefined>;

const created: string[] = [];

/** A fresh, empty directory under the system temp folder (removed by `cleanup`). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-test-'));
  created.push(dir);
  return dir;
}

/**
 * A database of its own: a path that does not exist yet in a fresh temp directory, or, in the
 * `postgres` vitest project (ONCALL_TEST_BACKEND=postgres), the URL of a new, migrated database.
 */
export function tempDb(): string {
  return onPostgres ? tempPgDb() : path.join(tempDir(), 'oncall.db');
}

/** Writes YAML text to a temp file and returns its path. */
export function writeYaml(text: string, name = 'setup.yaml', dir = tempDir()): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

export function cleanup(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  cleanupPg();
}

/** The environment a test run sees: this process's, pinned now and zone, no colour, no actor, no COLUMNS. */
export function testEnv(env: Env = {}): Record<string, string> {
  const merged: Env = {
    ...process.env,
    ONCALL_NOW: NOW,
    ONCALL_TZ: 'Europe/Berlin',
    NO_COLOR: '1',
    ONCALL_USER: undefined,
    COLUMNS: undefined,
    ...env,
  };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged as Record<string, string>;
}

/** Runs `oncall ARGS` in-process. `env` must name the database (ONCALL_DB or --db). */
export function run(args: string[], env: Env = {}): Result {
  return runInProcess(args, testEnv(env));
}

/** The same, without blocking this thread: for tests whose fake servers run in it. */
export function runAsync(args: string[], env: Env = {}): Promise<Result> {
  return runInProcessAsync(args, testEnv(env));
}

/** Runs the real binary, `node bin/oncall.js ARGS`, from the repository root. */
export function spawnRun(args: string[], env: Env = {}): Result {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: testEnv(env),
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A database of its own, a temp folder for the test's files, and a `run` bound to the database. */
export function session(baseEnv: Env = {}) {
  const db = tempDb();
  return {
    db,
    dir: onPostgres ? tempDir() : path.dirname(db),
    run: (args: string[], env: Env = {}) => run(args, { ONCALL_DB: db, ...baseEnv, ...env }),
  };
}
export type Session = ReturnType<typeof session>;

/** A session with examples/acme.yaml applied. */
export function acmeSession(): Session {
  const s = session();
  ok(s.run(['apply', '-f', EXAMPLES.acme]));
  return s;
}

/** The lines of a printed timeline, and its ruler (the line above the first `│` tick row). */
export const lines = (text: string) => text.split('\n');
export const rulerOf = (text: string) => lines(text)[lines(text).findIndex((l) => /^ +│/.test(l)) - 1] ?? '';

/** Parses stdout as JSON, failing with the whole result when it is not. */
export function json<T = any>(result: Result): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (status ${result.status}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** Runs a command that must succeed and returns its result. */
export function ok(result: Result): Result {
  if (result.status !== 0) {
    throw new Error(`expected exit 0, got ${result.status}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
  return result;
}

/** Runs `apply --dry-run` of a plan that is not empty: it must exit 4 (changes pending), the plan whole on stdout. */
export function pending(result: Result): Result {
  if (result.status !== 4) {
    throw new Error(`expected exit 4 (changes pending), got ${result.status}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
  return result;
}

/** 1-based line and column of the first occurrence of `token` in `text` (after `after`, if given). */
export function position(text: string, token: string, after?: string): { line: number; col: number } {
  const from = after === undefined ? 0 : text.indexOf(after);
  const index = text.indexOf(token, from < 0 ? 0 : from);
  if (index < 0) throw new Error(`"${token}" is not in the fixture`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

export const ANSI = /\u001b\[/;

/** Final shifts as printed by `shifts --json`. */
export interface Shift {
  schedule: string;
  person: string | null;
  start: string;
  end: string;
  source: string | null;
}

/** Asserts-free check: the list tiles [start, end) in order, without gaps or overlap. */
export function tilingProblems(shifts: Shift[], start: string, end: string): string[] {
  const problems: string[] = [];
  if (shifts.length === 0) return ['no shifts'];
  if (shifts[0].start !== start) problems.push(`first starts ${shifts[0].start}, not ${start}`);
  if (shifts[shifts.length - 1].end !== end) problems.push(`last ends ${shifts[shifts.length - 1].end}, not ${end}`);
  shifts.forEach((s, i) => {
    if (!(Date.parse(s.start) < Date.parse(s.end))) problems.push(`#${i} is empty or reversed`);
    const next = shifts[i + 1];
    if (next && next.start !== s.end) problems.push(`#${i} ends ${s.end} but #${i + 1} starts ${next.start}`);
    if (next && next.person === s.person && next.source === s.source) problems.push(`#${i} and #${i + 1} are not merged`);
  });
  return problems;
}
