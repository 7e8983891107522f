// Issue 13, class 3: times read wrongly, end to end; and the class-13 item "--tz CET is
// refused but TZ=CET is accepted". Now is Mon 2026-11-23 12:00Z (13:00 in Berlin).

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, EXAMPLES, json, ok, session, spawnRun, writeYaml, type Session, type Shift } from './helpers.js';
import { refused } from './manage-helpers.js';
import { OPS_POLICIES, OPS_ROTA } from './ops-fixture.js';

afterAll(cleanup);

const FRIDAY = { ONCALL_NOW: '2026-11-20T10:00:00Z' };

let s: Session;
beforeAll(() => {
  s = session({ ONCALL_TZ: 'Europe/Berlin' });
  // Everything is set up the Friday before, so "since" can find it or not.
  ok(s.run(['apply', '-f', EXAMPLES.acme], FRIDAY));
  ok(s.run(['apply', '-f', writeYaml(`${OPS_ROTA}escalation_policies:\n${OPS_POLICIES}`, 'ops.yaml', s.dir)], FRIDAY));
  ok(s.run(['incident', 'open', 'Friday outage', '--policy', 'main'], FRIDAY));
});

const whoAt = (at: string) => json(ok(s.run(['who', '--at', at, '--json'])));

describe('words and dates read as a person means them', () => {
  test.each([
    ['last friday', '2026-11-20T00:00'],
    ['last monday', '2026-11-16T00:00'],
    ['next monday', '2026-11-30T00:00'],
    ['end of month', '2026-12-01T00:00'],
    ['friday', '2026-11-27T00:00'],
    ['tomorrow 9am', '2026-11-24T09:00'],
  ])('who --at %j is who --at %s', (words, wall) => {
    expect(whoAt(words)).toEqual(whoAt(wall));
  });

  test('shifts --to "end of month" ends when the month ends, not on its last day at noon', () => {
    const list = json<Shift[]>(ok(s.run(['shifts', '--schedule', 'payments-primary', '--from', '2026-11-30', '--to', 'end of month', '--json'])));
    expect(list.at(-1)!.end).toBe('2026-11-30T23:00:00Z');
  });
});

describe('impossible, empty or partly understood times are refused, nothing changes', () => {
  test.each([
    [['who', '--at', '2026-13-01'], /--at "2026-13-01" is not a real time: there is no month 13/],
    [['who', '--at', '2026-02-30'], /February 2026 has 28 days/],
    [['who', '--at', '2026-11-23T25:00'], /no hour 25/],
    [['who', '--at', '2026-11-23T09:61'], /no minute 61/],
    [['who', '--at', '2026-11-23T09:00+25:00'], /impossible offset \+25:00/],
    [['who', '--at', 'December 32'], /year of two digits/],
    [['who', '--at', 'friday 25:00'], /not a time I understand/],
    [['who', '--at', 'monday to friday'], /is a range/],
    [['shifts', '--schedule', 'payments-primary', '--from', '2026-12-01 9am'], /not a date and time I can read/],
    [['override', 'add', '--schedule', 'payments-primary', '--person', 'alice', '--from', '2026-12-24T09:00', '--to', '2026-12-24T25:00'], /no hour 25/],
    [['timeoff', 'add', 'alice', '--from', '2026-12-01', '--to', '2026-13-01'], /no month 13/],
    [['layer', 'edit', 'payments-primary', 'weekly', '--members', 'alice,bob', '--effective', '2026-02-30'], /February 2026 has 28 days/],
  ])('%j', (args, message) => {
    refused(s, args, message);
  });

  test.each([
    ['who', '--at'],
    ['who', '--now'],
    ['escalate', 'main', '--at'],
    ['shifts', '--schedule', 'payments-primary', '--from'],
    ['shifts', '--schedule', 'payments-primary', '--to'],
    ['export', 'ics', '--from'],
    ['report', '--from'],
    ['report', '--to'],
    ['cover', '--schedule', 'payments-primary', '--to', '+1d', '--from'],
    ['timeline', '--static', '--from'],
    ['override', 'list', '--from'],
    ['override', 'add', '--schedule', 'payments-primary', '--person', 'alice', '--to', '+1d', '--from'],
    ['incident', 'open', 'x', '--policy', 'main', '--at'],
    ['incident', 'list', '--since'],
    ['log', '--since'],
    ['timeoff', 'add', 'alice', '--to', '2026-12-02', '--from'],
    ['layer', 'edit', 'payments-primary', 'weekly', '--members', 'alice,bob', '--effective'],
    ['apply', '-f', EXAMPLES.acme, '--effective'],
  ])('an empty or blank %j is refused, not read as now', (...args) => {
    for (const blank of ['', '  ']) refused(s, [...args, blank], /(--\w+|--now) is empty; try 2026-12-01T09:00/);
  });

  test('an empty ONCALL_NOW is unset (the clock), as shells treat empty variables', () => {
    ok(s.run(['who'], { ONCALL_NOW: '' }));
  });
});

