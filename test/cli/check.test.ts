// `oncall check` (issue #8): problems in the coming days, exit 3 when there are any, 0 with
// "No problems in the next N days." otherwise. One fixture without problems, and one variant
// per kind: gap, time-off, overlapping-overrides, double-booked, single-member, schedule-ends.
//
// Every schedule and person is in UTC; the viewer is in Europe/Berlin (UTC+1 in winter), so
// human output shows UTC + 1 h. Now is Monday 2026-11-23 12:00Z; the default window is 30 days
// (to 2026-12-23 12:00Z).
//   primary:   weekly from Mon 2026-11-02 09:00, [ann, ben]:
//              ann 2 Nov, ben 9 Nov, ann 16 Nov, ben 23 Nov, ann 30 Nov, ben 7 Dec, ann 14 Dec, ben 21 Dec.
//   secondary: weekly from Mon 2026-11-02 09:00, [cat, dan]:
//              cat 2 Nov, dan 9 Nov, cat 16 Nov, dan 23 Nov, cat 30 Nov, dan 7 Dec, …
// eve and fay are in the team but in no layer.

import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, json, ok, session, writeYaml, type Env, type Result, type Session } from './helpers.js';
import { OPS_PEOPLE } from './ops-fixture.js';
import { refused } from './manage-helpers.js';

afterAll(cleanup);

const BASE = `${OPS_PEOPLE}teams:
  - id: ops
    name: Ops
    members: [ann, ben, cat, dan, eve, fay]
schedules:
  - id: primary
    team: ops
    name: Primary
    timezone: UTC
    layers:
      - id: weekly
        start: 2026-11-02T09:00
        shift: 1w
        members: [ann, ben]
  - id: secondary
    team: ops
    name: Secondary
    timezone: UTC
    layers:
      - id: weekly
        start: 2026-11-02T09:00
        shift: 1w
        members: [cat, dan]
`;

/** BASE with text replaced (each replacement must apply). */
function variant(...edits: [string, string][]): string {
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`"${from}" is not in the fixture`);
    return text.replace(from, to);
  }, BASE);
}

function setup(yaml: string, env: Env = {}): Session {
  const s = session(env);
  ok(s.run(['apply', '-f', writeYaml(yaml, 'team.yaml', s.dir)]));
  return s;
}

interface Problem {
  kind: string;
  schedule: string;
  start: string | null;
  end: string | null;
  person?: string | null;
  other?: string | null;
  layer?: string | null;
  reason?: string | null;
  message: string;
}

interface CheckJson {
  from: string;
  to: string;
  schedules: string[];
  problems: Problem[];
}

/** Runs check --json expecting `status`; stdout must be JSON either way. */
function checkJson(s: Session, args: string[], status: number, env: Env = {}): CheckJson {
  const r = s.run(['check', ...args, '--json'], env);
  expect(r.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(status);
  return json<CheckJson>(r);
}

/** A problem with every documented key; the ones that do not apply are null. */
function full(p: Partial<Problem>): Problem {
  return { person: null, other: null, layer: null, reason: null, ...p } as Problem;
}

/** Compares whole problems, not minding whether keys that do not apply are null or left out. */
function expectProblems(actual: Problem[], expected: Partial<Problem>[]): void {
  expect(actual.map(full)).toEqual(expected.map(full));
}

/** "kind schedule start end person" per problem. */
function brief(problems: Problem[]): string[] {
  return problems.map((p) => [p.kind, p.schedule, p.start ?? '-', p.end ?? '-', p.person ?? '-'].join(' '));
}

/** A human run that must find problems: exit 3, the count on stderr, nothing else there. */
function problems(r: Result, n: number): string[] {
  const what = `status ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, what).toBe(3);
  expect(r.stderr.trimEnd().split('\n'), what).toEqual([`oncall: ${n} problem${n === 1 ? '' : 's'} found; fix them, or leave a kind out with --ignore`]);
  return r.stdout.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

function clean(r: Result, days = 30): void {
  const what = `status ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, what).toBe(0);
  expect(r.stderr, what).toBe('');
  expect(r.stdout.trimEnd().split('\n').pop(), what).toBe(`No problems in the next ${days} days.`);
}

