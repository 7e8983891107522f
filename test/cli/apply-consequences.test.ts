// Issue 14, item 2: a plan that shows consequences. For each schedule a plan changes, `apply`
// lists the final shifts in the horizon that change hands (old → new person, in the viewer's
// zone), says when each change takes effect, gives all of it as JSON, and exits 4 from a dry
// run with changes pending.
//
// The fixture, now Mon 23 Nov 2026 13:00 Berlin: `weekly` hands off Mondays 09:00 Berlin
// from Mon 2 Nov (ann, ben, cat: ann from 23 Nov, ben 30 Nov, cat 7 Dec, ann 14 Dec, ben
// 21 Dec), and `weekends`, listed later and so above it, gives dan every Saturday and Sunday.
//
// Most changes here are not roster changes (priority, restrictions, layers and overrides),
// whose timing item 1 does not touch. One members change takes effect exactly at a handoff,
// with the new list ordered so that counting shifts from the layer's start and continuing
// from the person on call agree; the issue's own example (item 1) is the last roster test.

import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, dbState, execDb, json, ok, pending, session, writeYaml, type Session } from './helpers.js';
import { expectOneLine } from './one-line.js';

afterAll(cleanup);

const BASE = `version: 1
people:
  - {id: ann, name: Ann}
  - {id: ben, name: Ben}
  - {id: cat, name: Cat}
  - {id: dan, name: Dan}
teams:
  - id: ops
    name: Ops
    members: [ann, ben, cat, dan]
schedules:
  - id: primary
    team: ops
    name: Primary
    timezone: Europe/Berlin
    layers:
      - id: weekly
        start: 2026-11-02T09:00
        shift: 1w
        members: [ann, ben, cat]
      - id: weekends
        start: 2026-11-02T09:00
        shift: 1w
        members: [dan]
        restrictions:
          - days: [sat, sun]
            from: "00:00"
            to: "00:00"
`;

/** The weekend layer below the weekly one: every weekend goes back to the person of the week. */
const WEEKENDS_BELOW = BASE.replace('members: [dan]\n', 'members: [dan]\n        priority: -1\n');
const OFFICE = `      - id: office
        start: 2026-11-02T09:00
        shift: 1d
        members: [ben, cat]
        restrictions:
          - days: [mon, tue, wed, thu, fri]
            from: "09:00"
            to: "17:00"
`;
const FEBRUARY_OVERRIDE = `    overrides:
      - person: cat
        from: 2027-02-01T09:00
        to: 2027-02-02T09:00
`;

function based(): Session {
  const s = session();
  ok(s.run(['apply', '-f', writeYaml(BASE, 'base.yaml', s.dir)]));
  return s;
}

const file = (s: Session, text: string) => writeYaml(text, 'team.yaml', s.dir);

/** The consequences part of a human plan: from its heading to the line before the summary. */
function handOffs(stdout: string): string[] {
  const lines = stdout.split('\n');
  const from = lines.findIndex((l) => l.startsWith('Hand-offs that change'));
  const to = lines.findIndex((l) => /^(Dry run|Applied):/.test(l));
  return from < 0 ? [] : lines.slice(from, to);
}

