import { describe, expect, test } from 'vitest';
import { layerShifts, makeRotation, type Layer, type Window } from '../../src/core/index.js';
import { BERLIN, HOUR, LORD_HOWE, NY, at, iso, layer, rows, win } from './helpers.js';

type Case = [name: string, layer: Layer, window: Window, expected: string[][]];

const shift = (count: number, unit: 'h' | 'd' | 'w' | 'mo') => ({ count, unit });

// Expected values worked out by hand: handoff k at wall clock start + k×N units, read in the
// layer's zone with the offsets in force on that date; person members[k mod n].
const cases: Case[] = [
  [
    'weekly in UTC, nothing before the start',
    layer({ start: '2026-01-05T09:00', shift: shift(1, 'w') }),
    win('2026-01-01T00:00Z', '2026-02-02T09:00Z'),
    [
      ['2026-01-05T09:00Z', '2026-01-12T09:00Z', 'a'],
      ['2026-01-12T09:00Z', '2026-01-19T09:00Z', 'b'],
      ['2026-01-19T09:00Z', '2026-01-26T09:00Z', 'c'],
      ['2026-01-26T09:00Z', '2026-02-02T09:00Z', 'a'],
    ],
  ],
  [
    // Mar 23 is 11 weeks after Jan 5 (k = 11 → c); the Mar 30 handoff is at 09:00 CEST.
    'weekly in Berlin across the spring change, window cuts the first shift',
    layer({ timezone: BERLIN, start: '2026-01-05T09:00', shift: shift(1, 'w') }),
    win('2026-03-25T00:00Z', '2026-04-02T00:00Z'),
    [
      ['2026-03-25T00:00Z', '2026-03-30T07:00Z', 'c'],
      ['2026-03-30T07:00Z', '2026-04-02T00:00Z', 'a'],
    ],
  ],
  [
    'daily in UTC with two members',
    layer({ start: '2026-01-01T09:00', shift: shift(1, 'd'), members: ['a', 'b'] }),
    win('2026-01-01T00:00Z', '2026-01-03T12:00Z'),
    [
      ['2026-01-01T09:00Z', '2026-01-02T09:00Z', 'a'],
      ['2026-01-02T09:00Z', '2026-01-03T09:00Z', 'b'],
      ['2026-01-03T09:00Z', '2026-01-03T12:00Z', 'a'],
    ],
  ],
  [
    // Jun 10 is day 160 of the rotation: 160 mod 3 = 1 → b.
    'daily, queried far from the start',
    layer({ start: '2026-01-01T00:00', shift: shift(1, 'd') }),
    win('2026-06-10T06:00Z', '2026-06-11T06:00Z'),
    [
      ['2026-06-10T06:00Z', '2026-06-11T00:00Z', 'b'],
      ['2026-06-11T00:00Z', '2026-06-11T06:00Z', 'c'],
    ],
  ],
  [
    '8-hour shifts',
    layer({ start: '2026-01-01T00:00', shift: shift(8, 'h') }),
    win('2026-01-01T00:00Z', '2026-01-02T04:00Z'),
    [
      ['2026-01-01T00:00Z', '2026-01-01T08:00Z', 'a'],
      ['2026-01-01T08:00Z', '2026-01-01T16:00Z', 'b'],
      ['2026-01-01T16:00Z', '2026-01-02T00:00Z', 'c'],
      ['2026-01-02T00:00Z', '2026-01-02T04:00Z', 'a'],
    ],
  ],
  [
    'monthly keeps the day of month, clamped: Jan 31 → Feb 28 → Mar 31 → Apr 30',
    layer({ start: '2026-01-31T09:00', shift: shift(1, 'mo'), members: ['a', 'b', 'c', 'd'] }),
    win('2026-01-01T00:00Z', '2026-05-01T00:00Z'),
    [
      ['2026-01-31T09:00Z', '2026-02-28T09:00Z', 'a'],
      ['2026-02-28T09:00Z', '2026-03-31T09:00Z', 'b'],
      ['2026-03-31T09:00Z', '2026-04-30T09:00Z', 'c'],
      ['2026-04-30T09:00Z', '2026-05-01T00:00Z', 'd'],
    ],
  ],
  [
    'two-monthly in Berlin keeps 09:00 local in winter and summer',
    layer({ timezone: BERLIN, start: '2026-01-15T09:00', shift: shift(2, 'mo'), members: ['a', 'b'] }),
    win('2026-01-15T00:00Z', '2026-07-16T00:00Z'),
    [
      ['2026-01-15T08:00Z', '2026-03-15T08:00Z', 'a'],
      ['2026-03-15T08:00Z', '2026-05-15T07:00Z', 'b'],
      ['2026-05-15T07:00Z', '2026-07-15T07:00Z', 'a'],
      ['2026-07-15T07:00Z', '2026-07-16T00:00Z', 'b'],
    ],
  ],
  [
    // Mar 7 09:00 EST = 14:00Z, Mar 8 09:00 EDT = 13:00Z: the shift between is 23 h.
    'NY daily 09:00 across spring forward (23 h shift)',
    layer({ timezone: NY, start: '2026-03-01T09:00', shift: shift(1, 'd'), members: ['a', 'b'] }),
    win('2026-03-07T12:00Z', '2026-03-09T14:00Z'),
    [
      ['2026-03-07T12:00Z', '2026-03-07T14:00Z', 'b'],
      ['2026-03-07T14:00Z', '2026-03-08T13:00Z', 'a'],
      ['2026-03-08T13:00Z', '2026-03-09T13:00Z', 'b'],
      ['2026-03-09T13:00Z', '2026-03-09T14:00Z', 'a'],
    ],
  ],
  [
    'NY daily 09:00 across fall back (25 h shift)',
    layer({ timezone: NY, start: '2026-10-31T09:00', shift: shift(1, 'd'), members: ['a', 'b'] }),
    win('2026-10-31T00:00Z', '2026-11-02T14:00Z'),
    [
      ['2026-10-31T13:00Z', '2026-11-01T14:00Z', 'a'],
      ['2026-11-01T14:00Z', '2026-11-02T14:00Z', 'b'],
    ],
  ],
  [
    'Berlin daily 09:00 across spring forward (23 h shift)',
    layer({ timezone: BERLIN, start: '2026-03-28T09:00', shift: shift(1, 'd'), members: ['a', 'b'] }),
    win('2026-03-28T00:00Z', '2026-03-30T07:00Z'),
    [
      ['2026-03-28T08:00Z', '2026-03-29T07:00Z', 'a'],
      ['2026-03-29T07:00Z', '2026-03-30T07:00Z', 'b'],
    ],
  ],
  [
    'Berlin daily 09:00 across fall back (25 h shift)',
    layer({ timezone: BERLIN, start: '2026-10-24T09:00', shift: shift(1, 'd'), members: ['a', 'b'] }),
    win('2026-10-24T00:00Z', '2026-10-26T08:00Z'),
    [
      ['2026-10-24T07:00Z', '2026-10-25T08:00Z', 'a'],
      ['2026-10-25T08:00Z', '2026-10-26T08:00Z', 'b'],
    ],
  ],
  [
    // 09:00 +10:30 = 22:30Z the day before; 09:00 +11 = 22:00Z.
    'Lord Howe daily 09:00 across its 30-minute spring change (23.5 h shift)',
    layer({ timezone: LORD_HOWE, start: '2026-10-03T09:00', shift: shift(1, 'd'), members: ['a', 'b'] }),
    win('2026-10-02T00:00Z', '2026-10-04T22:00Z'),
    [
      ['2026-10-02T22:30Z', '2026-10-03T22:00Z', 'a'],
      ['2026-10-03T22:00Z', '2026-10-04T22:00Z', 'b'],
    ],
  ],
  [
    'Lord Howe daily 09:00 across its 30-minute fall back (24.5 h shift)',
    layer({ timezone: LORD_HOWE, start: '2026-04-04T09:00', shift: shift(1, 'd'), members: ['a', 'b'] }),
    win('2026-04-03T00:00Z', '2026-04-05T22:30Z'),
    [
      ['2026-04-03T22:00Z', '2026-04-04T22:30Z', 'a'],
      ['2026-04-04T22:30Z', '2026-04-05T22:30Z', 'b'],
    ],
  ],
  [
    // 02:00 falls in the gap and moves to 03:00 EDT = 07:00Z, the same instant as the 03:00
    // handoff: c's shift has zero length and disappears, but a (k = 3) follows, not c.
    'NY hourly: the shift swallowed by the gap disappears but uses its member slot',
    layer({ timezone: NY, start: '2026-03-08T00:00', shift: shift(1, 'h') }),
    win('2026-03-08T05:00Z', '2026-03-08T09:00Z'),
    [
      ['2026-03-08T05:00Z', '2026-03-08T06:00Z', 'a'],
      ['2026-03-08T06:00Z', '2026-03-08T07:00Z', 'b'],
      ['2026-03-08T07:00Z', '2026-03-08T08:00Z', 'a'],
      ['2026-03-08T08:00Z', '2026-03-08T09:00Z', 'b'],
    ],
  ],
  [
    // 01:00 is ambiguous (first occurrence 05:00Z); 02:00 EST = 07:00Z: b's shift lasts 2 h.
    'NY hourly across fall back: the repeated hour belongs to one shift',
    layer({ timezone: NY, start: '2026-11-01T00:00', shift: shift(1, 'h') }),
    win('2026-11-01T04:00Z', '2026-11-01T09:00Z'),
    [
      ['2026-11-01T04:00Z', '2026-11-01T05:00Z', 'a'],
      ['2026-11-01T05:00Z', '2026-11-01T07:00Z', 'b'],
      ['2026-11-01T07:00Z', '2026-11-01T08:00Z', 'c'],
      ['2026-11-01T08:00Z', '2026-11-01T09:00Z', 'a'],
    ],
  ],
  [
    // 02:00 is in the 02:00–02:30 gap and moves to 02:30 +11: c keeps a 30-minute shift.
    'Lord Howe hourly: the handoff in the 30-minute gap shortens a shift',
    layer({ timezone: LORD_HOWE, start: '2026-10-04T00:00', shift: shift(1, 'h') }),
    win('2026-10-03T13:30Z', '2026-10-03T17:00Z'),
    [
      ['2026-10-03T13:30Z', '2026-10-03T14:30Z', 'a'],
      ['2026-10-03T14:30Z', '2026-10-03T15:30Z', 'b'],
      ['2026-10-03T15:30Z', '2026-10-03T16:00Z', 'c'],
      ['2026-10-03T16:00Z', '2026-10-03T17:00Z', 'a'],
    ],
  ],
];

