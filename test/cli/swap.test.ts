// `oncall swap` exchanges whole turns (issue 14, item 4): every final shift of the turn that
// its person holds from the layer, however restrictions and higher layers cut it, from now on.
//
// acme.yaml, payments-primary (Berlin): weekly [alice, bob, carol] with Monday 09:00 handoffs
// (alice 7–14 Dec, bob 14–21 Dec, carol 21–28 Dec), under a business-hours layer (dave, erin,
// Mon–Fri 09:00–17:00), so each weekly turn is five nights and a weekend. Now is Mon 23 Nov
// 12:00Z; the viewer is in New York unless a command says --tz.

import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, json, ok, writeYaml, type Shift } from './helpers.js';
import { acme, brief, fresh, overrides, refused, shifts } from './manage-helpers.js';

afterAll(cleanup);

const ISSUE = ['swap', '--schedule', 'payments-primary', '--shift-of', 'alice', '--with', 'bob', '--at', '2026-12-09T03:00', '--tz', 'Europe/Berlin'];
const who = (s: ReturnType<typeof acme>, at: string, schedule = 'payments-primary', env = {}) =>
  json<{ person: string | null; source: string }[]>(ok(s.run(['who', '--schedule', schedule, '--at', at, '--json'], env)))[0];
/** The shifts with the final shifts inside [from, to) held by `a` from `source` handed to `b` by an override. */
const handed = (list: Shift[], from: string, to: string, a: string, b: string, source: string) =>
  list.map((x) => (x.start >= from && x.end <= to && x.person === a && x.source === source ? { ...x, person: b, source: 'override' } : x));
const merged = (list: Shift[]) =>
  list.reduce<Shift[]>((out, x) => {
    const last = out[out.length - 1];
    if (last && last.end === x.start && last.person === x.person && last.source === x.source) last.end = x.end;
    else out.push({ ...x });
    return out;
  }, []);