describe('the plan lists the final shifts that change hands', () => {
  test('a priority change: each weekend goes from dan to the person of the week, one line per weekend', () => {
    const s = based();
    const r = pending(s.run(['apply', '-f', file(s, WEEKENDS_BELOW), '--dry-run']));
    expect(r.stdout).toContain('  ~ layer primary/weekends: every 1w, dan (priority)\n');
    // Saturday and Sunday are two restriction intervals; touching, with one pair, they are one line.
    expect(handOffs(r.stdout)).toEqual([
      'Hand-offs that change in the next 28 days (Europe/Berlin):',
      '  primary:',
      '    Sat 28 Nov 00:00 → Mon 30 Nov 00:00  dan → ann',
      '    Sat 5 Dec 00:00 → Mon 7 Dec 00:00    dan → ben',
      '    Sat 12 Dec 00:00 → Mon 14 Dec 00:00  dan → cat',
      '    Sat 19 Dec 00:00 → Mon 21 Dec 00:00  dan → ann',
    ]);
    expect(r.stderr).toBe('');
  });

  test('a members change, in the zone the plan names (--tz), from the effective instant on', () => {
    const s = based();
    // Mon 30 Nov 09:00 Berlin is a handoff: ann's turn ends there. The new list hands on to dan.
    const members = BASE.replace('members: [ann, ben, cat]', 'members: [dan, ben, cat, ann]');
    const r = pending(s.run(['apply', '-f', file(s, members), '--dry-run', '--effective', '2026-11-30T08:00Z', '--tz', 'America/New_York']));
    // --effective sets the instant of every change: the header names it, the line adds nothing.
    expect(r.stdout).toContain('Plan (takes effect Mon 30 Nov 03:00):\n  ~ layer primary/weekly: every 1w, dan, ben, cat, ann (members)\n');
    // dan keeps the weekends, so each week's change is two shifts: Monday to Saturday, then Monday morning.
    expect(handOffs(r.stdout)).toEqual([
      'Hand-offs that change in the 28 days from Mon 30 Nov 03:00 (America/New_York):',
      '  primary:',
      '    Mon 30 Nov 03:00 → Mon 7 Dec 03:00   ben → dan in 2 shifts',
      '    Mon 7 Dec 03:00 → Mon 14 Dec 03:00   cat → ben in 2 shifts',
      '    Mon 14 Dec 03:00 → Mon 21 Dec 03:00  ann → cat in 2 shifts',
      '    Mon 21 Dec 03:00 → Mon 28 Dec 03:00  ben → ann in 2 shifts',
    ]);
    const plan = json(pending(s.run(['apply', '-f', file(s, members), '--dry-run', '--effective', '2026-11-30T08:00Z', '--json'])));
    expect(plan.consequences[0].handChanges.slice(0, 2)).toEqual([
      { start: '2026-11-30T08:00:00Z', end: '2026-12-04T23:00:00Z', before: 'ben', after: 'dan' },
      { start: '2026-12-06T23:00:00Z', end: '2026-12-07T08:00:00Z', before: 'ben', after: 'dan' },
    ]);
  });

  test('--horizon limits the window: 7d keeps the first weekend, 5d cuts it at the window end', () => {
    const s = based();
    const lines = (horizon: string) => handOffs(pending(s.run(['apply', '-f', file(s, WEEKENDS_BELOW), '--dry-run', '--horizon', horizon])).stdout);
    expect(lines('7d')).toEqual([
      'Hand-offs that change in the next 7 days (Europe/Berlin):',
      '  primary:',
      '    Sat 28 Nov 00:00 → Mon 30 Nov 00:00  dan → ann',
    ]);
    expect(lines('5d')).toEqual([
      'Hand-offs that change in the next 5 days (Europe/Berlin):',
      '  primary:',
      '    Sat 28 Nov 00:00 → Sat 28 Nov 13:00  dan → ann',
    ]);
    expect(lines('2w').slice(2)).toEqual(['    Sat 28 Nov 00:00 → Mon 30 Nov 00:00  dan → ann', '    Sat 5 Dec 00:00 → Mon 7 Dec 00:00    dan → ben']);
    const window = json(pending(s.run(['apply', '-f', file(s, WEEKENDS_BELOW), '--dry-run', '--horizon', '36h', '--json']))).window;
    expect(window).toEqual({ start: '2026-11-23T12:00:00Z', end: '2026-11-25T00:00:00Z' });
  });

  test('a change that alters nothing in the horizon says so', () => {
    const s = based();
    const r = pending(s.run(['apply', '-f', file(s, BASE + FEBRUARY_OVERRIDE), '--dry-run']));
    expect(handOffs(r.stdout)).toEqual(['Hand-offs that change in the next 28 days (Europe/Berlin):', '  primary: no shift changes hands']);
    // A longer horizon reaches it: the override takes a day of ben's week (from Mon 1 Feb).
    expect(handOffs(pending(s.run(['apply', '-f', file(s, BASE + FEBRUARY_OVERRIDE), '--dry-run', '--horizon', '12w'])).stdout).slice(2)).toEqual([
      '    Mon 1 Feb 2027 09:00 → Tue 2 Feb 2027 09:00  ben → cat',
    ]);
  });

  test('many hand changes: ten lines, then how many more; --json has them all', () => {
    const s = based();
    const r = pending(s.run(['apply', '-f', file(s, BASE + OFFICE), '--dry-run']));
    const lines = handOffs(r.stdout);
    expect(lines.slice(0, 4)).toEqual([
      'Hand-offs that change in the next 28 days (Europe/Berlin):',
      '  primary:',
      // The new office layer starts now, in the middle of Monday's office hours.
      '    Mon 23 Nov 13:00 → Mon 23 Nov 17:00  ann → cat',
      '    Tue 24 Nov 09:00 → Tue 24 Nov 17:00  ann → ben',
    ]);
    // In ben's week only cat's days change hands: Tuesday and Thursday, one line.
    expect(lines).toContain('    Tue 1 Dec 09:00 → Thu 3 Dec 17:00    ben → cat in 2 shifts');
    expect(lines).toHaveLength(2 + 10 + 1);
    expect(lines[12]).toBe('    … and 3 more (--json lists them all)');
    const plan = json(pending(s.run(['apply', '-f', file(s, BASE + OFFICE), '--dry-run', '--json'])));
    const all = plan.consequences[0].handChanges;
    expect(all).toHaveLength(15);
    expect(all.at(-1)).toEqual({ start: '2026-12-21T08:00:00Z', end: '2026-12-21T12:00:00Z', before: 'ben', after: 'cat' });
  });

  test('only schedules that existed: a first apply lists no hand changes; a pruned schedule hands everything to nobody', () => {
    const s = session();
    const first = ok(s.run(['apply', '-f', writeYaml(BASE, 'base.yaml', s.dir)]));
    expect(first.stdout).not.toContain('Hand-offs');
    const other = BASE.replace('  - id: primary\n', '  - id: spare\n');
    ok(s.run(['apply', '-f', writeYaml(other, 'other.yaml', s.dir)]));
    const r = pending(s.run(['apply', '-f', writeYaml(other, 'other.yaml', s.dir), '--prune', '--dry-run', '--horizon', '7d']));
    expect(r.stdout).toContain('  - schedule primary\n');
    expect(handOffs(r.stdout)).toEqual([
      'Hand-offs that change in the next 7 days (Europe/Berlin):',
      '  primary:',
      '    Mon 23 Nov 13:00 → Sat 28 Nov 00:00  ann → nobody',
      '    Sat 28 Nov 00:00 → Mon 30 Nov 00:00  dan → nobody',
      '    Mon 30 Nov 00:00 → Mon 30 Nov 09:00  ann → nobody',
      '    Mon 30 Nov 09:00 → Mon 30 Nov 13:00  ben → nobody',
    ]);
  });
});

