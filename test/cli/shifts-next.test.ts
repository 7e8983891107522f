// `oncall shifts` and `oncall next` end to end (acme example, now = Mon 2026-11-23 12:00Z).
// Week 50 of payments-primary (from Mon 21 Dec 09:00 Berlin) is carol's; the business-hours
// layer has dave on 21, 23, 25 Dec and erin on 22, 24 Dec (09:00-17:00 Berlin).

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANSI, cleanup, EXAMPLES, json, ok, session, tilingProblems, writeYaml, type Session, type Shift } from './helpers.js';

let s: Session;
beforeAll(() => {
  s = session();
  ok(s.run(['apply', '-f', EXAMPLES.acme]));
});
afterAll(cleanup);

const CHRISTMAS_WEEK = ['shifts', '--schedule', 'payments-primary', '--from', '2026-12-21', '--days', '7'];

describe('shifts --json', () => {
  test('elements have the SPEC §4 fields, are sorted and tile the window exactly', () => {
    const shifts = json<Shift[]>(ok(s.run([...CHRISTMAS_WEEK, '--json'])));
    for (const x of shifts) expect(Object.keys(x).sort()).toEqual(['end', 'person', 'schedule', 'source', 'start']);
    expect(shifts.every((x) => x.schedule === 'payments-primary')).toBe(true);
    // --from 2026-12-21 is midnight in the viewer's zone (Berlin, UTC+1).
    expect(tilingProblems(shifts, '2026-12-20T23:00:00Z', '2026-12-27T23:00:00Z')).toEqual([]);
  });

  test('matches the hand-computed Christmas week, override included', () => {
    const shifts = json<Shift[]>(ok(s.run([...CHRISTMAS_WEEK, '--json'])));
    const compact = shifts.map((x) => `${x.start.slice(5, 16)} ${x.person} ${x.source}`);
    expect(compact).toEqual([
      '12-20T23:00 bob layer:weekly',
      '12-21T08:00 dave layer:business-hours',
      '12-21T16:00 carol layer:weekly',
      '12-22T08:00 erin layer:business-hours',
      '12-22T16:00 carol layer:weekly',
      '12-23T08:00 dave layer:business-hours',
      '12-23T16:00 carol layer:weekly',
      '12-23T23:00 dave override',
      '12-24T08:00 erin layer:business-hours',
      '12-24T16:00 dave override',
      '12-25T08:00 dave layer:business-hours',
      '12-25T16:00 dave override',
      '12-26T23:00 carol layer:weekly',
    ]);
  });

  test('the override replaces carol only: no carol between 24 Dec and 27 Dec 00:00 Berlin', () => {
    const shifts = json<Shift[]>(ok(s.run([...CHRISTMAS_WEEK, '--json'])));
    const from = Date.parse('2026-12-23T23:00:00Z');
    const to = Date.parse('2026-12-26T23:00:00Z');
    const inside = shifts.filter((x) => Date.parse(x.start) < to && Date.parse(x.end) > from);
    expect(inside.some((x) => x.person === 'carol')).toBe(false);
    expect(inside.filter((x) => x.source === 'override').every((x) => x.person === 'dave')).toBe(true);
    expect(inside.some((x) => x.person === 'erin')).toBe(true); // erin's business hours are not replaced
  });

  test('shifts are clipped to a window that starts and ends mid-shift', () => {
    const args = ['shifts', '--schedule', 'payments-primary', '--from', '2026-12-21T12:00', '--to', '2026-12-22T12:00', '--json'];
    const shifts = json<Shift[]>(ok(s.run(args)));
    expect(tilingProblems(shifts, '2026-12-21T11:00:00Z', '2026-12-22T11:00:00Z')).toEqual([]);
    expect(shifts.map((x) => x.person)).toEqual(['dave', 'carol', 'erin']);
  });

  test('gaps are elements with person null and source null (in shifts and who)', () => {
    const g = session();
    const file = writeYaml(
      [
        'version: 1',
        'people: [{id: ann, name: Ann}]',
        'teams: [{id: t, name: T, members: [ann]}]',
        'schedules:',
        '  - id: office',
        '    team: t',
        '    timezone: Europe/Berlin',
        '    layers:',
        '      - id: day',
        '        start: 2026-01-05T09:00',
        '        shift: 1d',
        '        members: [ann]',
        '        restrictions: [{days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00"}]',
        '',
      ].join('\n'),
      'office.yaml',
      g.dir,
    );
    ok(g.run(['apply', '-f', file]));
    const shifts = json<Shift[]>(ok(g.run(['shifts', '--schedule', 'office', '--from', '2026-12-04', '--days', '3', '--json'])));
    expect(shifts).toEqual([
      { schedule: 'office', person: null, start: '2026-12-03T23:00:00Z', end: '2026-12-04T08:00:00Z', source: null },
      { schedule: 'office', person: 'ann', start: '2026-12-04T08:00:00Z', end: '2026-12-04T16:00:00Z', source: 'layer:day' },
      { schedule: 'office', person: null, start: '2026-12-04T16:00:00Z', end: '2026-12-06T23:00:00Z', source: null },
    ]);
    const human = ok(g.run(['shifts', '--schedule', 'office', '--from', '2026-12-04', '--days', '3']));
    expect(human.stdout).toMatch(/gap/i);
    // who in a gap: person and name null, start/end bound the gap, next is who ends it.
    expect(json(ok(g.run(['who', '--at', '2026-12-05T12:00', '--json'])))).toEqual([
      {
        schedule: 'office', person: null, name: null, start: '2026-12-04T16:00:00Z', end: '2026-12-07T08:00:00Z', source: null,
        next: expect.objectContaining({ person: 'ann', start: '2026-12-07T08:00:00Z' }),
      },
    ]);
  });

  test('--layers --json returns {shifts, layers}, each layer lane tiling the window', () => {
    const out = json(ok(s.run([...CHRISTMAS_WEEK, '--layers', '--json'])));
    expect(Object.keys(out).sort()).toEqual(['layers', 'shifts']);
    expect(out.shifts).toEqual(json(ok(s.run([...CHRISTMAS_WEEK, '--json']))));
    expect(out.layers.map((l: any) => l.layer)).toEqual(['weekly', 'business-hours']);
    for (const lane of out.layers) {
      expect(tilingProblems(lane.shifts, '2026-12-20T23:00:00Z', '2026-12-27T23:00:00Z'), lane.layer).toEqual([]);
    }
    const weekly = out.layers[0].shifts.map((x: Shift) => `${x.start.slice(5, 16)} ${x.person}`);
    expect(weekly).toEqual(['12-20T23:00 bob', '12-21T08:00 carol']);
    const business = out.layers[1].shifts.filter((x: Shift) => x.person !== null).map((x: Shift) => x.person);
    expect(business).toEqual(['dave', 'erin', 'dave', 'erin', 'dave']);
  });

  test('command-line wall-clock times follow the DST rules of SPEC §1', () => {
    const start = (from: string, to: string) =>
      json<Shift[]>(ok(s.run(['shifts', '--schedule', 'payments-secondary', '--from', from, '--to', to, '--json'])))[0].start;
    // 02:30 does not exist on 28 Mar 2027 in Berlin: moved forward by the gap to 03:30 CEST.
    expect(start('2027-03-28T02:30', '2027-03-28T05:00')).toBe('2027-03-28T01:30:00Z');
    // 02:30 occurs twice on 25 Oct 2026: the first occurrence (CEST) is meant.
    expect(start('2026-10-25T02:30', '2026-10-25T05:00')).toBe('2026-10-25T00:30:00Z');
    // A day window across spring-forward is 23 hours long.
    const day = json<Shift[]>(ok(s.run(['shifts', '--schedule', 'payments-secondary', '--from', '2027-03-28', '--days', '1', '--json'])));
    expect([day[0].start, day[day.length - 1].end]).toEqual(['2027-03-27T23:00:00Z', '2027-03-28T22:00:00Z']);
  });

  test('"tomorrow 9am" is read in the viewer zone (--tz), across its date line', () => {
    // 22:30Z on Mon 23 Nov is still Monday in New York: tomorrow 09:00 EST = 14:00Z.
    const args = ['shifts', '--schedule', 'payments-primary', '--from', 'tomorrow 9am', '--days', '1', '--json'];
    const shifts = json<Shift[]>(ok(s.run(['--tz', 'America/New_York', ...args], { ONCALL_NOW: '2026-11-23T22:30:00Z' })));
    expect(shifts[0].start).toBe('2026-11-24T14:00:00Z');
  });

  test('human output: aligned, the zone named, 80 columns, no ANSI', () => {
    const r = ok(s.run(CHRISTMAS_WEEK));
    expect(r.stdout).toContain('Europe/Berlin');
    expect(r.stdout).not.toMatch(ANSI);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(r.stdout).toMatch(/Thu 24 Dec 00:00 +Thu 24 Dec 09:00 +Dave Lister +override/);
  });
});