describe('a rota without problems', () => {
  test('exit 0, "No problems in the next 30 days."; JSON has the window, the schedules and no problems', () => {
    const s = setup(BASE);
    const r = s.run(['check']);
    clean(r);
    expect(r.stdout.trim().split('\n')).toEqual(['Checked 2 schedules, Mon 23 Nov 13:00 → Wed 23 Dec 13:00.', 'No problems in the next 30 days.']);
    expect(checkJson(s, [], 0)).toEqual({ from: '2026-11-23T12:00:00Z', to: '2026-12-23T12:00:00Z', schedules: ['primary', 'secondary'], problems: [] });
    // --days 7: now + 7 days = 2026-11-30T12:00Z.
    clean(s.run(['check', '--days', '7']), 7);
    expect(checkJson(s, ['--days', '7'], 0).to).toBe('2026-11-30T12:00:00Z');
  });

  test('bad options are refused with exit 2', () => {
    const s = setup(BASE);
    refused(s, ['check', '--ignore', 'gaps'], '--ignore "gaps" is not a kind of problem; use gap, time-off, overlapping-overrides, double-booked, single-member, schedule-ends');
    refused(s, ['check', '--schedule', 'nope'], 'unknown schedule "nope"');
    refused(s, ['check', '--days', '0'], /--days/);
  });
});