describe('--since always looks back: incident list and log agree', () => {
  const incidents = (since: string) => json<{ title: string }[]>(ok(s.run(['incident', 'list', '--since', since, '--json']))).map((i) => i.title);
  const logged = (since: string) => json<unknown[]>(ok(s.run(['log', '--since', since, '--json']))).length;

  test('7d and -7d are 7 days ago (Friday is inside), 2d is not', () => {
    expect(incidents('7d')).toEqual(['Friday outage']);
    expect(incidents('-7d')).toEqual(['Friday outage']);
    expect(incidents('2d')).toEqual([]);
    expect(logged('7d')).toBeGreaterThan(0);
    expect(logged('7d')).toBe(logged('-7d'));
    expect(logged('2d')).toBe(0);
  });

  test.each(['+7d', 'tomorrow', 'next friday', '2026-12-01'])('--since %j is in the future: refused by both', (since) => {
    refused(s, ['incident', 'list', '--since', since], /--since ".*" is in the future; --since looks back/);
    refused(s, ['log', '--since', since], /--since ".*" is in the future; --since looks back/);
  });

  test('every example in `log --help` finds the Friday changes', () => {
    const help = ok(s.run(['log', '--help'])).stdout;
    const examples = /--since <time>\s+e\.g\. (.*)/.exec(help)![1].split(', ').map((e) => e.replace(/\(.*\)/, '').replace(/"/g, '').trim());
    expect(examples).toEqual(['7d', '2026-11-01', 'last monday']);
    for (const since of examples) expect(logged(since), since).toBeGreaterThan(0);
  });
});

describe('--tz, ONCALL_TZ and TZ accept the same names (class 13)', () => {
  const shifts = (args: string[], env = {}) => ok(s.run(['shifts', '--schedule', 'payments-primary', '--days', '2', ...args], env)).stdout;

  test('--tz CET is what TZ=CET is: the platform name for it, Europe/Brussels', () => {
    const viaTz = shifts([], { ONCALL_TZ: undefined, TZ: 'CET' });
    expect(viaTz).toContain('Times in Europe/Brussels.');
    expect(shifts(['--tz', 'CET'])).toBe(viaTz);
    expect(shifts([], { ONCALL_TZ: 'CET' })).toBe(viaTz);
    expect(shifts(['--tz', 'cet'])).toBe(viaTz);
  });

  test.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['US/Pacific', 'America/Los_Angeles'],
    ['us/pacific', 'America/Los_Angeles'],
  ])('--tz %s shows the times of %s (not UTC)', (name, zone) => {
    expect(shifts(['--tz', name])).toBe(shifts(['--tz', zone]));
  });

  test.each(['+01:00', 'UTC+1', 'Mars/Base', '', ' ', 'Local'])('--tz %j is refused, and so is ONCALL_TZ=%j', (zone) => {
    refused(s, ['who', '--tz', zone], /time zone ".*" \(--tz\) is not one I know; use an IANA name like Europe\/Berlin/);
    if (zone.trim()) refused(s, ['who'], /time zone ".*" \(ONCALL_TZ\) is not one I know/, { ONCALL_TZ: zone });
  });

  test('a TZ that the platform does not know is refused, not silently UTC; --tz overrides it', () => {
    const r = spawnRun(['who', '--db', s.db], { ONCALL_TZ: undefined, TZ: 'Mars/Base' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim()).toBe('oncall: time zone "Mars/Base" (from TZ) is not one I know; set ONCALL_TZ or --tz, or use an IANA name like Europe/Berlin or America/New_York');
    expect(spawnRun(['who', '--db', s.db, '--tz', 'Europe/Berlin'], { ONCALL_TZ: undefined, TZ: 'Mars/Base' }).status).toBe(0);
    const cet = spawnRun(['shifts', '--db', s.db, '--schedule', 'payments-primary', '--days', '2'], { ONCALL_TZ: undefined, TZ: 'CET' });
    expect(cet.stdout).toBe(shifts(['--tz', 'CET']));
  });

  test('zones stored in schedules and people stay Area/City names', () => {
    refused(s, ['person', 'add', 'zed', '--name', 'Zed', '--tz', 'CET'], 'time zone "CET" is not an IANA zone name');
  });
});
