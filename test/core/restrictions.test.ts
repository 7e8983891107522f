import { describe, expect, test } from 'vitest';
import { layerShifts, restrictionIntervals, type Restriction, type Weekday } from '../../src/core/index.js';
import { BERLIN, NY, layer, rows, win, iso } from './helpers.js';

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];
const EVERY_DAY: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const hm = (h: number, m = 0) => h * 60 + m;
const daily = (days: Weekday[], from: number, to: number): Restriction => ({ kind: 'daily', days, from, to });

function windows(restrictions: Restriction[], zone: string, from: string, to: string): string[][] {
  return restrictionIntervals(restrictions, zone, win(from, to)).map((w) => [iso(w.start), iso(w.end)]);
}

// 2026-01-05 is a Monday; 2026-01-09 a Friday.
describe('restrictionIntervals', () => {
  test('Mon–Fri 09:00–17:00', () => {
    expect(windows([daily(WEEKDAYS, hm(9), hm(17))], 'UTC', '2026-01-05T00:00Z', '2026-01-12T00:00Z')).toEqual([
      ['2026-01-05T09:00Z', '2026-01-05T17:00Z'],
      ['2026-01-06T09:00Z', '2026-01-06T17:00Z'],
      ['2026-01-07T09:00Z', '2026-01-07T17:00Z'],
      ['2026-01-08T09:00Z', '2026-01-08T17:00Z'],
      ['2026-01-09T09:00Z', '2026-01-09T17:00Z'],
    ]);
  });

  test('an overnight window belongs to the day it starts: Fri 20:00→Sat 08:00, but not Sun 20:00', () => {
    expect(windows([daily(WEEKDAYS, hm(20), hm(8))], 'UTC', '2026-01-09T00:00Z', '2026-01-13T00:00Z')).toEqual([
      ['2026-01-09T00:00Z', '2026-01-09T08:00Z'], // Thursday's window, cut by the range
      ['2026-01-09T20:00Z', '2026-01-10T08:00Z'],
      ['2026-01-12T20:00Z', '2026-01-13T00:00Z'],
    ]);
  });

  test('from equal to to means 24 hours from that time', () => {
    expect(windows([daily([6], 0, 0)], 'UTC', '2026-01-05T00:00Z', '2026-01-12T00:00Z')).toEqual([
      ['2026-01-10T00:00Z', '2026-01-11T00:00Z'],
    ]);
    expect(windows([daily([1], hm(9), hm(9))], 'UTC', '2026-01-05T00:00Z', '2026-01-12T00:00Z')).toEqual([
      ['2026-01-05T09:00Z', '2026-01-06T09:00Z'],
    ]);
  });

  test('weekly form fri 18:00 → mon 09:00', () => {
    const weekend: Restriction = { kind: 'weekly', fromDay: 5, from: hm(18), toDay: 1, to: hm(9) };
    expect(windows([weekend], 'UTC', '2026-01-05T00:00Z', '2026-01-19T00:00Z')).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T09:00Z'], // the span that opened Fri Jan 2
      ['2026-01-09T18:00Z', '2026-01-12T09:00Z'],
      ['2026-01-16T18:00Z', '2026-01-19T00:00Z'],
    ]);
  });

  test('weekly form with the same day and time covers the whole week', () => {
    const week: Restriction = { kind: 'weekly', fromDay: 3, from: hm(12), toDay: 3, to: hm(12) };
    expect(windows([week], 'UTC', '2026-01-05T00:00Z', '2026-01-20T00:00Z')).toEqual([['2026-01-05T00:00Z', '2026-01-20T00:00Z']]);
  });

  test('touching and overlapping windows are merged', () => {
    const r = [daily(EVERY_DAY, 0, hm(12)), daily(EVERY_DAY, hm(12), 0)];
    expect(windows(r, 'UTC', '2026-01-05T06:00Z', '2026-01-08T06:00Z')).toEqual([['2026-01-05T06:00Z', '2026-01-08T06:00Z']]);
    const overlap = [daily([1], hm(9), hm(13)), daily([1], hm(12), hm(17))];
    expect(windows(overlap, 'UTC', '2026-01-05T00:00Z', '2026-01-06T00:00Z')).toEqual([['2026-01-05T09:00Z', '2026-01-05T17:00Z']]);
  });

  test('Berlin business hours on both sides of the spring change', () => {
    expect(windows([daily(WEEKDAYS, hm(9), hm(17))], BERLIN, '2026-03-27T00:00Z', '2026-03-31T00:00Z')).toEqual([
      ['2026-03-27T08:00Z', '2026-03-27T16:00Z'],
      ['2026-03-30T07:00Z', '2026-03-30T15:00Z'],
    ]);
  });

  test('overnight windows across DST are 7 h (Berlin spring) and 9 h (NY fall)', () => {
    expect(windows([daily([6], hm(22), hm(6))], BERLIN, '2026-03-28T00:00Z', '2026-03-30T00:00Z')).toEqual([
      ['2026-03-28T21:00Z', '2026-03-29T04:00Z'],
    ]);
    expect(windows([daily([6], hm(22), hm(6))], NY, '2026-10-31T00:00Z', '2026-11-02T00:00Z')).toEqual([
      ['2026-11-01T02:00Z', '2026-11-01T11:00Z'],
    ]);
  });

  test('a window opening in the NY gap moves forward with it', () => {
    expect(windows([daily([7], hm(2, 30), hm(5))], NY, '2026-03-08T00:00Z', '2026-03-09T00:00Z')).toEqual([
      ['2026-03-08T07:30Z', '2026-03-08T09:00Z'],
    ]);
  });

  test('a window that lies inside the gap covers nothing that day, and is never inverted', () => {
    expect(windows([daily(EVERY_DAY, hm(2, 30), hm(3, 15))], NY, '2026-03-07T00:00Z', '2026-03-10T00:00Z')).toEqual([
      ['2026-03-07T07:30Z', '2026-03-07T08:15Z'],
      ['2026-03-09T06:30Z', '2026-03-09T07:15Z'],
    ]);
  });
});