describe("the issue's roster change, with position-keeping rotations (item 1)", () => {
  // UTC, weekly [ann, ben, cyd] from Mon 2 Nov 09:00; on Tue 17 Nov 12:00, while cyd is on
  // call, the lead adds dot at the front. The change waits for Monday's handoff.
  const SET_UP = { ONCALL_NOW: '2026-11-01T00:00:00Z', ONCALL_TZ: 'UTC' };
  const TUESDAY = { ONCALL_NOW: '2026-11-17T12:00:00Z', ONCALL_TZ: 'UTC' };
  const team = (members: string) => `version: 1
people: [{id: ann, name: Ann}, {id: ben, name: Ben}, {id: cyd, name: Cyd}, {id: dot, name: Dot}]
teams: [{id: ops, name: Ops, members: [ann, ben, cyd, dot]}]
schedules:
  - {id: primary, team: ops, name: Primary, timezone: UTC, layers: [{id: weekly, start: 2026-11-02T09:00, shift: 1w, members: [${members}]}]}
`;

  test('[dot, ann, ben, cyd]: cyd finishes her week, and the plan names who takes each week from whom', () => {
    const s = session(SET_UP);
    ok(s.run(['apply', '-f', writeYaml(team('ann, ben, cyd'), 'team.yaml', s.dir)], SET_UP));
    const r = pending(s.run(['apply', '-f', writeYaml(team('dot, ann, ben, cyd'), 'team.yaml', s.dir), '--dry-run'], TUESDAY));
    expect(r.stdout).toContain('  ~ layer primary/weekly: every 1w, dot, ann, ben, cyd (members); takes effect Mon 23 Nov 09:00\n');
    // Before: ann (23 Nov), ben, cyd, ann. After: dot, ann, ben, cyd. The window ends Tue 15 Dec 12:00.
    expect(handOffs(r.stdout)).toEqual([
      'Hand-offs that change in the next 28 days (UTC):',
      '  primary:',
      '    Mon 23 Nov 09:00 → Mon 30 Nov 09:00  ann → dot',
      '    Mon 30 Nov 09:00 → Mon 7 Dec 09:00   ben → ann',
      '    Mon 7 Dec 09:00 → Mon 14 Dec 09:00   cyd → ben',
      '    Mon 14 Dec 09:00 → Tue 15 Dec 12:00  ann → cyd',
    ]);
    const plan = json(pending(s.run(['apply', '-f', writeYaml(team('dot, ann, ben, cyd'), 'team.yaml', s.dir), '--dry-run', '--json'], TUESDAY)));
    expect(plan.changes[0]).toMatchObject({ entity: 'layer', effective: '2026-11-23T09:00:00Z' });
    expect(plan.effective).toBe('2026-11-17T12:00:00Z');
  });
});