describe('swap exchanges whole turns (acme.yaml)', () => {
  test("the issue's example: every night of alice's week is bob's, and alice takes bob's next week", () => {
    const s = acme();
    const before = shifts(s, 'payments-primary', '2026-11-30T08:00:00Z', '2027-01-04T08:00:00Z');
    const r = ok(s.run(ISSUE));
    expect(r.stdout).toBe([
      'Swapped on payments-primary, layer weekly:',
      "  bob takes alice's turn Mon 7 Dec 09:00 → Mon 14 Dec 09:00 (5 shifts)",
      "  alice takes bob's turn Mon 14 Dec 09:00 → Mon 21 Dec 09:00 (5 shifts)",
      '',
    ].join('\n'));
    // Like override add, swap says what check would: in acme the secondary is next week's
    // primary, so bob now holds both that week.
    expect(r.stderr).toBe('warning: bob is also on call in payments-secondary from Mon 7 Dec 17:00\n');

    const after = shifts(s, 'payments-primary', '2026-11-30T08:00:00Z', '2027-01-04T08:00:00Z');
    const expected = handed(handed(before, '2026-12-07T08:00:00Z', '2026-12-14T08:00:00Z', 'alice', 'bob', 'layer:weekly'), '2026-12-14T08:00:00Z', '2026-12-21T08:00:00Z', 'bob', 'alice', 'layer:weekly');
    expect(brief(after)).toEqual(brief(merged(expected)));
    // Ten final shifts changed hands: five nights (the last one the weekend) each way.
    expect(brief(after).filter((x) => x.endsWith('override') && !x.includes('dave'))).toHaveLength(10);

    // Every night of 7–14 Dec is bob's, every night of 14–21 Dec alice's; business hours and
    // the weeks around are as they were.
    for (const day of ['08', '09', '10', '11', '12', '13', '14']) {
      expect(who(s, `2026-12-${day}T02:00:00Z`), day).toMatchObject({ person: 'bob', source: 'override' });
      expect(who(s, `2026-12-${String(Number(day) + 7)}T02:00:00Z`), day).toMatchObject({ person: 'alice', source: 'override' });
    }
    expect(who(s, '2026-12-09T11:00:00Z')).toMatchObject({ person: 'dave', source: 'layer:business-hours' });
    expect(who(s, '2026-12-07T07:00:00Z')).toMatchObject({ person: 'carol', source: 'layer:weekly' });
    expect(who(s, '2026-12-22T02:00:00Z')).toMatchObject({ person: 'carol', source: 'layer:weekly' });
    expect(who(s, '2026-12-29T02:00:00Z')).toMatchObject({ person: 'alice', source: 'layer:weekly' });

    // One override with `replaces` per turn; the reason names both people.
    const reason = 'swap: alice ↔ bob';
    expect(overrides(s, ['--schedule', 'payments-primary']).filter((o) => o.reason === reason).map(({ id: _id, ...o }) => o)).toEqual([
      { schedule: 'payments-primary', person: 'bob', start: '2026-12-07T08:00:00Z', end: '2026-12-14T08:00:00Z', replaces: 'alice', reason },
      { schedule: 'payments-primary', person: 'alice', start: '2026-12-14T08:00:00Z', end: '2026-12-21T08:00:00Z', replaces: 'bob', reason },
    ]);
  });

  test('--json gives both turns, who takes each and the final shifts that change hands', () => {
    const s = acme();
    const out = json(ok(s.run([...ISSUE, '--json'])));
    const nights = (week: number) => [0, 1, 2, 3].map((d) => ({
      start: `2026-12-${String(7 + week + d).padStart(2, '0')}T16:00:00Z`,
      end: `2026-12-${String(8 + week + d).padStart(2, '0')}T08:00:00Z`,
    })).concat([{ start: `2026-12-${11 + week}T16:00:00Z`, end: `2026-12-${14 + week}T08:00:00Z` }]);
    expect(out).toEqual({
      schedule: 'payments-primary',
      layer: 'weekly',
      turns: [
        { person: 'alice', takenBy: 'bob', start: '2026-12-07T08:00:00Z', end: '2026-12-14T08:00:00Z', shifts: nights(0) },
        { person: 'bob', takenBy: 'alice', start: '2026-12-14T08:00:00Z', end: '2026-12-21T08:00:00Z', shifts: nights(7) },
      ],
      changes: [
        expect.objectContaining({ action: 'add', entity: 'override', schedule: 'payments-primary', override: expect.objectContaining({ person: 'bob', replaces: 'alice' }) }),
        expect.objectContaining({ action: 'add', entity: 'override', schedule: 'payments-primary', override: expect.objectContaining({ person: 'alice', replaces: 'bob' }) }),
      ],
    });
  });

  test('refused, exit 2, nothing changed: the same person twice, on call only by an override, no later turn', () => {
    const s = acme();
    refused(s, [...ISSUE.slice(0, 5), '--with', 'alice', ...ISSUE.slice(7)], 'alice cannot swap with themselves; name two different people');
    // Dave covers carol over Christmas by an override: that is no turn of a rotation.
    refused(s, ['swap', '--schedule', 'payments-primary', '--shift-of', 'dave', '--with', 'erin', '--at', '2026-12-25T03:00', '--tz', 'Europe/Berlin'],
      "dave is on call in payments-primary at that time through an override, not a layer's rotation, so there is no turn to swap; pick a time in one of their turns, or change the override (oncall override list --schedule payments-primary)");
    refused(s, [...ISSUE.slice(0, 5), '--with', 'heidi', ...ISSUE.slice(7)],
      "heidi has no turn in layer weekly of payments-primary in the 400 days after that turn of alice's; swap with someone in that layer's rotation");
    refused(s, [...ISSUE.slice(0, 4), 'carol', ...ISSUE.slice(5)], 'carol is not on call in payments-primary at that time (alice is); pick a time inside one of their shifts');
    refused(s, ['swap', '--schedule', 'payments-primary', '--shift-of', 'alice', '--with', 'bob', '--at', '2026-11-18T03:00', '--tz', 'Europe/Berlin'],
      'that turn of alice is over, and the past is never rewritten; pick a time from now on');
  });
});

