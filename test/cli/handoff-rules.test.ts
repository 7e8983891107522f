// One handoff rule must not make the database unusable. `apply` and the layer commands
// refuse every rule that never fires or fires absurdly often (exit 2, file:line:col for YAML,
// nothing stored, in bounded time); and a bad rule already stored by an older version (written
// here straight into the database) makes each read name that schedule and what to do, exit 1,
// while the other schedules still answer, quickly.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, dbState, EXAMPLES, execDb, json, literal, queryDb, ok, position, ROOT, session, tempDir, writeYaml, type Result, type Session } from './helpers.js';

afterAll(cleanup);

/** Each command here, bad definition or not, answers within this (in-process; the check itself takes milliseconds). */
const QUICK_MS = 5000;

const BASE = `version: 1
people:
  - id: ann
  - id: ben
  - id: cat
teams:
  - id: ops
    name: Ops
    members: [ann, ben, cat]
schedules:
  - id: steady
    team: ops
    timezone: Europe/Berlin
    layers:
      - id: weekly
        start: 2026-01-05T09:00
        shift: 1w
        members: [ann, ben]
  - id: rota
    team: ops
    timezone: Europe/Berlin
    layers:
      - id: weekdays
        start: 2026-01-05T09:00
        handoffs: "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0"
        members: [cat, ann]
escalation_policies:
  - id: ops-page
    team: ops
    levels:
      - targets: [schedule:rota]
      - targets: [schedule:steady]
        after: 15m
`;

function timedRun(s: Session, args: string[]): Result & { ms: number } {
  const started = performance.now();
  const result = s.run(args);
  return { ...result, ms: performance.now() - started };
}

function withLayer(start: string, rotation: string): string {
  return BASE.replace('        start: 2026-01-05T09:00\n        handoffs: "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0"', `        start: ${start}\n        ${rotation}`);
}