describe('restricted layers', () => {
  test('a handoff inside a window splits it between two people', () => {
    const l = layer({
      start: '2026-01-05T12:00',
      shift: { count: 1, unit: 'd' },
      members: ['a', 'b'],
      restrictions: [daily(EVERY_DAY, hm(9), hm(17))],
    });
    expect(rows(layerShifts(l, win('2026-01-05T00:00Z', '2026-01-07T00:00Z')))).toEqual([
      ['2026-01-05T12:00Z', '2026-01-05T17:00Z', 'a'],
      ['2026-01-06T09:00Z', '2026-01-06T12:00Z', 'a'],
      ['2026-01-06T12:00Z', '2026-01-06T17:00Z', 'b'],
    ]);
  });

  test('the rotation keeps turning during restricted time', () => {
    // Daily handoffs at 00:00, covered only on weekdays 09–17: Saturday (a) and Sunday (b)
    // vanish, and Monday is c's.
    const l = layer({
      start: '2026-01-03T00:00',
      shift: { count: 1, unit: 'd' },
      restrictions: [daily(WEEKDAYS, hm(9), hm(17))],
    });
    expect(rows(layerShifts(l, win('2026-01-03T00:00Z', '2026-01-06T00:00Z')))).toEqual([
      ['2026-01-05T09:00Z', '2026-01-05T17:00Z', 'c'],
    ]);
  });

  test('weekly rotation with Mon–Fri overnight on-call in New York across spring forward', () => {
    const l = layer({
      timezone: NY,
      start: '2026-03-02T09:00',
      shift: { count: 1, unit: 'w' },
      members: ['a', 'b'],
      restrictions: [daily(WEEKDAYS, hm(20), hm(8))],
    });
    // Thu Mar 5 20:00 EST → Fri 08:00 EST, Fri 20:00 EST → Sat 08:00 EST; nothing on the
    // weekend; then Mon Mar 9 (b's week from 09:00 EDT) 20:00 EDT → Tue 08:00 EDT.
    expect(rows(layerShifts(l, win('2026-03-06T00:00Z', '2026-03-10T13:00Z')))).toEqual([
      ['2026-03-06T01:00Z', '2026-03-06T13:00Z', 'a'],
      ['2026-03-07T01:00Z', '2026-03-07T13:00Z', 'a'],
      ['2026-03-10T00:00Z', '2026-03-10T12:00Z', 'b'],
    ]);
  });

  test('weekend layer with the weekly form', () => {
    const l = layer({
      timezone: BERLIN,
      start: '2026-01-02T18:00',
      shift: { count: 1, unit: 'w' },
      members: ['a', 'b'],
      restrictions: [{ kind: 'weekly', fromDay: 5, from: hm(18), toDay: 1, to: hm(9) }],
    });
    expect(rows(layerShifts(l, win('2026-01-01T00:00Z', '2026-01-13T00:00Z')))).toEqual([
      ['2026-01-02T17:00Z', '2026-01-05T08:00Z', 'a'],
      ['2026-01-09T17:00Z', '2026-01-12T08:00Z', 'b'],
    ]);
  });
});
