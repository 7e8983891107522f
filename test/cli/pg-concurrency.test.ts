// Many writers at once on one shared PostgreSQL database (issue 15, item 4), each a separate
// `node bin/oncall.js` process with its own connection, as teammates' terminals and a CI job
// would be: they queue on the one advisory write lock (src/storage/pg-store.ts), so every
// write lands, and an acknowledgement checks the incident's state inside that lock
// (src/storage/incidents.ts), so exactly one of several at once wins.
//
// Runs in the `postgres` project only (on the run's shared server); the timings it prints are
// the numbers quoted for the issue.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { BIN, cleanup, EXAMPLES, json, ok, ROOT, tempDb, testEnv, writeYaml, type Env } from './helpers.js';
import { log, overrides, sessionAt, VIEWER } from './manage-helpers.js';

afterAll(cleanup);

interface Outcome {
  args: string[];
  status: number | null;
  stdout: string;
  stderr: string;
  /** From spawn to exit, in milliseconds. */
  ms: number;
}

/** `node bin/oncall.js ARGS` as a process of its own, not waited for. */
function spawnOncall(db: string, args: string[], env: Env = {}): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: testEnv({ ...VIEWER, ONCALL_DB: db, ...env }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ args, status, stdout, stderr, ms: performance.now() - started }));
  });
}

const describeOutcome = (o: Outcome) => `oncall ${o.args.join(' ')} → ${o.status}\n${o.stderr}`;

interface LockUse {
  /** The most sessions waiting for the write lock at once. */
  peakWaiting: number;
  /** The longest time one session held it, and all of them together (10 ms samples). */
  longestHeldMs: number;
  heldMs: number;
}

/**
 * Who holds and who waits for the write lock, sampled every 10 ms while `work` runs: proof that
 * the writers really did queue, and how much of the wall time the lock itself accounts for.
 */
