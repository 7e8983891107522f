import { describe, expect, test } from 'vitest';
import { layerTurns, planSwap, swapWindow, type Layer, type Override, type Weekday } from '../../src/core/index.js';
import { UserError } from '../../src/errors.js';
import { at, iso, layer, schedule, win } from './helpers.js';

// All in UTC; 2026-01-05 is a Monday. A weekly layer [a, b, c] hands off on Mondays 09:00.
const weekly = (extra: Partial<Layer> = {}) => layer({ id: 'weekly', start: '2026-01-05T09:00', shift: { count: 1, unit: 'w' }, ...extra });
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];
const nights = [{ kind: 'daily' as const, days: WEEKDAYS, from: 18 * 60, to: 8 * 60 }];
const turns = (layers: Layer[], from: string, to: string) =>
  layerTurns(layers, 'weekly', win(from, to)).map((t) => `${iso(t.start)} ${iso(t.end)} ${t.person}`);

describe('layerTurns', () => {
  test('one turn per handoff, whatever the restrictions leave of it', () => {
    expect(turns([weekly({ restrictions: nights })], '2026-01-05T09:00Z', '2026-01-26T09:00Z')).toEqual([
      '2026-01-05T09:00Z 2026-01-12T09:00Z a',
      '2026-01-12T09:00Z 2026-01-19T09:00Z b',
      '2026-01-19T09:00Z 2026-01-26T09:00Z c',
    ]);
  });

  test('a single member has one turn per week, not one long one', () => {
    expect(turns([weekly({ members: ['a'] })], '2026-01-05T09:00Z', '2026-01-19T09:00Z')).toEqual([
      '2026-01-05T09:00Z 2026-01-12T09:00Z a',
      '2026-01-12T09:00Z 2026-01-19T09:00Z a',
    ]);
  });

  test('a turn cut by a new definition mid-week goes on in it when the same person holds it', () => {
    const cut = at('2026-01-07T12:00Z');
    const old = weekly({ validTo: cut });
    const keeps = weekly({ members: ['a', 'd'], start: '2026-01-07T12:00', validFrom: cut });
    expect(turns([old, keeps], '2026-01-05T09:00Z', '2026-01-21T12:00Z')).toEqual([
      '2026-01-05T09:00Z 2026-01-14T12:00Z a',
      '2026-01-14T12:00Z 2026-01-21T12:00Z d',
    ]);
    // Someone else from the cut on: two turns.
    const hands = weekly({ members: ['d', 'a'], start: '2026-01-07T12:00', validFrom: cut });
    expect(turns([old, hands], '2026-01-05T09:00Z', '2026-01-14T12:00Z')).toEqual([
      '2026-01-05T09:00Z 2026-01-07T12:00Z a',
      '2026-01-07T12:00Z 2026-01-14T12:00Z d',
    ]);
  });

  test('a new definition from a handoff starts a new turn, even for the same person', () => {
    const handoff = at('2026-01-12T09:00Z');
    const old = weekly({ members: ['a'], validTo: handoff });
    const next = weekly({ members: ['a', 'b'], start: '2026-01-12T09:00', validFrom: handoff });
    expect(turns([old, next], '2026-01-05T09:00Z', '2026-01-19T09:00Z')).toEqual([
      '2026-01-05T09:00Z 2026-01-12T09:00Z a',
      '2026-01-12T09:00Z 2026-01-19T09:00Z a',
    ]);
  });
});