// A night layer restricted to Mon–Fri 18:00–08:00 UTC (weekly [ann, ben, cyd], Monday 09:00
// handoffs from 2 Nov: ann 23–30 Nov, ben 30 Nov–7 Dec, cyd 7–14 Dec, ann 14–21 Dec, ben
// 21–28 Dec), under an office layer that puts ann on call on Wednesdays 09:00–17:00.
const NIGHTS = `version: 1
people:
  - id: ann
  - id: ben
  - id: cyd
teams:
  - id: ops
    name: Ops
    members: [ann, ben, cyd]
schedules:
  - id: ops
    team: ops
    timezone: UTC
    layers:
      - id: nights
        start: 2026-11-02T09:00
        shift: 1w
        members: [ann, ben, cyd]
        restrictions:
          - days: [mon, tue, wed, thu, fri]
            from: "18:00"
            to: "08:00"
      - id: office
        start: 2026-11-02T09:00
        shift: 1w
        members: [ann]
        restrictions:
          - days: [wed]
            from: "09:00"
            to: "17:00"
`;

function nights(env: Record<string, string> = {}) {
  const s = fresh();
  ok(s.run(['apply', '-f', writeYaml(NIGHTS)], env));
  return s;
}

describe('a turn that restrictions cut into pieces', () => {
  test('every piece goes; gaps stay gaps, and the hours the person holds from another layer stay theirs', () => {
    const s = nights();
    const before = shifts(s, 'ops', '2026-12-14T09:00:00Z', '2026-12-28T09:00:00Z');
    const r = ok(s.run(['swap', '--schedule', 'ops', '--shift-of', 'ann', '--with', 'ben', '--at', '2026-12-15T20:00:00Z']));
    expect(r.stdout).toBe([
      'Swapped on ops, layer nights:',
      "  ben takes ann's turn Mon 14 Dec 04:00 → Mon 21 Dec 04:00 (5 shifts)",
      "  ann takes ben's turn Mon 21 Dec 04:00 → Mon 28 Dec 04:00 (5 shifts)",
      '',
    ].join('\n'));
    const after = shifts(s, 'ops', '2026-12-14T09:00:00Z', '2026-12-28T09:00:00Z');
    const expected = handed(handed(before, '2026-12-14T09:00:00Z', '2026-12-21T09:00:00Z', 'ann', 'ben', 'layer:nights'), '2026-12-21T09:00:00Z', '2026-12-28T09:00:00Z', 'ben', 'ann', 'layer:nights');
    expect(brief(after)).toEqual(brief(expected));
    expect(brief(after)).toContain('2026-12-16T09:00:00Z 2026-12-16T17:00:00Z ann layer:office');
    expect(brief(after)).toContain('2026-12-14T09:00:00Z 2026-12-14T18:00:00Z null null');
    expect(brief(after).filter((x) => x.endsWith('override'))).toHaveLength(10);
    // In her week ann keeps only her own Wednesday office hours.
    expect(brief(after.filter((x) => x.person === 'ann' && x.start < '2026-12-21T09:00:00Z'))).toEqual(['2026-12-16T09:00:00Z 2026-12-16T17:00:00Z ann layer:office']);
    for (const t of ['2026-12-14T20:00:00Z', '2026-12-17T03:00:00Z', '2026-12-19T07:00:00Z']) expect(who(s, t, 'ops').person, t).toBe('ben');
    for (const t of ['2026-12-21T20:00:00Z', '2026-12-24T03:00:00Z', '2026-12-26T07:00:00Z']) expect(who(s, t, 'ops').person, t).toBe('ann');
    expect(who(s, '2026-12-15T12:00:00Z', 'ops').person).toBeNull();
    // Ann's own Wednesday hours split her turn in two, so it takes two overrides.
    expect(overrides(s, ['--schedule', 'ops']).map((o) => `${o.person} for ${o.replaces} ${o.start} ${o.end}`)).toEqual([
      'ben for ann 2026-12-14T09:00:00Z 2026-12-16T09:00:00Z',
      'ben for ann 2026-12-16T17:00:00Z 2026-12-21T09:00:00Z',
      'ann for ben 2026-12-21T09:00:00Z 2026-12-28T09:00:00Z',
    ]);
  });

  test('a turn in progress: its past stays, the rest of it moves from now on', () => {
    const NOW = { ONCALL_NOW: '2026-11-25T03:00:00Z' };
    const s = nights(NOW);
    const past = shifts(s, 'ops', '2026-11-23T09:00:00Z', NOW.ONCALL_NOW, NOW);
    const r = ok(s.run(['swap', '--schedule', 'ops', '--shift-of', 'ann', '--with', 'ben', '--at', 'now'], NOW));
    expect(r.stdout).toContain("  ben takes ann's turn Mon 23 Nov 04:00 → Mon 30 Nov 04:00 (4 shifts, from now on)\n");
    expect(r.stdout).toContain("  ann takes ben's turn Mon 30 Nov 04:00 → Mon 7 Dec 04:00 (5 shifts)\n");
    expect(shifts(s, 'ops', '2026-11-23T09:00:00Z', NOW.ONCALL_NOW, NOW)).toEqual(past);
    expect(brief(past)).toContain('2026-11-24T18:00:00Z 2026-11-25T03:00:00Z ann layer:nights');
    expect(brief(shifts(s, 'ops', NOW.ONCALL_NOW, '2026-11-27T08:00:00Z', NOW))).toEqual([
      '2026-11-25T03:00:00Z 2026-11-25T08:00:00Z ben override',
      '2026-11-25T08:00:00Z 2026-11-25T09:00:00Z null null',
      '2026-11-25T09:00:00Z 2026-11-25T17:00:00Z ann layer:office',
      '2026-11-25T17:00:00Z 2026-11-25T18:00:00Z null null',
      '2026-11-25T18:00:00Z 2026-11-26T08:00:00Z ben override',
      '2026-11-26T08:00:00Z 2026-11-26T18:00:00Z null null',
      '2026-11-26T18:00:00Z 2026-11-27T08:00:00Z ben override',
    ]);
    expect(who(s, '2026-12-01T02:00:00Z', 'ops', NOW)).toMatchObject({ person: 'ann', source: 'override' });
  });

  test('what is left of a turn in progress is all someone else\'s: nothing to swap, refused', () => {
    // On Sat 28 Nov 09:00 ann's turn runs until Mon 30 Nov 09:00, but its last night (Friday's)
    // is over: she is on call in none of the rest.
    const NOW = { ONCALL_NOW: '2026-11-28T09:00:00Z' };
    const s = nights(NOW);
    refused(s, ['swap', '--schedule', 'ops', '--shift-of', 'ann', '--with', 'ben', '--at', '2026-11-28T07:00:00Z'],
      'ann is not on call in the rest of that turn (others cover all of it from now on), so there is nothing to swap; pick a later turn', NOW);
  });
});