async function watchLock<T>(db: string, work: Promise<T>): Promise<{ result: T; lock: LockUse }> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  const lock: LockUse = { peakWaiting: 0, longestHeldMs: 0, heldMs: 0 };
  let holder: { pid: number; since: number } | undefined;
  const handOver = (pid: number | undefined, now: number) => {
    if (holder?.pid === pid) return;
    if (holder) {
      lock.longestHeldMs = Math.max(lock.longestHeldMs, now - holder.since);
      lock.heldMs += now - holder.since;
    }
    holder = pid === undefined ? undefined : { pid, since: now };
  };
  let done = false;
  const sampling = (async () => {
    while (!done) {
      const { rows } = await client.query<{ pid: number; granted: boolean }>(
        "SELECT pid, granted FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      );
      lock.peakWaiting = Math.max(lock.peakWaiting, rows.filter((r) => !r.granted).length);
      handOver(rows.find((r) => r.granted)?.pid, performance.now());
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    return { result: await work, lock };
  } finally {
    done = true;
    await sampling;
    handOver(undefined, performance.now());
    await client.end();
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const WRITERS = 20;
const EACH = 2;
const EXTRA_SCHEDULES = 20;

/** acme.yaml's people plus a team and schedule `ops` that the big file does not mention. */
const OPS = stringify({
  version: 1,
  people: parse(fs.readFileSync(EXAMPLES.acme, 'utf8')).people,
  teams: [{ id: 'ops', name: 'Ops', members: PEOPLE }],
  schedules: [{ id: 'ops', team: 'ops', name: 'Ops', timezone: 'UTC', layers: [{ id: 'weekly', start: '2026-11-02T09:00', shift: '1w', members: PEOPLE }] }],
});

/** acme.yaml and 20 more schedules of three layers each: an apply that takes a while. */
function bigFile(): string {
  const acme = parse(fs.readFileSync(EXAMPLES.acme, 'utf8'));
  const extra = Array.from({ length: EXTRA_SCHEDULES }, (_, i) => ({
    id: `gen-${i + 1}`,
    team: i % 2 ? 'payments' : 'platform',
    name: `Generated ${i + 1}`,
    timezone: 'Europe/Berlin',
    layers: [
      { id: 'weekly', start: '2026-01-05T09:00', shift: '1w', members: PEOPLE.slice(i % 4, (i % 4) + 3) },
      { id: 'daily', start: '2026-01-05T09:00', shift: '1d', members: PEOPLE.slice(4 - (i % 4), 8 - (i % 4)) },
      { id: 'office', start: '2026-01-05T09:00', shift: '1d', members: PEOPLE.slice(2, 5), restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }] },
    ],
  }));
  return stringify({ ...acme, schedules: [...acme.schedules, ...extra] });
}

/** Writer w's override number k: its own day in 2027, so no two overlap. */
function window(w: number, k: number): { person: string; from: string; to: string } {
  const day = new Date(Date.UTC(2027, 0, 1 + w * EACH + k));
  const date = day.toISOString().slice(0, 10);
  return { person: PEOPLE[(w + k) % PEOPLE.length], from: `${date}T08:00:00Z`, to: `${date}T14:00:00Z` };
}

describe('many writers at once on PostgreSQL', () => {
  test(`${WRITERS} processes add ${EACH} overrides each while an apply of ${EXTRA_SCHEDULES} more schedules runs: every write lands`, async () => {
    const db = tempDb();
    const s = sessionAt(db);
    const dir = s.dir;
    ok(s.run(['apply', '-f', writeYaml(OPS, 'ops.yaml', dir)]));
    const big = writeYaml(bigFile(), 'big.yaml', dir);

    // One override add alone: what a process costs without waiting for anyone.
    const solo = await spawnOncall(db, ['override', 'add', '--schedule', 'ops', '--person', 'alice', '--from', '2026-12-01T08:00:00Z', '--to', '2026-12-01T09:00:00Z']);
    expect(solo.status, describeOutcome(solo)).toBe(0);

    const started = performance.now();
    const writer = async (w: number): Promise<Outcome[]> => {
      const done: Outcome[] = [];
      for (let k = 0; k < EACH; k++) {
        const { person, from, to } = window(w, k);
        done.push(await spawnOncall(db, ['override', 'add', '--schedule', 'ops', '--person', person, '--from', from, '--to', to, '--reason', `writer ${w} #${k}`], { ONCALL_USER: `writer${w}` }));
      }
      return done;
    };
    const { result, lock } = await watchLock(
      db,
      Promise.all([spawnOncall(db, ['apply', '-f', big], { ONCALL_USER: 'ci' }), ...Array.from({ length: WRITERS }, (_, w) => writer(w))]),
    );
    const wall = performance.now() - started;
    const [apply, ...perWriter] = result;
    const adds = (perWriter as Outcome[][]).flat();

    for (const o of [apply, ...adds]) expect(o.status, describeOutcome(o)).toBe(0);
    for (const o of adds) expect(o.stderr, describeOutcome(o)).toBe('');

    // Every override is there, exactly once, as given.
    const expected = Array.from({ length: WRITERS }, (_, w) => Array.from({ length: EACH }, (_, k) => window(w, k)))
      .flat()
      .map((x) => `${x.person} ${x.from} ${x.to}`);
    const present = overrides(s, ['--schedule', 'ops']).map((o) => `${o.person} ${o.start} ${o.end}`);
    expect(present.sort()).toEqual([...expected, 'alice 2026-12-01T08:00:00Z 2026-12-01T09:00:00Z'].sort());

    // The apply's changes all landed: every generated schedule with its three layers, and a
    // second apply of the same file has nothing left to do.
    const yaml = parse(ok(s.run(['export', 'yaml'])).stdout);
    const generated = yaml.schedules.filter((x: { id: string }) => x.id.startsWith('gen-'));
    expect(generated).toHaveLength(EXTRA_SCHEDULES);
    for (const schedule of generated) expect(schedule.layers.map((l: { id: string }) => l.id)).toEqual(['weekly', 'daily', 'office']);
    expect(yaml.schedules.map((x: { id: string }) => x.id)).toContain('ops');
    expect(ok(s.run(['apply', '-f', big])).stdout).toMatch(/^No changes\./);

    // The audit log has every write: one entry per override, by its writer; the apply's as ci.
    const entries = log(s);
    const added = entries.filter((e) => e.action === 'add' && e.entity === 'override:ops');
    expect(added).toHaveLength(WRITERS * EACH + 1);
    for (let w = 0; w < WRITERS; w++) expect(added.filter((e) => e.actor === `writer${w}`), `writer${w}`).toHaveLength(EACH);
    const applied = new Set(entries.filter((e) => e.actor === 'ci' && e.action === 'add').map((e) => e.entity));
    for (let i = 1; i <= EXTRA_SCHEDULES; i++) expect(applied, `gen-${i}`).toContain(`schedule:gen-${i}`);

    const times = adds.map((o) => o.ms);
    const numbers = {
      processes: adds.length + 1,
      atOnce: WRITERS + 1,
      wall: ms(wall),
      apply: ms(apply.ms),
      soloOverrideAdd: ms(solo.ms),
      overrideAdd: { min: ms(Math.min(...times)), median: ms(median(times)), max: ms(Math.max(...times)) },
      maxWaitBeyondSolo: ms(Math.max(...times, apply.ms) - solo.ms),
      peakWaitingForLock: lock.peakWaiting,
      lockHeld: { total: ms(lock.heldMs), longest: ms(lock.longestHeldMs) },
    };
    console.log(`pg-concurrency: ${JSON.stringify(numbers)}`);
    // They did overlap: at some moment at least two sessions were queued behind the lock.
    expect(lock.peakWaiting).toBeGreaterThanOrEqual(2);
  }, 120_000);

  test('8 incident ack processes at once on one open incident: exactly one wins, the others are told who did', async () => {
    const db = tempDb();
    const s = sessionAt(db);
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    ok(s.run(['team', 'add', 'all', '--members', PEOPLE.join(',')]));
    ok(s.run(['policy', 'add', 'pay', '--team', 'all', '--level', 'schedule:payments-primary']));
    ok(s.run(['incident', 'open', 'Checkout down', '--policy', 'pay']));

    const started = performance.now();
    const outcomes = await Promise.all(PEOPLE.map((p) => spawnOncall(db, ['--as', p, 'incident', 'ack', '1', '--by', p])));
    const wall = performance.now() - started;

    const winners = outcomes.filter((o) => o.status === 0);
    expect(winners.map(describeOutcome)).toHaveLength(1);
    const winner = winners[0].args[1];
    for (const o of outcomes.filter((x) => x.status !== 0)) {
      expect(o.status, describeOutcome(o)).toBe(2);
      expect(o.stdout).toBe('');
      expect(o.stderr.trimEnd().split('\n'), describeOutcome(o)).toHaveLength(1);
      expect(o.stderr).toMatch(new RegExp(`^oncall: incident 1 was already acknowledged by ${winner};`));
    }
    expect(json(ok(s.run(['incident', 'show', '1', '--json'])))).toMatchObject({ status: 'acknowledged', acknowledgedBy: winner });
    const acks = log(s).filter((e) => e.entity === 'incident:1' && e.action === 'acknowledge');
    expect(acks.map((e) => e.actor)).toEqual([winner]);
    console.log(`pg-concurrency: ${JSON.stringify({ ackProcesses: outcomes.length, winner, wall: ms(wall), slowest: ms(Math.max(...outcomes.map((o) => o.ms))) })}`);
  }, 60_000);
});