describe('apply refuses rules that never fire or fire absurdly often', () => {
  // The start, the rotation line, the token the error points at, what it says.
  const cases: [string, string, string, RegExp][] = [
    ['2026-01-05T09:00', 'handoffs: "FREQ=SECONDLY"', 'FREQ=SECONDLY', /more than once an hour/],
    ['2026-01-05T09:00', 'handoffs: "FREQ=MINUTELY;INTERVAL=5"', 'FREQ=MINUTELY', /more than once an hour/],
    ['2026-01-05T09:00', 'handoffs: "FREQ=DAILY;BYHOUR=99"', 'FREQ=DAILY;BYHOUR=99', /BYHOUR value "99" is not 0 to 23/],
    ['2026-01-05T09:00', 'handoffs: "FREQ=WEEKLY;INTERVAL=-1"', 'FREQ=WEEKLY;INTERVAL=-1', /INTERVAL=-1; with FREQ=WEEKLY it must be a whole number from 1 to 52/],
    ['2026-01-05T21:00', 'handoffs: "FREQ=HOURLY;INTERVAL=4;BYHOUR=11"', 'FREQ=HOURLY;INTERVAL=4', /never fires/],
    ['2026-01-05T09:00', 'handoffs: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"', 'FREQ=YEARLY', /never fires/],
    ['2026-01-05T09:00', 'handoffs: "FREQ=HOURLY;BYMINUTE=0,30"', 'FREQ=HOURLY', /twice within an hour/],
    ['2026-01-05T09:00', 'handoffs: "FREQ=WEEKLY;COUNT=1"', 'FREQ=WEEKLY;COUNT', /leave out DTSTART, COUNT and UNTIL/],
    ['2026-01-06T21:00', 'handoffs: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9"', 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9', /start 2026-01-06T21:00 is not a handoff of .*2026-01-12T09:00/],
    ['2026-01-05T09:00', 'shift: 10000w', '10000w', /shift "10000w" is longer than a year/],
    ['2026-01-05T09:00', 'shift: 0h', '0h', /shift "0h" must be a positive number/],
  ];

  test.each(cases)('from %s, %s', (start, rotation, token, message) => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(BASE)]));
    const before = dbState(s.db);
    const text = withLayer(start, rotation);
    const file = writeYaml(text, 'team.yaml');
    const r = timedRun(s, ['apply', '-f', file]);
    expect(r.status, r.stderr).toBe(2);
    const { line } = position(text, token);
    const located = r.stderr.split('\n').find((l) => message.test(l)) ?? '';
    expect(located, r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: layer "weekdays": `));
    expect(r.stderr).toMatch(/nothing was changed/);
    expect(dbState(s.db)).toBe(before);
    expect(r.ms).toBeLessThan(QUICK_MS);
  });

  test('every example still applies (escalation.yaml on top of acme.yaml, whose schedules it pages)', () => {
    const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    for (const example of examples) ok(s.run(['apply', '-f', path.join(ROOT, 'examples', example)]));
    expect(ok(s.run(['who'])).stderr).toBe('');
  });
});

describe('layer add and layer edit refuse the same rules, naming what is wrong', () => {
  const s = session();
  ok(s.run(['apply', '-f', writeYaml(BASE)]));
  const add = (start: string, ...rotation: string[]) => ['layer', 'add', 'steady', 'extra', '--start', start, ...rotation, '--members', 'ann'];
  const cases: [string, string[], RegExp][] = [
    ['FREQ=SECONDLY', add('2026-12-07 09:00', '--handoffs', 'FREQ=SECONDLY'), /layer "extra": handoffs "FREQ=SECONDLY" would hand off more than once an hour/],
    ['INTERVAL=-1', add('2026-12-07 09:00', '--handoffs', 'FREQ=WEEKLY;INTERVAL=-1'), /INTERVAL=-1/],
    ['BYHOUR=11 every 4 hours from 21:00', add('2026-12-07 21:00', '--handoffs', 'FREQ=HOURLY;INTERVAL=4;BYHOUR=11'), /never fires/],
    ['BYMINUTE=75', add('2026-12-07 09:00', '--handoffs', 'FREQ=HOURLY;BYMINUTE=75'), /BYMINUTE value "75"/],
    ['start not a handoff', add('2026-12-08 21:00', '--handoffs', 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0'), /start 2026-12-08T21:00 is not a handoff .* 2026-12-14T09:00/],
    ['shift 10000w', add('2026-12-07 09:00', '--shift', '10000w'), /shift "10000w" is longer than a year/],
    ['edit --handoffs FREQ=SECONDLY', ['layer', 'edit', 'rota', 'weekdays', '--handoffs', 'FREQ=SECONDLY'], /layer "weekdays": handoffs "FREQ=SECONDLY"/],
    ['edit --shift 53w', ['layer', 'edit', 'steady', 'weekly', '--shift', '53w'], /layer "weekly": shift "53w" is longer than a year/],
  ];
  test.each(cases)('%s', (_name, args, message) => {
    const before = dbState(s.db);
    const r = timedRun(s, args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(dbState(s.db)).toBe(before);
    expect(r.ms).toBeLessThan(QUICK_MS);
  });
});

/** Writes a rule into the stored definition, as an older version could have. */
function storeRule(db: string, schedule: string, layer: string, rotation: { handoffs?: string; shift?: string }): void {
  const current = `schedule_id = ${literal(schedule)} AND layer_id = ${literal(layer)} AND valid_to IS NULL`;
  expect(queryDb(db, `SELECT layer_id FROM layers WHERE ${current}`)).toHaveLength(1);
  execDb(db, `UPDATE layers SET handoffs = ${literal(rotation.handoffs ?? null)}, shift = ${literal(rotation.shift ?? null)} WHERE ${current}`);
}

const NAMED = /oncall: schedule "rota" cannot be shown: layer "weekdays": .*; fix it with "oncall layer edit rota weekdays --shift 1w" \(or --handoffs RULE\)/;

function expectSetAside(r: Result & { ms: number }): void {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).toMatch(NAMED);
  expect(r.stderr).not.toMatch(/unexpected error|^\s+at /m);
  expect(r.ms).toBeLessThan(QUICK_MS);
}

describe('a bad rule stored by an older version: reads name it and the rest still answer', () => {
  const stored: [string, { handoffs?: string; shift?: string }][] = [
    ['FREQ=SECONDLY', { handoffs: 'FREQ=SECONDLY' }],
    ['FREQ=DAILY;BYHOUR=99', { handoffs: 'FREQ=DAILY;BYHOUR=99' }],
    ['FREQ=WEEKLY;INTERVAL=-1', { handoffs: 'FREQ=WEEKLY;INTERVAL=-1' }],
    ['FREQ=HOURLY;INTERVAL=4;BYHOUR=11 from 09:00', { handoffs: 'FREQ=HOURLY;INTERVAL=4;BYHOUR=11' }],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', { handoffs: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' }],
    ['garbage', { handoffs: 'not a rule at all' }],
    ['an unreadable shift', { shift: '0h' }],
  ];

  test.each(stored)('%s: who, next, check, report, export ics, shifts, timeline, escalate', (_name, rotation) => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(BASE)]));
    storeRule(s.db, 'rota', 'weekdays', rotation);

    const who = timedRun(s, ['who']);
    expectSetAside(who);
    expect(who.stdout).toMatch(/^steady\s+ann\b/m);
    expect(who.stdout).not.toMatch(/^rota/m);

    const whoJson = timedRun(s, ['who', '--json']);
    expectSetAside(whoJson);
    expect(json(whoJson).map((e: { schedule: string }) => e.schedule)).toEqual(['steady']);

    const next = timedRun(s, ['next', '--person', 'ann', '--json']);
    expectSetAside(next);
    expect(json(next).map((e: { schedule: string }) => e.schedule)).toContain('steady');

    const check = timedRun(s, ['check', '--json']);
    expectSetAside(check);
    expect(json(check).schedules).toEqual(['steady']);

    const report = timedRun(s, ['report', '--json']);
    expectSetAside(report);
    expect(json(report).schedules.map((b: { schedule: string }) => b.schedule)).toEqual(['steady']);

    const timeline = timedRun(s, ['timeline', '--json']);
    expectSetAside(timeline);
    expect(json(timeline).schedules.map((t: { schedule: string }) => t.schedule)).toEqual(['steady']);

    // The chain still shows; the level that pages the unusable schedule reaches nobody.
    const escalate = timedRun(s, ['escalate', 'ops-page', '--json']);
    expectSetAside(escalate);
    expect(escalate.stdout).toMatch(/schedule:steady/);
    const responders = timedRun(s, ['who', '--policy', 'ops-page', '--json']);
    expectSetAside(responders);
    expect(json(responders)).toEqual([expect.objectContaining({ target: 'schedule:rota', person: null })]);

    // A feed without one schedule's shifts would delete them for its subscribers: no feed.
    const feed = path.join(tempDir(), 'oncall.ics');
    const ics = timedRun(s, ['export', 'ics', '-o', feed]);
    expectSetAside(ics);
    expect(fs.existsSync(feed)).toBe(false);
    expect(ok(s.run(['export', 'ics', '--schedule', 'steady'])).stdout).toMatch(/BEGIN:VCALENDAR/);

    expectSetAside(timedRun(s, ['shifts', '--schedule', 'rota']));
    ok(s.run(['shifts', '--schedule', 'steady']));
    expect(ok(s.run(['who', '--schedule', 'steady'])).stderr).toBe('');
  });

  test('once the layer is fixed, reads answer again; the past of the bad version is named as such', () => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(BASE)]));
    storeRule(s.db, 'rota', 'weekdays', { handoffs: 'FREQ=SECONDLY' });
    // An unrelated change is not held hostage by what was stored before: it lands, exits 0 (a
    // script must not make it twice) and still says that its checks had to leave rota out.
    const added = ok(s.run(['override', 'add', '--schedule', 'steady', '--person', 'cat', '--from', '2026-11-24T09:00', '--to', '2026-11-24T17:00']));
    expect(added.stdout).toMatch(/^Added override \d+ on steady/);
    expect(added.stderr).toMatch(/^oncall: schedule "rota" cannot be shown: layer "weekdays"/);
    expect(json<unknown[]>(ok(s.run(['override', 'list', '--schedule', 'steady', '--json'])))).toHaveLength(1);
    // A change that brings a bad rule of its own is refused, naming it.
    const worse = s.run(['layer', 'edit', 'steady', 'weekly', '--handoffs', 'FREQ=MINUTELY']);
    expect(worse.status).toBe(2);
    expect(worse.stderr).toMatch(/layer "weekly": handoffs "FREQ=MINUTELY" would hand off more than once an hour/);

    ok(s.run(['layer', 'edit', 'rota', 'weekdays', '--handoffs', 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0']));
    const who = ok(s.run(['who']));
    expect(who.stdout).toMatch(/^rota\s+/m);
    expect(who.stderr).toBe('');
    const past = timedRun(s, ['shifts', '--schedule', 'rota', '--from', '2026-11-01', '--to', '2026-11-30']);
    expect(past.status).toBe(1);
    expect(past.stderr).toMatch(/schedule "rota" cannot be shown: layer "weekdays": .*; that version held until 2026-11-23T12:00:00Z; ask about a later time/);
    ok(s.run(['shifts', '--schedule', 'rota', '--from', '2026-11-24', '--to', '2026-11-30']));
  });

  test('a stored once-a-minute rule: short questions answer, one listing more than 100000 shifts is refused', () => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(BASE)]));
    const minutes = Array.from({ length: 60 }, (_, m) => m).join(',');
    storeRule(s.db, 'rota', 'weekdays', { handoffs: `FREQ=HOURLY;BYMINUTE=${minutes}` });
    const day = timedRun(s, ['shifts', '--schedule', 'rota', '--json', '--from', '2026-11-24', '--days', '1']);
    expect(day.status, day.stderr).toBe(0);
    expect(day.ms).toBeLessThan(QUICK_MS);
    const long = timedRun(s, ['shifts', '--schedule', 'rota', '--from', '2026-11-24', '--days', '100']);
    expect(long.status).toBe(1);
    expect(long.stderr).toMatch(/schedule "rota" cannot be shown: layer "weekdays": it has 144000 shifts in the time asked about, more than the 100000 one question may list; ask about a shorter time/);
    expect(long.ms).toBeLessThan(QUICK_MS);
  });
});

test('a stored layer whose start is not a handoff (allowed before) still reads, and does not block other changes', () => {
  const s = session();
  ok(s.run(['apply', '-f', writeYaml(BASE)]));
  // 2026-01-05 is a Monday; a Wednesday-only rule makes that start no handoff of it.
  storeRule(s.db, 'rota', 'weekdays', { handoffs: 'FREQ=WEEKLY;BYDAY=WE;BYHOUR=9;BYMINUTE=0' });
  const who = ok(s.run(['who', '--schedule', 'rota']));
  expect(who.stderr).toBe('');
  const added = ok(s.run(['override', 'add', '--schedule', 'steady', '--person', 'cat', '--from', '2026-11-24T09:00', '--to', '2026-11-24T17:00']));
  expect(added.stderr).toBe('');
  // Re-stating the same start through a change of that layer is refused, with the way out.
  const edited = s.run(['layer', 'edit', 'rota', 'weekdays', '--handoffs', 'FREQ=WEEKLY;BYDAY=TH;BYHOUR=9;BYMINUTE=0']);
  expect(edited.status).toBe(2);
  expect(edited.stderr).toMatch(/start 2026-01-05T09:00 is not a handoff of .*; its first handoff after that is 2026-01-08T09:00/);
});

test('the rule `layer add --help` shows is accepted', () => {
  const s = session();
  ok(s.run(['apply', '-f', EXAMPLES.weekend]));
  ok(s.run(['layer', 'add', 'storefront', 'extra', '--start', '2026-12-07 09:00', '--handoffs', 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9', '--members', 'lena']));
});
