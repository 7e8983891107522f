// Issue 13, class 2: windows and instants without limits. `--days 1e9` used to write an empty
// feed (exit 0), report false gaps and print "undefined NaN"; `--days 100000` and
// `--to 9999-01-01` hung; `--at +99999999d` was an "unexpected error". Now every window is at
// most 1096 days and inside 1970–2100, and anything else is refused at once: exit 2, one line,
// nothing written or changed. Now is Mon 2026-11-23 12:00Z, the viewer in Berlin.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, EXAMPLES, json, ok, session, tilingProblems, writeYaml, type Session, type Shift } from './helpers.js';
import { refused } from './manage-helpers.js';
import { OPS_POLICIES, OPS_ROTA } from './ops-fixture.js';

afterAll(cleanup);

// Refusals must come at once; a hang would hit the runner's 20 s limit, a slow path this.
const FAST_MS = 3000;

let s: Session;
beforeAll(() => {
  s = session({ ONCALL_TZ: 'Europe/Berlin' });
  ok(s.run(['apply', '-f', EXAMPLES.acme]));
  ok(s.run(['apply', '-f', writeYaml(`${OPS_ROTA}escalation_policies:\n${OPS_POLICIES}`, 'ops.yaml', s.dir)]));
});

function refusedFast(args: string[], message: RegExp, env = {}): void {
  const started = Date.now();
  refused(s, args, message, env);
  expect(Date.now() - started, args.join(' ')).toBeLessThan(FAST_MS);
}

const BAD_DAYS = ['1e9', '100000', '1097', '1.5', '-3', '0', 'NaN', 'abc', '0x10', '', ' ', '7d', 'Infinity', '99999999999999999999'];
const DAYS_MESSAGE = /--days ".*" must be a whole number of days from 1 to 1096 \(3 years\)/;

describe('--days is a whole number from 1 to 1096 in every command that takes it', () => {
  const commands: [string, string[]][] = [
    ['export ics', ['export', 'ics']],
    ['check', ['check']],
    ['shifts', ['shifts', '--schedule', 'payments-primary']],
  ];
  for (const [name, args] of commands) {
    test.each(BAD_DAYS)(`${name} --days=%j`, (days) => {
      refusedFast([...args, `--days=${days}`], DAYS_MESSAGE);
    });
  }

  test.each([...BAD_DAYS, '731'])('calendar add --days=%j: 1 to 730', (days) => {
    const args = ['calendar', 'add', '--provider', 'google', '--calendar', 'primary', '--schedule', 'payments-primary', `--days=${days}`];
    refusedFast(args, /--days ".*" must be a whole number of days from 1 to 730 \(2 years\)/);
  });

  test.each(['0', '57', '1e9', '1.5', 'abc', '100000'])('timeline --days=%j: 1 to 56', (days) => {
    refusedFast(['timeline', '--static', `--days=${days}`], /--days ".*" must be a whole number of days from 1 to 56 \(8 weeks\)/);
  });
});