describe('planSwap', () => {
  const NOW = at('2026-01-01T00:00Z');
  const plan = (layers: Layer[], overrides: Override[], shiftOf: string, withWhom: string, when: string, now = NOW) => {
    const input = schedule(layers, overrides);
    expect(swapWindow(at(when)).start).toBeLessThan(at(when));
    return planSwap(input, { shiftOf, with: withWhom, at: at(when) }, now);
  };
  const brief = (p: ReturnType<typeof plan>) =>
    p.turns.map((t) => ({
      turn: `${t.person}→${t.takenBy} ${iso(t.start)} ${iso(t.end)}`,
      shifts: t.shifts.map((s) => `${iso(s.start)} ${iso(s.end)}`),
      overrides: t.overrides.map((o) => `${o.person} for ${o.replaces} ${iso(o.from)} ${iso(o.to)}`),
    }));

  test('a restricted turn: every night of it changes hands, by one override per turn', () => {
    const p = plan([weekly({ restrictions: nights })], [], 'a', 'b', '2026-01-06T02:00Z');
    const out = brief(p);
    expect(out[0].turn).toBe('a→b 2026-01-05T09:00Z 2026-01-12T09:00Z');
    expect(out[0].shifts).toEqual([
      '2026-01-05T18:00Z 2026-01-06T08:00Z', '2026-01-06T18:00Z 2026-01-07T08:00Z', '2026-01-07T18:00Z 2026-01-08T08:00Z',
      '2026-01-08T18:00Z 2026-01-09T08:00Z', '2026-01-09T18:00Z 2026-01-10T08:00Z',
    ]);
    expect(out[0].overrides).toEqual(['b for a 2026-01-05T09:00Z 2026-01-12T09:00Z']);
    expect(out[1].turn).toBe('b→a 2026-01-12T09:00Z 2026-01-19T09:00Z');
    expect(out[1].shifts).toHaveLength(5);
    expect(out[1].overrides).toEqual(['a for b 2026-01-12T09:00Z 2026-01-19T09:00Z']);
    expect(p.turns.flatMap((t) => t.overrides.map((o) => o.reason))).toEqual(['swap: a ↔ b', 'swap: a ↔ b']);
  });

  test('hours the person holds from another layer stay theirs: the overrides stop around them', () => {
    const office = layer({ id: 'office', position: 1, start: '2026-01-05T09:00', shift: { count: 1, unit: 'w' }, members: ['a'],
      restrictions: [{ kind: 'daily', days: [3], from: 9 * 60, to: 17 * 60 }] });
    const out = brief(plan([weekly(), office], [], 'a', 'b', '2026-01-06T02:00Z'));
    expect(out[0].overrides).toEqual([
      'b for a 2026-01-05T09:00Z 2026-01-07T09:00Z',
      'b for a 2026-01-07T17:00Z 2026-01-12T09:00Z',
    ]);
    expect(out[0].shifts).toEqual(['2026-01-05T09:00Z 2026-01-07T09:00Z', '2026-01-07T17:00Z 2026-01-12T09:00Z']);
  });

  test('a turn in progress: only what is left of it from now on', () => {
    const now = at('2026-01-07T03:00Z');
    const out = brief(plan([weekly({ restrictions: nights })], [], 'a', 'b', '2026-01-08T02:00Z', now));
    expect(out[0].shifts).toEqual([
      '2026-01-07T03:00Z 2026-01-07T08:00Z', '2026-01-07T18:00Z 2026-01-08T08:00Z',
      '2026-01-08T18:00Z 2026-01-09T08:00Z', '2026-01-09T18:00Z 2026-01-10T08:00Z',
    ]);
    expect(out[0].overrides).toEqual(['b for a 2026-01-07T03:00Z 2026-01-12T09:00Z']);
  });

  test("the other person's next turn that they hold none of is passed over", () => {
    // b's turn of 12–19 Jan is all c's by an override: a takes b's turn of 2–9 Feb instead.
    const out = brief(plan([weekly()], [{ seq: 1, person: 'c', start: at('2026-01-12T09:00Z'), end: at('2026-01-19T09:00Z') }], 'a', 'b', '2026-01-06T02:00Z'));
    expect(out[1].turn).toBe('b→a 2026-02-02T09:00Z 2026-02-09T09:00Z');
  });

  test('turns of any length are found whole: hourly handoffs, and three months', () => {
    const hourly = weekly({ shift: { count: 1, unit: 'h' }, members: ['a', 'b'] });
    expect(brief(plan([hourly], [], 'a', 'b', '2026-03-04T05:30Z')).map((t) => t.turn)).toEqual([
      'a→b 2026-03-04T05:00Z 2026-03-04T06:00Z',
      'b→a 2026-03-04T06:00Z 2026-03-04T07:00Z',
    ]);
    const quarterly = weekly({ shift: { count: 3, unit: 'mo' }, members: ['a', 'b', 'c'] });
    expect(brief(plan([quarterly], [], 'b', 'a', '2026-05-20T00:00Z')).map((t) => t.turn)).toEqual([
      'b→a 2026-04-05T09:00Z 2026-07-05T09:00Z',
      'a→b 2026-10-05T09:00Z 2027-01-05T09:00Z',
    ]);
  });

  test.each([
    ['the same person twice', 'a', 'a', '2026-01-06T02:00Z', [], 'a cannot swap with themselves; name two different people'],
    ['not on call then', 'b', 'a', '2026-01-06T02:00Z', [], 'b is not on call in s at that time (a is); pick a time inside one of their shifts'],
    ['on call by an override', 'c', 'a', '2026-01-06T02:00Z', [{ seq: 1, person: 'c', start: at('2026-01-06T00:00Z'), end: at('2026-01-06T04:00Z') }],
      "c is on call in s at that time through an override, not a layer's rotation, so there is no turn to swap"],
    ['turn over', 'a', 'b', '2026-01-06T02:00Z', [], 'that turn of a is over, and the past is never rewritten; pick a time from now on', at('2026-01-12T09:00Z')],
    ['nobody else later', 'a', 'z', '2026-01-06T02:00Z', [], "z has no turn in layer weekly of s in the 400 days after that turn of a's"],
  ])('refused: %s', (_name, shiftOf, withWhom, when, overrides, message, now = NOW) => {
    const attempt = () => plan([weekly()], overrides as Override[], shiftOf, withWhom, when, now);
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(message);
  });
});