describe('each kind of problem: exit 3, and exit 0 once it is ignored', () => {
  test('gap: a layer that starts next week leaves nobody on call until then', () => {
    // primary starts Mon 30 Nov 09:00Z: nobody from now (23 Nov 12:00Z) until then.
    const s = setup(variant(['start: 2026-11-02T09:00\n        shift: 1w\n        members: [ann, ben]', 'start: 2026-11-30T09:00\n        shift: 1w\n        members: [ann, ben]']));
    const lines = problems(s.run(['check']), 1);
    expect(lines).toEqual([
      'Checked 2 schedules, Mon 23 Nov 13:00 → Wed 23 Dec 13:00.',
      'gap primary Mon 23 Nov 13:00 → Mon 30 Nov 10:00',
      'nobody on call',
      'Times in Europe/Berlin.',
    ]);
    const result = checkJson(s, [], 3);
    expectProblems(result.problems, [
      { kind: 'gap', schedule: 'primary', start: '2026-11-23T12:00:00Z', end: '2026-11-30T09:00:00Z', message: 'nobody on call, Mon 23 Nov 13:00 → Mon 30 Nov 10:00' },
    ]);
    clean(s.run(['check', '--ignore', 'gap']));
    // Only the other schedule: no gap there.
    clean(s.run(['check', '--schedule', 'secondary']));
  });

  test('time-off: ben is on call (7–14 Dec) during his time off (8–9 Dec); time off while off duty is no problem', () => {
    const s = setup(
      variant([
        '  - id: ben\n    name: Ben Bow\n',
        // 1 Dec: ann's week, not ben's. 8–9 Dec (UTC): 8 Dec 00:00Z → 10 Dec 00:00Z, inside ben's week.
        '  - id: ben\n    name: Ben Bow\n    time_off:\n      - from: 2026-12-01\n        to: 2026-12-01\n        reason: Course\n      - from: 2026-12-08\n        to: 2026-12-09\n        reason: Dentist trip\n',
      ]),
    );
    const lines = problems(s.run(['check']), 1);
    expect(lines).toContain('time-off primary Tue 8 Dec 01:00 → Thu 10 Dec 01:00');
    expect(lines).toContain('Ben Bow on call while on time off (Dentist trip)');
    expectProblems(checkJson(s, [], 3).problems, [
      {
        kind: 'time-off',
        schedule: 'primary',
        person: 'ben',
        start: '2026-12-08T00:00:00Z',
        end: '2026-12-10T00:00:00Z',
        reason: 'Dentist trip',
        message: 'Ben Bow on call while on time off (Dentist trip), Tue 8 Dec 01:00 → Thu 10 Dec 01:00',
      },
    ]);
    clean(s.run(['check', '--ignore', 'time-off']));
    // --days 14 ends 7 Dec 12:00Z, before the time off: nothing to report. --days 15 reaches it.
    clean(s.run(['check', '--days', '14']), 14);
    expect(brief(checkJson(s, ['--days', '15'], 3).problems)).toEqual(['time-off primary 2026-12-08T00:00:00Z 2026-12-08T12:00:00Z ben']);

    // Time off added from the command line counts the same way: ann, 1 Dec 06:00Z–18:00Z, in her week.
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-12-01T06:00', '--to', '2026-12-01T18:00']));
    expect(brief(checkJson(s, [], 3).problems)).toEqual([
      'time-off primary 2026-12-01T06:00:00Z 2026-12-01T18:00:00Z ann',
      'time-off primary 2026-12-08T00:00:00Z 2026-12-10T00:00:00Z ben',
    ]);
  });

  test('overlapping-overrides: two overrides in one schedule overlap; a past overlap is not reported', () => {
    const s = setup(
      variant([
        '        members: [ann, ben]\n',
        '        members: [ann, ben]\n    overrides:\n' +
          // In the past (10–13 Nov): outside the window.
          '      - person: eve\n        from: 2026-11-10T00:00\n        to: 2026-11-12T00:00\n' +
          '      - person: fay\n        from: 2026-11-11T00:00\n        to: 2026-11-13T00:00\n' +
          // eve 1 Dec 00:00 → 2 Dec 00:00 and fay 1 Dec 12:00 → 3 Dec 00:00 share 1 Dec 12:00 → 2 Dec 00:00.
          '      - person: eve\n        from: 2026-12-01T00:00\n        to: 2026-12-02T00:00\n' +
          '      - person: fay\n        from: 2026-12-01T12:00\n        to: 2026-12-03T00:00\n',
      ]),
    );
    const lines = problems(s.run(['check']), 1);
    expect(lines).toContain('overlapping-overrides primary Tue 1 Dec 13:00 → Wed 2 Dec 01:00');
    expect(lines).toContain('overrides for Eve Ent and Fay Fox overlap; the newer wins');
    expectProblems(checkJson(s, [], 3).problems, [
      {
        kind: 'overlapping-overrides',
        schedule: 'primary',
        person: 'eve',
        other: 'fay',
        start: '2026-12-01T12:00:00Z',
        end: '2026-12-02T00:00:00Z',
        message: 'overrides for Eve Ent and Fay Fox overlap; the newer wins, Tue 1 Dec 13:00 → Wed 2 Dec 01:00',
      },
    ]);
    clean(s.run(['check', '--ignore', 'overlapping-overrides']));
    clean(s.run(['check', '--schedule', 'secondary']));
  });

  test('double-booked: ann on call in two schedules of her team at once; another team\'s schedule does not count', () => {
    const web = `  - id: web
    team: web
    name: Web
    timezone: UTC
    layers:
      - id: weekly
        start: 2026-11-02T09:00
        shift: 1w
        members: [ann, ben]
`;
    const s = setup(
      variant(
        // secondary: ann overrides 1 Dec 00:00 → 2 Dec 00:00, inside her primary week (30 Nov – 7 Dec).
        ['        members: [cat, dan]\n', `        members: [cat, dan]\n    overrides:\n      - person: ann\n        from: 2026-12-01T00:00\n        to: 2026-12-02T00:00\n${web}`],
        ['members: [ann, ben, cat, dan, eve, fay]\n', 'members: [ann, ben, cat, dan, eve, fay]\n  - id: web\n    name: Web\n    members: [ann, ben]\n'],
      ),
    );
    const lines = problems(s.run(['check']), 1);
    expect(lines).toContain('double-booked primary Tue 1 Dec 01:00 → Wed 2 Dec 01:00');
    expect(lines).toContain('Ann Arbor also on call in secondary');
    const result = checkJson(s, [], 3);
    expect(result.schedules).toEqual(['primary', 'secondary', 'web']);
    expectProblems(result.problems, [
      {
        kind: 'double-booked',
        schedule: 'primary',
        other: 'secondary',
        person: 'ann',
        start: '2026-12-01T00:00:00Z',
        end: '2026-12-02T00:00:00Z',
        message: 'Ann Arbor also on call in secondary, Tue 1 Dec 01:00 → Wed 2 Dec 01:00',
      },
    ]);
    // Reported once for the pair, whichever schedule is asked about; the other schedule is looked at anyway.
    expect(brief(checkJson(s, ['--schedule', 'secondary'], 3).problems)).toEqual(['double-booked secondary 2026-12-01T00:00:00Z 2026-12-02T00:00:00Z ann']);
    expect(checkJson(s, ['--schedule', 'primary'], 3).problems).toHaveLength(1);
    // web runs the same rotation as primary (ann and ben at the same times), but in another team.
    clean(s.run(['check', '--schedule', 'web']));
    clean(s.run(['check', '--ignore', 'double-booked']));
  });

  test('single-member: a layer with one member; --schedule and --ignore leave it out', () => {
    const s = setup(variant(['members: [cat, dan]', 'members: [cat]']));
    const lines = problems(s.run(['check']), 1);
    expect(lines).toEqual([
      'Checked 2 schedules, Mon 23 Nov 13:00 → Wed 23 Dec 13:00.',
      'single-member secondary',
      'layer weekly has one member (Cat Cole): no one to swap with',
      'Times in Europe/Berlin.',
    ]);
    expectProblems(checkJson(s, [], 3).problems, [
      { kind: 'single-member', schedule: 'secondary', layer: 'weekly', person: 'cat', start: null, end: null, message: 'layer weekly has one member (Cat Cole): no one to swap with' },
    ]);
    clean(s.run(['check', '--ignore', 'single-member']));
    const onlyPrimary = s.run(['check', '--schedule', 'primary']);
    clean(onlyPrimary);
    expect(onlyPrimary.stdout).toContain('Checked 1 schedule, ');
  });

  test('schedule-ends: every layer ends inside the window (and the gap after it); --ignore takes a list', () => {
    // primary's only layer ends Thu 10 Dec 09:00Z: nobody after that, to the end of the window (23 Dec 12:00Z).
    const s = setup(variant(['        members: [ann, ben]\n', '        members: [ann, ben]\n        end: 2026-12-10T09:00\n']));
    const lines = problems(s.run(['check']), 2);
    expect(lines).toEqual([
      'Checked 2 schedules, Mon 23 Nov 13:00 → Wed 23 Dec 13:00.',
      'gap primary Thu 10 Dec 10:00 → Wed 23 Dec 13:00',
      'nobody on call',
      'schedule-ends primary from Thu 10 Dec 10:00',
      'every layer has ended: nobody on call',
      'Times in Europe/Berlin.',
    ]);
    expectProblems(checkJson(s, [], 3).problems, [
      { kind: 'gap', schedule: 'primary', start: '2026-12-10T09:00:00Z', end: '2026-12-23T12:00:00Z', message: 'nobody on call, Thu 10 Dec 10:00 → Wed 23 Dec 13:00' },
      { kind: 'schedule-ends', schedule: 'primary', start: '2026-12-10T09:00:00Z', end: null, message: 'every layer has ended: nobody on call, from Thu 10 Dec 10:00' },
    ]);
    expect(brief(checkJson(s, ['--ignore', 'gap'], 3).problems)).toEqual(['schedule-ends primary 2026-12-10T09:00:00Z - -']);
    clean(s.run(['check', '--ignore', 'gap,schedule-ends']));
    clean(s.run(['check', '--ignore', 'gap', '--ignore', 'schedule-ends']));
    // --days 16 ends 9 Dec 12:00Z: the layer is still running then.
    clean(s.run(['check', '--days', '16']), 16);
  });

  test('schedule-ends only counts an end inside the window', () => {
    // Ends 1 Feb 2027: outside 30 days, inside 90 (now + 90 days = 21 Feb 2027 12:00Z).
    const s = setup(variant(['        members: [cat, dan]\n', '        members: [cat, dan]\n        end: 2027-02-01T09:00\n']));
    clean(s.run(['check']));
    expect(checkJson(s, ['--days', '90'], 3).problems.map((p) => `${p.kind} ${p.schedule} ${p.start}`)).toEqual([
      'gap secondary 2027-02-01T09:00:00Z',
      'schedule-ends secondary 2027-02-01T09:00:00Z',
    ]);
  });
});

