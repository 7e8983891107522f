// Running the CLI without blocking this thread, so the fake calendar servers the tests start
// in it can answer: in-process, or as a real process for the tests that kill it mid-sync.
// Every output is kept, to check that no token ever shows.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, EXAMPLES, NOW, ROOT, runAsync, tempDir, type Env, type Result, type Shift } from '../cli/helpers.js';

export const GOOGLE_TOKEN = 'ya29.test-google-access-token-7f3a9c';
export const GRAPH_TOKEN = 'eyJ0eXAi.test-graph-access-token-b81d2e';
const DAY = 86_400_000;

export interface Running {
  child: ChildProcess;
  done: Promise<Result>;
}

export function start(args: string[], env: Env): Running {
  const merged: Env = { ...process.env, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: merged as NodeJS.ProcessEnv });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Result>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
  return { child, done };
}

/**
 * A database with examples/acme.yaml applied, a file credential store in a temp config
 * folder, tokens in the environment (as in CI), and API URLs pointing at the fakes.
 */
export async function calendarSession(urls: { google?: string; graph?: string }, extra: Env = {}) {
  const dir = tempDir();
  const db = path.join(dir, 'oncall.db');
  const outputs: string[] = [];
  const env: Env = {
    ONCALL_DB: db,
    ONCALL_NOW: NOW,
    ONCALL_TZ: 'Europe/Berlin',
    NO_COLOR: '1',
    ONCALL_USER: undefined,
    ONCALL_CREDENTIALS: 'file',
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    ONCALL_GOOGLE_API_URL: urls.google,
    ONCALL_GRAPH_API_URL: urls.graph,
    ONCALL_GOOGLE_ACCESS_TOKEN: GOOGLE_TOKEN,
    ONCALL_GOOGLE_REFRESH_TOKEN: undefined,
    ONCALL_GRAPH_ACCESS_TOKEN: GRAPH_TOKEN,
    ONCALL_SYNC_RETRY_BASE_MS: '5',
    ...extra,
  };
  const keep = (r: Result) => (outputs.push(r.stdout, r.stderr), r);
  /** The real binary, for tests that kill it. */
  const startIn = (args: string[], more: Env = {}): Running => {
    const running = start(args, { ...env, ...more });
    running.done.then(keep);
    return running;
  };
  const run = async (args: string[], more: Env = {}) => keep(await runAsync(args, { ...env, ...more }));
  const succeeded = (args: string[], r: Result) => {
    if (r.status !== 0) throw new Error(`oncall ${args.join(' ')}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const must = async (args: string[], more: Env = {}) => succeeded(args, await run(args, more));
  /** As `must`, in a process of its own: for what only a process start reads (NODE_EXTRA_CA_CERTS). */
  const mustInProcessOfItsOwn = async (args: string[], more: Env = {}) => succeeded(args, await startIn(args, more).done);
  await must(['apply', '-f', EXAMPLES.acme]);
  return {
    dir,
    db,
    outputs,
    start: startIn,
    run,
    must,
    mustInProcessOfItsOwn,
    /** Adds a target and returns its id. */
    async add(provider: string, calendar: string, what = ['--schedule', 'payments-primary'], days = 30): Promise<number> {
      const r = await must(['calendar', 'add', '--provider', provider, '--calendar', calendar, ...what, '--days', String(days)]);
      return Number(r.stdout.trim());
    },
    /** Final shifts with someone on call that overlap [now, now + days). */
    async shifts(schedule = 'payments-primary', days = 30): Promise<Shift[]> {
      const r = await must(['shifts', '--schedule', schedule, '--from', NOW, '--to', new Date(Date.parse(NOW) + days * DAY).toISOString(), '--json']);
      return (JSON.parse(r.stdout) as Shift[]).filter((s) => s.person !== null);
    },
    async status(): Promise<any> {
      return JSON.parse((await must(['calendar', 'status', '--json'])).stdout);
    },
    /** Every byte the database (and its journal files) holds, as latin1 text. */
    dbBytes(): string {
      return fs
        .readdirSync(dir)
        .filter((f) => f.startsWith('oncall.db'))
        .map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1'))
        .join('\n');
    },
  };
}
export type CalendarSession = Awaited<ReturnType<typeof calendarSession>>;

/** acme.yaml with one more override on payments-primary. */
export function acmeWithOverride(override: string): string {
  const text = fs.readFileSync(EXAMPLES.acme, 'utf8');
  const anchor = '        reason: Christmas swap, carol is travelling\n';
  if (!text.includes(anchor)) throw new Error('examples/acme.yaml changed: update acmeWithOverride');
  return text.replace(anchor, `${anchor}${override}`);
}

/**
 * Checks that events (start, end, person) are exactly the shifts overlapping the window,
 * taken whole: only the first may start earlier and the last end later than `shifts` says.
 */
export function mismatches(events: { start: number; end: number; person: string }[], shifts: Shift[]): string[] {
  const sorted = [...events].sort((a, b) => a.start - b.start);
  const problems: string[] = [];
  if (sorted.length !== shifts.length) problems.push(`${sorted.length} events for ${shifts.length} shifts`);
  shifts.forEach((s, i) => {
    const e = sorted[i];
    if (!e) return;
    const start = Date.parse(s.start);
    const end = Date.parse(s.end);
    const startOk = i === 0 ? e.start <= start : e.start === start;
    const endOk = i === shifts.length - 1 ? e.end >= end : e.end === end;
    if (!startOk || !endOk || e.person !== s.person) {
      problems.push(`#${i}: event ${e.person} ${new Date(e.start).toISOString()}–${new Date(e.end).toISOString()} vs shift ${s.person} ${s.start}–${s.end}`);
    }
  });
  return problems;
}