describe('a schedule whose stored rotation cannot be computed', () => {
  test('the plan says its hand changes are unknown, and why; the apply still goes ahead', () => {
    const s = based();
    // A rule an older version could have stored: the file's `shift: 1w` replaces it.
    execDb(s.db, "UPDATE layers SET handoffs = 'FREQ=SECONDLY', shift = NULL WHERE layer_id = 'weekly' AND valid_to IS NULL");
    const dry = pending(s.run(['apply', '-f', file(s, BASE), '--dry-run']));
    expect(handOffs(dry.stdout)[1]).toMatch(/^  primary: hand changes unknown; schedule "primary" cannot be shown: layer "weekly": handoffs "FREQ=SECONDLY"/);
    const plan = json(pending(s.run(['apply', '-f', file(s, BASE), '--dry-run', '--json'])));
    expect(plan.consequences).toEqual([{ schedule: 'primary', handChanges: [], unknown: expect.stringContaining('more than once an hour') }]);
    ok(s.run(['apply', '-f', file(s, BASE)]));
    expect(json(ok(s.run(['who', '--json'])))[0]).toMatchObject({ schedule: 'primary', person: 'ann' });
  });
});

describe('apply --dry-run --json: the whole plan as data', () => {
  test('changes with their effective instants, the window, consequences per schedule, kept and flagged lists; exit 4', () => {
    const s = based();
    const before = dbState(s.db);
    const r = pending(s.run(['apply', '-f', file(s, WEEKENDS_BELOW), '--dry-run', '--json', '--effective', '2026-11-26T00:00']));
    expect(r.stderr).toBe('');
    expect(json(r)).toEqual({
      effective: '2026-11-25T23:00:00Z',
      applied: false,
      changes: [{ action: 'change', entity: 'layer', id: 'weekends', schedule: 'primary', fields: ['priority'], effective: '2026-11-25T23:00:00Z' }],
      untouched: [],
      noEffect: [],
      kept: [],
      adopted: [],
      window: { start: '2026-11-25T23:00:00Z', end: '2026-12-23T23:00:00Z' },
      consequences: [
        {
          schedule: 'primary',
          handChanges: [
            { start: '2026-11-27T23:00:00Z', end: '2026-11-29T23:00:00Z', before: 'dan', after: 'ann' },
            { start: '2026-12-04T23:00:00Z', end: '2026-12-06T23:00:00Z', before: 'dan', after: 'ben' },
            { start: '2026-12-11T23:00:00Z', end: '2026-12-13T23:00:00Z', before: 'dan', after: 'cat' },
            { start: '2026-12-18T23:00:00Z', end: '2026-12-20T23:00:00Z', before: 'dan', after: 'ann' },
          ],
        },
      ],
    });
    expect(dbState(s.db)).toBe(before);
  });
});

