// Issue 15, moving in: `oncall db copy --to URL` takes a SQLite database to PostgreSQL and
// back without losing anything a user can see (a year of shifts on every schedule, the log,
// the definitions, incidents, time off, calendar targets), and the copy on PostgreSQL keeps
// working: the next override gets a fresh id. A target holding data is never written.
// It starts a server of its own, so it runs in the sqlite project only (vitest.config.ts).

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pgAvailable, startPgServer, type PgServer } from '../storage/pg-server.js';
import { cleanup, EXAMPLES, json, ok, run, tempDir, type Result } from './helpers.js';

let server: PgServer;
const PASSWORD = 'c0py-S3cret';

/** Exit 2, one line naming the problem, nothing on stdout, no password. */
function refused(result: Result, message: string): void {
  const what = `status ${result.status}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.status, what).toBe(2);
  expect(result.stdout, what).toBe('');
  expect(result.stderr.trimEnd().split('\n'), what).toHaveLength(1);
  expect(result.stderr, what).toContain(message);
  expect(result.stderr, what).not.toContain(PASSWORD);
}

const at = (db: string, args: string[]) => ok(run([...args, '--db', db]));

/** A SQLite database with every kind of row: history, booleans, removals, incidents, time off, a calendar target. */
function richDatabase(file: string): void {
  const on = (args: string[]) => at(file, args);
  on(['apply', '-f', EXAMPLES.acme]);
  on(['apply', '-f', path.join(path.dirname(EXAMPLES.acme), 'escalation.yaml')]);
  on(['layer', 'edit', 'payments-secondary', 'weekly', '--members', 'bob,carol,alice,erin', '--effective', '2026-12-14T09:00']);
  on(['layer', 'disable', 'payments-primary', 'business-hours', '--effective', '2027-02-01']);
  on(['schedule', 'disable', 'platform-primary', '--effective', '2027-03-01']);
  on(['override', 'add', '--schedule', 'platform-primary', '--person', 'heidi', '--from', '2026-12-03T00:00:00Z', '--to', '2026-12-04T00:00:00Z', '--reason', 'cover']);
  on(['swap', '--schedule', 'payments-primary', '--shift-of', 'alice', '--with', 'bob', '--at', '2026-12-09T03:00']);
  on(['timeoff', 'add', 'erin', '--from', '2026-12-08', '--to', '2026-12-08', '--reason', 'Dentist']);
  on(['incident', 'open', 'Checkout down', '--policy', 'payments-critical']);
  on(['incident', 'ack', '1', '--by', 'carol']);
  on(['incident', 'resolve', '1', '--by', 'carol', '--note', 'rolled back']);
  on(['incident', 'open', 'Slow refunds', '--policy', 'payments-critical']);
  on(['calendar', 'add', '--provider', 'google', '--calendar', 'primary', '--schedule', 'payments-primary']);
  on(['person', 'rm', 'heidi', '--force']);
}

/** What a user reads from a database: a year of every schedule's shifts, the log, the definitions, incidents, time off, calendar targets. */
function views(db: string): Record<string, string> {
  const schedules = json<{ id: string }[]>(at(db, ['schedule', 'list', '--json'])).map((s) => s.id);
  expect(schedules.length).toBeGreaterThanOrEqual(3);
  const all = [
    ...schedules.map((s) => ['shifts', '--schedule', s, '--from', '2026-06-01', '--to', '2027-06-01', '--json']),
    ['log', '--json'],
    ['export', 'yaml'],
    ['incident', 'list', '--json'],
    ['timeoff', 'list', '--json'],
    ['calendar', 'list', '--json'],
    ['override', 'list', '--from', '2026-01-01', '--json'],
    ['layer', 'show', 'payments-secondary', 'weekly', '--json'],
  ];
  return Object.fromEntries(all.map((view) => [view.join(' '), at(db, view).stdout]));
}

describe.skipIf(!pgAvailable())('oncall db copy between SQLite and PostgreSQL', () => {
  beforeAll(async () => {
    server = await startPgServer();
  }, 60_000);
  afterAll(async () => {
    cleanup();
    await server?.stop();
  });

  test('SQLite → PostgreSQL → SQLite loses nothing, and the PostgreSQL copy keeps working', async () => {
    const dir = tempDir();
    const original = path.join(dir, 'original.db');
    richDatabase(original);
    const before = views(original);

    // A database with no oncall schema: copying into it sets the schema up.
    const url = await server.createDatabase('team');
    const withPassword = server.url('team', 'postgres', PASSWORD);
    const toPg = ok(run(['db', 'copy', '--to', withPassword, '--db', original, '--json']));
    expect(toPg.stdout).not.toContain(PASSWORD);
    const copied = json(toPg);
    expect(copied).toMatchObject({ from: original, to: withPassword.replace(PASSWORD, '***'), schema: 2, bytes: null });
    expect(copied.rows).toBeGreaterThan(40);
    expect(views(url)).toEqual(before);

    const back = path.join(dir, 'back.db');
    const text = ok(run(['db', 'copy', '--to', back, '--db', url]));
    expect(text.stdout).toBe(`Copied ${url} to ${back} (schema 8, ${copied.rows} rows).\n`);
    expect(fs.statSync(back).mode & 0o777).toBe(0o600);
    expect(views(back)).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);

    // The identities moved past the copied ids: the same override added on the original and on
    // the copy gets the same, fresh id on both.
    const add = ['override', 'add', '--schedule', 'payments-primary', '--person', 'dave', '--from', '2026-12-20T00:00:00Z', '--to', '2026-12-21T00:00:00Z'];
    const newest = (db: string) => Math.max(...json<{ id: number }[]>(at(db, ['override', 'list', '--from', '2026-01-01', '--json'])).map((o) => o.id));
    const last = newest(url);
    for (const db of [original, url]) at(db, add);
    expect(newest(url)).toBe(last + 1);
    expect(newest(original)).toBe(last + 1);
    const shifts = ['shifts', '--schedule', 'payments-primary', '--from', '2026-12-01', '--to', '2027-01-01', '--json'];
    expect(at(url, shifts).stdout).toBe(at(original, shifts).stdout);
    const incident = ['incident', 'open', 'Again', '--policy', 'payments-critical'];
    expect(at(url, incident).stdout).toBe(at(original, incident).stdout);
  });

  test('never writes into a database holding oncall data, onto itself, over a file, or at another schema', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'team.db');
    at(file, ['apply', '-f', EXAMPLES.acme]);
    const url = await server.createDatabase('full');
    at(file, ['db', 'copy', '--to', url]);
    const log = at(url, ['log', '--json']).stdout;

    refused(run(['db', 'copy', '--to', server.url('full', 'postgres', PASSWORD), '--db', file]), 'already holds oncall data');
    expect(at(url, ['log', '--json']).stdout).toBe(log);
    // The same database however its URL names the server.
    const other = `postgres://postgres@localhost:${server.port}/full`;
    refused(run(['db', 'copy', '--to', other, '--db', url]), 'is the database being copied');
    // Even one row anywhere (here only a time off) is data not to merge into.
    const some = await server.createDatabase('some');
    ok(run(['db', 'migrate', '--db', some]));
    await server.admin(`INSERT INTO time_off (person_id, start, "end", created_at) VALUES ('ann', 1, 2, 3)`, 'some');
    refused(run(['db', 'copy', '--to', some, '--db', file]), 'already holds oncall data (time_off)');

    const existing = path.join(dir, 'existing.db');
    fs.writeFileSync(existing, 'keep me');
    refused(run(['db', 'copy', '--to', existing, '--db', url]), 'already exists; oncall db copy never writes over a file');
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');

    const newer = await server.createDatabase('newer');
    await server.admin('CREATE TABLE oncall_schema (version integer NOT NULL); INSERT INTO oncall_schema VALUES (99)', 'newer');
    refused(run(['db', 'copy', '--to', newer, '--db', file]), 'newer than this oncall knows');
  });

  test('a copy that fails halfway leaves the target as it was: no rows on PostgreSQL', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'team.db');
    at(file, ['apply', '-f', EXAMPLES.acme]);
    at(file, ['timeoff', 'add', 'erin', '--from', '2026-12-08', '--to', '2026-12-08']);
    // The target refuses the last table's rows (tables are copied in schema order).
    const url = await server.createDatabase('fails');
    ok(run(['db', 'migrate', '--db', url]));
    await server.admin(`ALTER TABLE time_off ADD CONSTRAINT no_erin CHECK (person_id <> 'erin')`, 'fails');
    const failed = run(['db', 'copy', '--to', url, '--db', file]);
    expect(failed.status, failed.stderr).not.toBe(0);
    expect(failed.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(failed.stderr).toContain('cannot copy time_off into the database at');
    const counts = await server.admin<{ n: number }>('SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM layers) + (SELECT count(*) FROM audit_log) AS n', 'fails');
    expect(Number(counts[0].n)).toBe(0);
  });
});