describe('all kinds at once', () => {
  // primary ends 10 Dec 09:00 and has overlapping overrides for eve and fay on 1–2 Dec; ann
  // also takes secondary on 4 Dec (her primary week is 30 Nov – 7 Dec); ben is off 8–9 Dec in
  // his week (7 Dec – the end); secondary's layer is only cat.
  const ALL = variant(
    ['  - id: ben\n    name: Ben Bow\n', '  - id: ben\n    name: Ben Bow\n    time_off:\n      - from: 2026-12-08\n        to: 2026-12-09\n'],
    [
      '        members: [ann, ben]\n',
      '        members: [ann, ben]\n        end: 2026-12-10T09:00\n    overrides:\n' +
        '      - person: eve\n        from: 2026-12-01T00:00\n        to: 2026-12-02T00:00\n' +
        '      - person: fay\n        from: 2026-12-01T12:00\n        to: 2026-12-03T00:00\n',
    ],
    ['        members: [cat, dan]\n', '        members: [cat]\n    overrides:\n      - person: ann\n        from: 2026-12-04T00:00\n        to: 2026-12-05T00:00\n'],
  );

  test('sorted by start; "6 problems found"; ignoring every kind exits 0', () => {
    const s = setup(ALL);
    const r = s.run(['check']);
    const lines = problems(r, 6);
    // Human output fits 80 columns (SPEC §4): the times go on the first line, who and why on the second.
    expect(r.stdout.split('\n').filter((l) => l.length > 80)).toEqual([]);
    expect(lines.filter((l) => /^[a-z-]+ (primary|secondary)( |$)/.test(l)).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'single-member secondary',
      'overlapping-overrides primary',
      'double-booked primary',
      'time-off primary',
      'gap primary',
      'schedule-ends primary',
    ]);
    expect(brief(checkJson(s, [], 3).problems)).toEqual([
      'single-member secondary - - cat',
      'overlapping-overrides primary 2026-12-01T12:00:00Z 2026-12-02T00:00:00Z eve',
      'double-booked primary 2026-12-04T00:00:00Z 2026-12-05T00:00:00Z ann',
      'time-off primary 2026-12-08T00:00:00Z 2026-12-10T00:00:00Z ben',
      'gap primary 2026-12-10T09:00:00Z 2026-12-23T12:00:00Z -',
      'schedule-ends primary 2026-12-10T09:00:00Z - -',
    ]);
    expect(brief(checkJson(s, ['--ignore', 'gap,schedule-ends,single-member'], 3).problems).map((l) => l.split(' ')[0])).toEqual([
      'overlapping-overrides',
      'double-booked',
      'time-off',
    ]);
    clean(s.run(['check', '--ignore', 'gap,time-off,overlapping-overrides,double-booked,single-member,schedule-ends']));
  });

  test('--json: every problem carries every documented key (null where it does not apply)', () => {
    const s = setup(ALL);
    const keys = ['kind', 'schedule', 'start', 'end', 'person', 'other', 'layer', 'reason', 'message'];
    for (const p of checkJson(s, [], 3).problems) {
      expect(Object.keys(p).filter((k) => keys.includes(k)).sort(), JSON.stringify(p)).toEqual([...keys].sort());
    }
  });
});