describe('next', () => {
  test('--help names the default count once', () => {
    const help = ok(s.run(['next', '--help'])).stdout;
    expect(help.match(/\(default: 5\)/g)).toHaveLength(1);
  });

  // alice: payments-secondary week 47 (30 Nov - 7 Dec), then payments-primary week 48
  // (7-14 Dec) outside business hours, evening to morning.
  const ALICE = [
    { schedule: 'payments-secondary', person: 'alice', start: '2026-11-30T08:00:00Z', end: '2026-12-07T08:00:00Z', source: 'layer:weekly' },
    { schedule: 'payments-primary', person: 'alice', start: '2026-12-07T16:00:00Z', end: '2026-12-08T08:00:00Z', source: 'layer:weekly' },
    { schedule: 'payments-primary', person: 'alice', start: '2026-12-08T16:00:00Z', end: '2026-12-09T08:00:00Z', source: 'layer:weekly' },
    { schedule: 'payments-primary', person: 'alice', start: '2026-12-09T16:00:00Z', end: '2026-12-10T08:00:00Z', source: 'layer:weekly' },
    { schedule: 'payments-primary', person: 'alice', start: '2026-12-10T16:00:00Z', end: '2026-12-11T08:00:00Z', source: 'layer:weekly' },
  ];

  test('--person alice --count 5 --json lists her next five shifts across schedules', () => {
    expect(json(ok(s.run(['next', '--person', 'alice', '--count', '5', '--json'])))).toEqual(ALICE);
  });

  test('--count limits the list', () => {
    expect(json(ok(s.run(['next', '--person', 'alice', '--count', '2', '--json'])))).toEqual(ALICE.slice(0, 2));
  });

  test('a shift in progress is listed first with its real start', () => {
    const carol = json(ok(s.run(['next', '--person', 'carol', '--count', '1', '--json'])));
    expect(carol).toEqual([
      { schedule: 'payments-secondary', person: 'carol', start: '2026-11-23T08:00:00Z', end: '2026-11-30T08:00:00Z', source: 'layer:weekly' },
    ]);
  });

  test('the person defaults to ONCALL_USER (id or e-mail), else USER', () => {
    const expected = json(ok(s.run(['next', '--person', 'alice', '--json'])));
    expect(json(ok(s.run(['next', '--json'], { ONCALL_USER: 'alice' })))).toEqual(expected);
    expect(json(ok(s.run(['next', '--json'], { ONCALL_USER: 'alice@acme.example' })))).toEqual(expected);
    expect(json(ok(s.run(['next', '--json'], { ONCALL_USER: undefined, USER: 'alice' })))).toEqual(expected);
  });

  test('an unknown ONCALL_USER exits 2 with one line that says what to do', () => {
    const r = s.run(['next'], { ONCALL_USER: 'nobody' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/nobody/);
    expect(r.stderr).toMatch(/--person/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('an unknown --person exits 2', () => {
    const r = s.run(['next', '--person', 'zed']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"zed"/);
  });

  test('human output names the person and the zone', () => {
    const r = ok(s.run(['next'], { ONCALL_USER: 'alice' }));
    expect(r.stdout).toMatch(/Alice Liddell/);
    expect(r.stdout).toMatch(/Mon 30 Nov 09:00/);
    expect(r.stdout).toContain('Europe/Berlin');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