describe('layer shifts from shift: N<unit>', () => {
  test.each(cases)('%s', (_name, l, window, expected) => {
    expect(rows(layerShifts(l, window))).toEqual(expected);
  });

  test('the shifts spanning a DST change are 23 h and 25 h long', () => {
    const spring = layerShifts(layer({ timezone: NY, start: '2026-03-07T09:00', shift: shift(1, 'd') }), win('2026-03-07T00:00Z', '2026-03-09T00:00Z'));
    expect((spring[0].end - spring[0].start) / HOUR).toBe(23);
    const fall = layerShifts(layer({ timezone: BERLIN, start: '2026-10-24T09:00', shift: shift(1, 'd') }), win('2026-10-24T00:00Z', '2026-10-26T00:00Z'));
    expect((fall[0].end - fall[0].start) / HOUR).toBe(25);
  });
});

describe('makeRotation', () => {
  test('handoff(k) and indexAt agree, including at the exact handoff instant', () => {
    const r = makeRotation(NY, '2026-03-01T09:00', { shift: shift(1, 'd') });
    expect(iso(r.handoff(0))).toBe('2026-03-01T14:00Z');
    expect(iso(r.handoff(7))).toBe('2026-03-08T13:00Z');
    expect(r.indexAt(at('2026-03-08T13:00Z'))).toBe(7);
    expect(r.indexAt(at('2026-03-08T12:59:59Z'))).toBe(6);
    expect(r.indexAt(at('2026-03-01T13:59Z'))).toBeLessThan(0);
  });

  test('hourly in the NY gap: indexAt skips the zero-length shift', () => {
    const r = makeRotation(NY, '2026-03-08T00:00', { shift: shift(1, 'h') });
    expect(r.handoff(2)).toBe(r.handoff(3));
    expect(r.indexAt(at('2026-03-08T07:00Z'))).toBe(3);
    expect(r.indexAt(at('2026-03-08T06:59Z'))).toBe(1);
  });

  test('rejects an invalid start', () => {
    expect(() => makeRotation('UTC', '2026-02-30T00:00', { shift: shift(1, 'd') })).toThrow();
  });
});
