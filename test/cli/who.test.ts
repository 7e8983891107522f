// `oncall who` end to end against examples/acme.yaml at the pinned now, Mon 2026-11-23 12:00Z
// (13:00 in Berlin). Expected values are worked out by hand from the YAML:
// - payments-primary/weekly: Mondays 09:00 Berlin from 2026-01-05, [alice, bob, carol].
//   2026-11-23 is 322 days = 46 weeks after the start: 46 mod 3 = 1 → bob (23 Nov 08:00Z to
//   30 Nov 08:00Z). business-hours: daily from 2026-01-05, [dave, erin], day 322 mod 2 = 0 →
//   dave, Mon-Fri 09:00-17:00 Berlin (08:00Z-16:00Z in winter), which beats the weekly layer.
// - payments-secondary/weekly: [bob, carol, alice], week 46 → carol, week 47 → alice.
// - platform-primary/weekly: Tuesdays 10:00 New York from 2026-01-06, [frank, grace, heidi];
//   17 Nov is 315 days = 45 weeks after the start → frank (17 Nov 15:00Z to 24 Nov 15:00Z).

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANSI, cleanup, EXAMPLES, json, ok, session, writeYaml, type Session } from './helpers.js';

let s: Session;
beforeAll(() => {
  s = session();
  ok(s.run(['apply', '-f', EXAMPLES.acme]));
});
afterAll(cleanup);

const byId = (entries: any[]) => Object.fromEntries(entries.map((e) => [e.schedule, e]));

describe('who --json', () => {
  test('has exactly the fields of SPEC §4, with hand-computed values at now', () => {
    const entries = json(ok(s.run(['who', '--json'])));
    expect(entries).toHaveLength(3);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(['end', 'name', 'next', 'person', 'schedule', 'source', 'start']);
      expect(Object.keys(e.next)).toEqual(expect.arrayContaining(['person', 'start']));
    }
    const got = byId(entries);
    expect(got['payments-primary']).toMatchObject({
      schedule: 'payments-primary',
      person: 'dave',
      name: 'Dave Lister',
      start: '2026-11-23T08:00:00Z',
      end: '2026-11-23T16:00:00Z',
      source: 'layer:business-hours',
      next: { person: 'bob', start: '2026-11-23T16:00:00Z' },
    });
    expect(got['payments-secondary']).toMatchObject({
      person: 'carol',
      name: 'Carol Danvers',
      start: '2026-11-23T08:00:00Z',
      end: '2026-11-30T08:00:00Z',
      source: 'layer:weekly',
      next: { person: 'alice', start: '2026-11-30T08:00:00Z' },
    });
    expect(got['platform-primary']).toMatchObject({
      person: 'frank',
      name: 'Frank Castle',
      start: '2026-11-17T15:00:00Z',
      end: '2026-11-24T15:00:00Z',
      source: 'layer:weekly',
      next: { person: 'grace', start: '2026-11-24T15:00:00Z' },
    });
    expect(ok(s.run(['who', '--json'])).stderr).toBe('');
  });

  test('--team payments shows only that team\'s schedules', () => {
    const ids = json(ok(s.run(['who', '--team', 'payments', '--json']))).map((e: any) => e.schedule);
    expect(ids.sort()).toEqual(['payments-primary', 'payments-secondary']);
  });

  test('--schedule X --schedule Y shows exactly those two', () => {
    const r = ok(s.run(['who', '--schedule', 'payments-primary', '--schedule', 'platform-primary', '--json']));
    expect(json(r).map((e: any) => e.schedule).sort()).toEqual(['payments-primary', 'platform-primary']);
  });

  test('--at "2026-12-24T03:00" (viewer zone, Berlin) shows the Christmas override', () => {
    // 02:00Z on Thu 24 Dec: carol's week (week 50), replaced by dave from 24 Dec 00:00 Berlin
    // until the business-hours layer takes over at 09:00 Berlin (erin, day 353).
    const got = byId(json(ok(s.run(['who', '--at', '2026-12-24T03:00', '--json']))));
    expect(got['payments-primary']).toMatchObject({
      person: 'dave',
      source: 'override',
      start: '2026-12-23T23:00:00Z',
      end: '2026-12-24T08:00:00Z',
      next: { person: 'erin', start: '2026-12-24T08:00:00Z' },
    });
    expect(got['payments-secondary']).toMatchObject({
      person: 'alice',
      start: '2026-12-21T08:00:00Z',
      end: '2026-12-28T08:00:00Z',
      next: { person: 'bob', start: '2026-12-28T08:00:00Z' },
    });
    // Wed 23 Dec 21:00 in New York: week 50 → heidi since Tue 22 Dec 10:00 EST.
    expect(got['platform-primary']).toMatchObject({
      person: 'heidi',
      start: '2026-12-22T15:00:00Z',
      end: '2026-12-29T15:00:00Z',
      next: { person: 'frank', start: '2026-12-29T15:00:00Z' },
    });
  });

  test('--at with an explicit offset is taken as given', () => {
    const a = json(ok(s.run(['who', '--at', '2026-12-24T02:00:00Z', '--json'])));
    const b = json(ok(s.run(['who', '--at', '2026-12-24T03:00', '--json'])));
    expect(a).toEqual(b);
  });

  test('--at "+5h" is relative to the pinned now (17:00Z: business hours are over)', () => {
    const got = byId(json(ok(s.run(['who', '--at', '+5h', '--json']))));
    expect(got['payments-primary']).toMatchObject({
      person: 'bob',
      source: 'layer:weekly',
      start: '2026-11-23T16:00:00Z',
      end: '2026-11-24T08:00:00Z',
      next: { person: 'erin', start: '2026-11-24T08:00:00Z' },
    });
  });

  test('--at "+2h" is still inside dave\'s business-hours shift', () => {
    const got = byId(json(ok(s.run(['who', '--at', '+2h', '--json']))));
    expect(got['payments-primary']).toMatchObject({ person: 'dave', end: '2026-11-23T16:00:00Z' });
  });

  test('--at "tomorrow 9am" is plain English in the viewer zone', () => {
    const got = byId(json(ok(s.run(['who', '--at', 'tomorrow 9am', '--json']))));
    expect(got['payments-primary']).toMatchObject({
      person: 'erin',
      source: 'layer:business-hours',
      start: '2026-11-24T08:00:00Z',
      end: '2026-11-24T16:00:00Z',
    });
  });

  test('--at "friday 03:00" is the coming Friday, with --team', () => {
    // Fri 27 Nov 03:00 Berlin = 02:00Z: bob's weekly shift (week 46), Mon 23 Nov 17:00 Berlin on.
    const got = byId(json(ok(s.run(['who', '--team', 'payments', '--at', 'friday 03:00', '--json']))));
    expect(got['payments-primary']).toMatchObject({
      person: 'bob',
      source: 'layer:weekly',
      start: '2026-11-26T16:00:00Z',
      end: '2026-11-27T08:00:00Z',
    });
  });

  test('--at "next friday 03:00" names the Friday it understood', () => {
    const r = ok(s.run(['who', '--team', 'payments', '--at', 'next friday 03:00']));
    expect(r.stdout).toMatch(/On call at Fri (27 Nov|4 Dec) 03:00/);
  });

  test('a far-future query gives the arithmetic answer (2036)', () => {
    // 2036-01-07 09:00 Berlin (Mon): 3654 days = 522 weeks after the start, 522 mod 3 = 0.
    const got = byId(json(ok(s.run(['who', '--schedule', 'payments-secondary', '--at', '2036-01-07T12:00', '--json']))));
    expect(got['payments-secondary']).toMatchObject({ person: 'bob', start: '2036-01-07T08:00:00Z' });
  });

  test('an empty database gives an empty array', () => {
    const empty = session();
    expect(json(ok(empty.run(['who', '--json'])))).toEqual([]);
  });
});