const ROSTER = `version: 1
people:
  - id: ann
  - id: ben
  - id: cyd
  - id: dot
teams:
  - id: ops
    name: Ops
    members: [ann, ben, cyd, dot]
schedules:
  - id: ops
    team: ops
    timezone: UTC
    layers:
      - id: weekly
        start: 2026-11-02T09:00
        shift: 1w
        members: [ann, ben, cyd]
`;

describe('a turn that a roster change cut in two', () => {
  test('is still one turn: the swap takes both parts', () => {
    // Weekly [ann, ben, cyd] from Mon 2 Nov 09:00 UTC: ann is on call 23–30 Nov. dot joins
    // from Thu 26 Nov 12:00, in the middle of ann's turn, which ann keeps.
    const s = fresh();
    ok(s.run(['apply', '-f', writeYaml(ROSTER)]));
    ok(s.run(['layer', 'edit', 'ops', 'weekly', '--members', 'dot,ann,ben,cyd', '--effective', '2026-11-26T12:00:00Z']));
    const r = ok(s.run(['swap', '--schedule', 'ops', '--shift-of', 'ann', '--with', 'ben', '--at', '2026-11-27T00:00:00Z', '--tz', 'UTC']));
    expect(r.stdout).toContain("  ben takes ann's turn Mon 23 Nov 09:00 → Mon 30 Nov 09:00 (1 shift, from now on)\n");
    expect(r.stdout).toContain("  ann takes ben's turn Mon 30 Nov 09:00 → Mon 7 Dec 09:00 (1 shift)\n");
    expect(brief(shifts(s, 'ops', '2026-11-23T09:00:00Z', '2026-12-14T09:00:00Z'))).toEqual([
      '2026-11-23T09:00:00Z 2026-11-23T12:00:00Z ann layer:weekly',
      '2026-11-23T12:00:00Z 2026-11-30T09:00:00Z ben override',
      '2026-11-30T09:00:00Z 2026-12-07T09:00:00Z ann override',
      '2026-12-07T09:00:00Z 2026-12-14T09:00:00Z cyd layer:weekly',
    ]);
  });
});