describe('check in a DST week (Europe/Berlin springs forward on Sun 2027-03-28)', () => {
  // A daily layer restricted to 08:00–20:00 Berlin time: the nights are gaps. Now (--now) is
  // Sat 2027-03-27 12:00Z = 13:00 CET; --days 3 ends Tue 30 Mar 13:00 CEST = 11:00Z (71 h later).
  //   Sat 20:00 CET = 19:00Z → Sun 08:00 CEST = 06:00Z   (11 h: the night loses an hour)
  //   Sun 20:00 CEST = 18:00Z → Mon 08:00 CEST = 06:00Z  (12 h)
  //   Mon 20:00 CEST = 18:00Z → Tue 08:00 CEST = 06:00Z  (12 h)
  const DAYTIME = `version: 1
people:
  - id: ann
    name: Ann Arbor
  - id: ben
    name: Ben Bow
teams:
  - id: eu
    name: EU
    members: [ann, ben]
schedules:
  - id: daytime
    team: eu
    name: Daytime
    timezone: Europe/Berlin
    layers:
      - id: days
        start: 2027-03-01T08:00
        shift: 1d
        members: [ann, ben]
        restrictions:
          - from: "08:00"
            to: "20:00"
`;

  test('the gaps follow the wall clock across the jump', () => {
    const s = setup(DAYTIME);
    const now = ['--now', '2027-03-27T12:00:00Z'];
    const result = checkJson(s, [...now, '--days', '3'], 3);
    expect(result.from).toBe('2027-03-27T12:00:00Z');
    expect(result.to).toBe('2027-03-30T11:00:00Z');
    expect(brief(result.problems)).toEqual([
      'gap daytime 2027-03-27T19:00:00Z 2027-03-28T06:00:00Z -',
      'gap daytime 2027-03-28T18:00:00Z 2027-03-29T06:00:00Z -',
      'gap daytime 2027-03-29T18:00:00Z 2027-03-30T06:00:00Z -',
    ]);
    const lines = problems(s.run(['check', ...now, '--days', '3']), 3);
    expect(lines).toContain('gap daytime Sat 27 Mar 20:00 → Sun 28 Mar 08:00');
    expect(lines).toContain('gap daytime Sun 28 Mar 20:00 → Mon 29 Mar 08:00');
    clean(s.run(['check', ...now, '--days', '3', '--ignore', 'gap']), 3);
  });
});