describe('export ics: a refused window writes nothing and keeps the published feed', () => {
  test.each([
    [['--days', '1e9'], DAYS_MESSAGE],
    [['--days', '100000'], DAYS_MESSAGE],
    [['--to', '9999-01-01'], /--to "9999-01-01" is outside the times oncall reads \(1970-01-01 to 2100-01-01\)/],
    [['--from', '1900-01-01', '--days', '7'], /--from "1900-01-01" is outside the times oncall reads/],
    [['--from', '2026-01-01', '--to', '2030-01-01'], /the window is 1461 days long, more than 1096 \(3 years\)/],
    [['--from', '2099-12-01', '--days', '60'], /the window runs outside the times oncall reads/],
    [['--from', '+99999999d'], /--from "\+99999999d" is outside the times oncall reads/],
  ])('%j', (args, message) => {
    const pub = fs.mkdtempSync(path.join(s.dir, 'pub-'));
    const feed = path.join(pub, 'feed.ics');
    fs.writeFileSync(feed, 'BEGIN:VCALENDAR\r\nX-OLD:yes\r\nEND:VCALENDAR\r\n');
    refusedFast(['export', 'ics', ...args, '-o', feed], message);
    expect(fs.readFileSync(feed, 'utf8')).toContain('X-OLD:yes');
    expect(fs.readdirSync(pub)).toEqual(['feed.ics']); // no temp file left either
  });

  test('--out-dir: the feeds and index.json stay as they were', () => {
    const dir = path.join(s.dir, 'feeds');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.json'), '{"old":true}\n');
    refusedFast(['export', 'ics', '--split-by', 'schedule', '--out-dir', dir, '--days', '1e9'], DAYS_MESSAGE);
    expect(fs.readdirSync(dir)).toEqual(['index.json']);
    expect(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')).toBe('{"old":true}\n');
  });

  test('the longest window, 1096 days, is exported in full and fast', () => {
    const started = Date.now();
    const text = ok(s.run(['export', 'ics', '--schedule', 'payments-primary', '--from', '2026-11-23', '--days', '1096'])).stdout;
    expect(Date.now() - started).toBeLessThan(15_000);
    const starts = [...text.matchAll(/^DTSTART:(\d{8})/gm)].map((m) => m[1]).sort();
    expect(starts[0] <= '20261123' && starts.at(-1)! >= '20291101').toBe(true);
  });
});

describe('shifts, check, report, cover, timeline: windows past the limits are refused', () => {
  test.each([
    [['shifts', '--schedule', 'payments-primary', '--to', '9999-01-01'], /--to "9999-01-01" is outside/],
    [['shifts', '--schedule', 'payments-primary', '--days', '100000'], DAYS_MESSAGE],
    [['shifts', '--schedule', 'payments-primary', '--from', '2026-11-23', '--to', '2029-11-24'], /1097 days long, more than 1096/],
    [['shifts', '--schedule', 'payments-primary', '--from', '2099-12-30', '--days', '7'], /runs outside the times oncall reads \(1970-01-01 to 2100-01-01\); start and end it inside that range/],
    [['report', '--from', '1900-01-01'], /--from "1900-01-01" is outside/],
    [['report', '--to', '9999-01-01'], /--to "9999-01-01" is outside/],
    [['report', '--from', '2020-01-01'], /the window is \d+ days long, more than 1096/],
    [['report', '--from', '2026-01-01', '--to', '+99999999d'], /--to "\+99999999d" is outside/],
    [['cover', '--schedule', 'payments-primary', '--from', '2026-12-01', '--to', '2030-12-01'], /1461 days long, more than 1096 \(3 years\); move --from and --to closer$/m],
    [['cover', '--schedule', 'payments-primary', '--from', 'now', '--to', '9999-01-01'], /--to "9999-01-01" is outside/],
    [['timeline', '--static', '--from', '2099-12-25'], /runs outside the times oncall reads/],
    [['timeline', '--static', '--from', '9999-01-01'], /--from "9999-01-01" is outside/],
  ])('%j', (args, message) => {
    refusedFast(args, message);
  });

  test('check --days 1096 runs to the end of the window; shifts --days 1096 tiles it', () => {
    const started = Date.now();
    const check = json(s.run(['check', '--days', '1096', '--json']));
    expect(check.to).toBe('2029-11-23T12:00:00Z');
    const shifts = json<Shift[]>(ok(s.run(['shifts', '--schedule', 'payments-primary', '--from', '2026-11-23', '--days', '1096', '--json'])));
    expect(tilingProblems(shifts, '2026-11-22T23:00:00Z', '2029-11-22T23:00:00Z')).toEqual([]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  test('no date in the output is "undefined NaN" at the longest window', () => {
    const r = ok(s.run(['shifts', '--schedule', 'payments-primary', '--days', '1096']));
    expect(r.stdout).not.toMatch(/undefined|NaN/);
  });
});

describe('single instants outside 1970–2100 are refused in every command', () => {
  const OUTSIDE = /is outside the times oncall reads \(1970-01-01 to 2100-01-01\); give a time in that range$/m;
  test.each([
    [['who', '--at', '+99999999d']],
    [['who', '--at', '-99999999d']],
    [['who', '--at', '9999-01-01']],
    [['who', '--at', '1969-12-31T23:59Z']],
    [['who', '--at', 'jan 1 3000']],
    [['escalate', 'main', '--at', '+99999999d']],
    [['incident', 'open', 'Old', '--policy', 'main', '--at', '1900-01-01']],
    [['incident', 'list', '--since', '1900-01-01']],
    [['log', '--since', '-99999999d']],
    [['override', 'add', '--schedule', 'payments-primary', '--person', 'alice', '--from', 'now', '--to', '9999-01-01']],
    [['override', 'list', '--from', '1900-01-01']],
    [['swap', '--schedule', 'payments-primary', '--shift-of', 'alice', '--with', 'bob', '--at', '+99999999d']],
    [['timeoff', 'add', 'alice', '--from', '2026-12-01', '--to', '9999-12-31']],
    [['timeoff', 'add', 'alice', '--from', '1900-01-01', '--to', '2026-12-01']],
    [['layer', 'edit', 'payments-primary', 'weekly', '--members', 'alice,bob', '--effective', '+99999999d']],
    [['schedule', 'disable', 'payments-primary', '--effective', '2150-01-01']],
    [['apply', '-f', EXAMPLES.acme, '--effective', '+99999999w']],
    [['who', '--now', '2150-01-01']],
  ])('%j', (args) => {
    refusedFast(args, OUTSIDE);
  });

  test('ONCALL_NOW far away is refused too', () => {
    refusedFast(['who'], /ONCALL_NOW "9999-01-01" is outside/, { ONCALL_NOW: '9999-01-01' });
  });
});