describe('exit status of apply --dry-run', () => {
  test('0 when nothing would change, 4 when changes are pending, 2 for bad input; nothing is written', () => {
    const s = based();
    const before = dbState(s.db);
    const same = s.run(['apply', '-f', file(s, BASE), '--dry-run']);
    expect([same.status, same.stdout.trim()]).toEqual([0, 'No changes.']);
    expect(json(ok(s.run(['apply', '-f', file(s, BASE), '--dry-run', '--json']))).consequences).toEqual([]);
    expect(pending(s.run(['apply', '-f', file(s, WEEKENDS_BELOW), '--dry-run'])).stdout).toContain('Dry run: 0 to add, 1 to change, 0 to remove; nothing was changed.');
    const bad = file(s, WEEKENDS_BELOW);
    expectOneLine(s.run(['apply', '-f', bad, '--dry-run', '--horizon', 'soon']), 2, '--horizon "soon" is not a duration; write one like 7d, 2w or 36h');
    expectOneLine(s.run(['apply', '-f', bad, '--dry-run', '--horizon', '0d']), 2, '--horizon must be longer than zero; write one like 7d, 2w or 36h');
    expectOneLine(s.run(['apply', '-f', bad, '--dry-run', '--horizon', '1097d']), 2, 'the window is 1097 days long, more than 1096 (3 years); give a shorter --horizon');
    expectOneLine(s.run(['apply', '-f', bad, '--horizon', '5000w']), 2, '--horizon "5000w" is longer than 1096 days (3 years); give a shorter --horizon');
    expectOneLine(
      s.run(['apply', '-f', bad, '--effective', '2099-12-20', '--horizon', '28d']),
      2,
      '--horizon 28d ends past the times oncall reads (1970-01-01 to 2100-01-01); give a shorter --horizon',
    );
    expect(s.run(['apply', '-f', file(s, BASE.replace('shift: 1w', 'shift: 1x')), '--dry-run']).status).toBe(2);
    expect(dbState(s.db)).toBe(before);
  });
});

describe('a real apply', () => {
  test('prints the same consequences as its dry run, exits 0, and the shifts then agree', () => {
    const s = based();
    const dry = pending(s.run(['apply', '-f', file(s, WEEKENDS_BELOW), '--dry-run']));
    const real = ok(s.run(['apply', '-f', file(s, WEEKENDS_BELOW)]));
    expect(handOffs(real.stdout)).toEqual(handOffs(dry.stdout));
    expect(handOffs(real.stdout)).toHaveLength(6);
    expect(real.stdout).toContain('Applied: 0 to add, 1 to change, 0 to remove.');
    const weekend = json(ok(s.run(['shifts', '--schedule', 'primary', '--from', '2026-11-28', '--days', '2', '--json'])));
    expect(weekend.map((x: { person: string }) => x.person)).toEqual(['ann']);
    // Applied, the plan is empty again: a dry run now exits 0.
    expect(s.run(['apply', '-f', file(s, WEEKENDS_BELOW), '--dry-run']).status).toBe(0);
  });
});