describe('check gates a change to the YAML (apply, then check, as CI does)', () => {
  test('a change that ends the rotation fails the check; the fix passes it', () => {
    const s = setup(BASE);
    clean(s.run(['check']));

    // The lead ends primary's rotation on 10 Dec and forgets to add the next one.
    const ending = variant(['        members: [ann, ben]\n', '        members: [ann, ben]\n        end: 2026-12-10T09:00\n']);
    ok(s.run(['apply', '-f', writeYaml(ending, 'team.yaml', s.dir)]));
    expect(problems(s.run(['check']), 2)).toContain('schedule-ends primary from Thu 10 Dec 10:00');

    // The fix: a new rotation takes over at 10 Dec 09:00, with cat joining.
    const fixed = ending.replace(
      '        end: 2026-12-10T09:00\n',
      '        end: 2026-12-10T09:00\n      - id: from-december\n        start: 2026-12-10T09:00\n        shift: 1w\n        members: [ann, ben, eve]\n',
    );
    ok(s.run(['apply', '-f', writeYaml(fixed, 'team.yaml', s.dir)]));
    clean(s.run(['check']));
    expect(checkJson(s, ['--days', '60'], 0).problems).toEqual([]);

    // A change that takes a member away leaves a single-member layer: caught before it bites.
    ok(s.run(['apply', '-f', writeYaml(fixed.replace('members: [cat, dan]', 'members: [dan]'), 'team.yaml', s.dir)]));
    expect(brief(checkJson(s, [], 3).problems)).toEqual(['single-member secondary - - dan']);
  });
});