describe('who, human output', () => {
  test('aligned columns, names the zone, fits 80 columns', () => {
    const r = ok(s.run(['who']));
    const lines = r.stdout.trimEnd().split('\n');
    expect(r.stdout).toContain('Europe/Berlin');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    const header = lines[0];
    const columns = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => m.index!);
    expect(columns.length).toBeGreaterThanOrEqual(4);
    const rows = lines.filter((l) => /^(payments|platform)-/.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      for (const col of columns.slice(1)) {
        expect(row[col - 1], `${row}\n${header}`).toBe(' ');
        expect(row[col], `${row}\n${header}`).not.toBe(' ');
      }
    }
    expect(r.stdout).toMatch(/Dave Lister/);
    expect(r.stdout).toMatch(/23 Nov 09:00/); // since, in Berlin time
    expect(r.stdout).toMatch(/23 Nov 17:00/); // until
  });

  test('--tz shows times in that zone and names it', () => {
    const r = ok(s.run(['who', '--tz', 'America/New_York']));
    expect(r.stdout).toContain('America/New_York');
    expect(r.stdout).toMatch(/17 Nov 10:00/); // frank since Tue 10:00 New York
    expect(r.stdout).not.toContain('Europe/Berlin');
  });

  test('long names still fit an 80-column terminal (COLUMNS=80 when piped)', () => {
    const long = session();
    const text = [
      'version: 1',
      'people:',
      '  - id: maximiliana-von-hohenzollern-sigmaringen',
      '    name: Maximiliana Theodora von Hohenzollern-Sigmaringen',
      'teams:',
      '  - id: t',
      '    name: T',
      '    members: [maximiliana-von-hohenzollern-sigmaringen]',
      'schedules:',
      '  - id: a-very-long-schedule-identifier-for-the-payments-platform',
      '    team: t',
      '    timezone: Europe/Berlin',
      '    layers:',
      '      - id: l',
      '        start: 2026-01-05T09:00',
      '        shift: 1w',
      '        members: [maximiliana-von-hohenzollern-sigmaringen]',
      '',
    ].join('\n');
    const file = writeYaml(text, 'long.yaml', long.dir);
    ok(long.run(['apply', '-f', file]));
    for (const line of ok(long.run(['who'], { COLUMNS: '80' })).stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  test('no ANSI escapes with NO_COLOR, nor when stdout is a pipe', () => {
    for (const env of [{ NO_COLOR: '1' }, { NO_COLOR: undefined }, { NO_COLOR: undefined, FORCE_COLOR: '1' }]) {
      for (const args of [['who'], ['who', '--at', '2026-12-24T03:00'], ['shifts', '--schedule', 'payments-primary']]) {
        const r = ok(s.run(args, env));
        expect(r.stdout, JSON.stringify(env) + args.join(' ')).not.toMatch(ANSI);
        expect(r.stderr).not.toMatch(ANSI);
      }
    }
  });
});
