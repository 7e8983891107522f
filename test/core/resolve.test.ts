import { describe, expect, test } from 'vitest';
import { resolveSchedule, type Layer, type Override, type Weekday } from '../../src/core/index.js';
import { at, layer, rows, schedule, win } from './helpers.js';

// All in UTC; 2026-01-05 is a Monday.
const DAY = win('2026-01-05T00:00Z', '2026-01-06T00:00Z');
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];
const officeHours = [{ kind: 'daily' as const, days: WEEKDAYS, from: 9 * 60, to: 17 * 60 }];

const always = (id: string, person: string, extra: Partial<Layer> = {}) =>
  layer({ id, start: '2026-01-01T00:00', shift: { count: 1, unit: 'w' }, members: [person], ...extra });

const ov = (seq: number, person: string, from: string, to: string, replaces?: string): Override => ({
  seq,
  person,
  start: at(from),
  end: at(to),
  ...(replaces ? { replaces } : {}),
});

describe('precedence', () => {
  test('a later layer wins by default', () => {
    const out = resolveSchedule(schedule([always('base', 'a', { position: 0 }), always('top', 'b', { position: 1 })]), DAY);
    expect(rows(out, true)).toEqual([['2026-01-05T00:00Z', '2026-01-06T00:00Z', 'b', 'layer:top']]);
  });

  test('explicit priority beats list order', () => {
    const layers = [always('base', 'a', { position: 0, priority: 1 }), always('top', 'b', { position: 1 })];
    expect(rows(resolveSchedule(schedule(layers), DAY), true)).toEqual([['2026-01-05T00:00Z', '2026-01-06T00:00Z', 'a', 'layer:base']]);
  });

  test('the order of the input array does not matter', () => {
    const layers = [always('top', 'b', { position: 1 }), always('base', 'a', { position: 0 })];
    expect(rows(resolveSchedule(schedule(layers), DAY))).toEqual([['2026-01-05T00:00Z', '2026-01-06T00:00Z', 'b']]);
  });

  test('lower layers show through where the higher one is restricted', () => {
    const layers = [always('base', 'a'), always('office', 'b', { position: 1, restrictions: officeHours })];
    expect(rows(resolveSchedule(schedule(layers), DAY), true)).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T09:00Z', 'a', 'layer:base'],
      ['2026-01-05T09:00Z', '2026-01-05T17:00Z', 'b', 'layer:office'],
      ['2026-01-05T17:00Z', '2026-01-06T00:00Z', 'a', 'layer:base'],
    ]);
  });

  test('lower layers show through before the higher one starts and after it ends', () => {
    const top = always('top', 'b', { position: 1, start: '2026-01-05T12:00', end: '2026-01-05T18:00' });
    expect(rows(resolveSchedule(schedule([always('base', 'a'), top]), DAY))).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T12:00Z', 'a'],
      ['2026-01-05T12:00Z', '2026-01-05T18:00Z', 'b'],
      ['2026-01-05T18:00Z', '2026-01-06T00:00Z', 'a'],
    ]);
  });

  test('three layers: the middle one shows through a hole in the top one', () => {
    const layers = [
      always('l1', 'a'),
      always('l2', 'b', { position: 1, restrictions: [{ kind: 'daily', days: WEEKDAYS, from: 6 * 60, to: 20 * 60 }] }),
      always('l3', 'c', { position: 2, restrictions: officeHours }),
    ];
    expect(rows(resolveSchedule(schedule(layers), DAY))).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T06:00Z', 'a'],
      ['2026-01-05T06:00Z', '2026-01-05T09:00Z', 'b'],
      ['2026-01-05T09:00Z', '2026-01-05T17:00Z', 'c'],
      ['2026-01-05T17:00Z', '2026-01-05T20:00Z', 'b'],
      ['2026-01-05T20:00Z', '2026-01-06T00:00Z', 'a'],
    ]);
  });
});

describe('gaps', () => {
  test('where no layer covers, person and source are null', () => {
    const out = resolveSchedule(schedule([always('office', 'a', { restrictions: officeHours })]), DAY);
    expect(rows(out, true)).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T09:00Z', null, null],
      ['2026-01-05T09:00Z', '2026-01-05T17:00Z', 'a', 'layer:office'],
      ['2026-01-05T17:00Z', '2026-01-06T00:00Z', null, null],
    ]);
  });

  test('a schedule without layers is one gap', () => {
    expect(rows(resolveSchedule(schedule([]), DAY), true)).toEqual([['2026-01-05T00:00Z', '2026-01-06T00:00Z', null, null]]);
  });
});

describe('overrides', () => {
  const office = always('office', 'a', { restrictions: officeHours });

  test('an override without replaces takes its whole window, also inside gaps', () => {
    const out = resolveSchedule(schedule([office], [ov(1, 'c', '2026-01-05T06:00Z', '2026-01-05T10:00Z')]), DAY);
    expect(rows(out, true)).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T06:00Z', null, null],
      ['2026-01-05T06:00Z', '2026-01-05T10:00Z', 'c', 'override'],
      ['2026-01-05T10:00Z', '2026-01-05T17:00Z', 'a', 'layer:office'],
      ['2026-01-05T17:00Z', '2026-01-06T00:00Z', null, null],
    ]);
  });

  test('an override reaching outside the window is cut to it', () => {
    const out = resolveSchedule(schedule([always('base', 'a')], [ov(1, 'c', '2026-01-04T00:00Z', '2026-01-05T03:00Z')]), DAY);
    expect(rows(out)).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T03:00Z', 'c'],
      ['2026-01-05T03:00Z', '2026-01-06T00:00Z', 'a'],
    ]);
  });

  test('replaces: X applies only where X would be on call (a shift swap)', () => {
    const daily = layer({ id: 'd', start: '2026-01-05T00:00', shift: { count: 1, unit: 'd' }, members: ['a', 'b'] });
    const out = resolveSchedule(
      schedule([daily], [ov(1, 'c', '2026-01-05T12:00Z', '2026-01-07T12:00Z', 'a')]),
      win('2026-01-05T00:00Z', '2026-01-08T00:00Z'),
    );
    expect(rows(out, true)).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T12:00Z', 'a', 'layer:d'],
      ['2026-01-05T12:00Z', '2026-01-06T00:00Z', 'c', 'override'],
      ['2026-01-06T00:00Z', '2026-01-07T00:00Z', 'b', 'layer:d'],
      ['2026-01-07T00:00Z', '2026-01-07T12:00Z', 'c', 'override'],
      ['2026-01-07T12:00Z', '2026-01-08T00:00Z', 'a', 'layer:d'],
    ]);
  });

  test('replaces: X does nothing where X is not on call, nor in gaps', () => {
    const overrides = [ov(1, 'c', '2026-01-05T00:00Z', '2026-01-06T00:00Z', 'z')];
    const out = resolveSchedule(schedule([office], overrides), DAY);
    expect(rows(out, true)).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T09:00Z', null, null],
      ['2026-01-05T09:00Z', '2026-01-05T17:00Z', 'a', 'layer:office'],
      ['2026-01-05T17:00Z', '2026-01-06T00:00Z', null, null],
    ]);
  });

  test('overlapping overrides: the higher seq wins, whatever the array order', () => {
    const overrides = [ov(2, 'd', '2026-01-05T12:00Z', '2026-01-05T16:00Z'), ov(1, 'c', '2026-01-05T10:00Z', '2026-01-05T14:00Z')];
    expect(rows(resolveSchedule(schedule([always('base', 'a')], overrides), DAY))).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T10:00Z', 'a'],
      ['2026-01-05T10:00Z', '2026-01-05T12:00Z', 'c'],
      ['2026-01-05T12:00Z', '2026-01-05T16:00Z', 'd'],
      ['2026-01-05T16:00Z', '2026-01-06T00:00Z', 'a'],
    ]);
  });

  test('a newer override inside an older one splits it', () => {
    const overrides = [ov(1, 'c', '2026-01-05T10:00Z', '2026-01-05T14:00Z'), ov(2, 'd', '2026-01-05T11:00Z', '2026-01-05T12:00Z')];
    expect(rows(resolveSchedule(schedule([always('base', 'a')], overrides), DAY))).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T10:00Z', 'a'],
      ['2026-01-05T10:00Z', '2026-01-05T11:00Z', 'c'],
      ['2026-01-05T11:00Z', '2026-01-05T12:00Z', 'd'],
      ['2026-01-05T12:00Z', '2026-01-05T14:00Z', 'c'],
      ['2026-01-05T14:00Z', '2026-01-06T00:00Z', 'a'],
    ]);
  });

  test('a newer override replacing the person of an older override swaps it again', () => {
    const overrides = [ov(1, 'c', '2026-01-05T10:00Z', '2026-01-05T14:00Z'), ov(2, 'd', '2026-01-05T08:00Z', '2026-01-05T12:00Z', 'c')];
    expect(rows(resolveSchedule(schedule([always('base', 'a')], overrides), DAY))).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T10:00Z', 'a'],
      ['2026-01-05T10:00Z', '2026-01-05T12:00Z', 'd'],
      ['2026-01-05T12:00Z', '2026-01-05T14:00Z', 'c'],
      ['2026-01-05T14:00Z', '2026-01-06T00:00Z', 'a'],
    ]);
  });
});

describe('merging neighbours', () => {
  test('consecutive shifts of the same person in the same layer merge', () => {
    const solo = layer({ id: 'solo', start: '2026-01-05T00:00', shift: { count: 4, unit: 'h' }, members: ['a'] });
    expect(rows(resolveSchedule(schedule([solo]), DAY), true)).toEqual([['2026-01-05T00:00Z', '2026-01-06T00:00Z', 'a', 'layer:solo']]);
  });

  test('the same person from different sources does not merge', () => {
    const layers = [always('l1', 'a'), always('l2', 'a', { position: 1, restrictions: officeHours })];
    expect(rows(resolveSchedule(schedule(layers, [ov(1, 'a', '2026-01-05T20:00Z', '2026-01-05T21:00Z')]), DAY), true)).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T09:00Z', 'a', 'layer:l1'],
      ['2026-01-05T09:00Z', '2026-01-05T17:00Z', 'a', 'layer:l2'],
      ['2026-01-05T17:00Z', '2026-01-05T20:00Z', 'a', 'layer:l1'],
      ['2026-01-05T20:00Z', '2026-01-05T21:00Z', 'a', 'override'],
      ['2026-01-05T21:00Z', '2026-01-06T00:00Z', 'a', 'layer:l1'],
    ]);
  });

  test('adjacent overrides for the same person merge, and so do neighbouring gaps', () => {
    const overrides = [ov(1, 'c', '2026-01-05T02:00Z', '2026-01-05T03:00Z'), ov(2, 'c', '2026-01-05T03:00Z', '2026-01-05T04:00Z')];
    expect(rows(resolveSchedule(schedule([], overrides), DAY), true)).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T02:00Z', null, null],
      ['2026-01-05T02:00Z', '2026-01-05T04:00Z', 'c', 'override'],
      ['2026-01-05T04:00Z', '2026-01-06T00:00Z', null, null],
    ]);
  });
});

describe('history', () => {
  // Daily rotation from Mon Jan 5; its member list changes at an effective instant.
  const version = (members: string[], validFrom: number, validTo: number) =>
    layer({ id: 'x', start: '2026-01-05T00:00', shift: { count: 1, unit: 'd' }, members, validFrom, validTo });
  const WEEK = win('2026-01-05T00:00Z', '2026-01-10T00:00Z');

  test('before the change the old members, from it the new; the rotation keeps its start', () => {
    const change = at('2026-01-08T00:00Z');
    const layers = [version(['a', 'b'], -8.64e15, change), version(['c', 'd'], change, 8.64e15)];
    // Jan 8 is handoff k = 3 → new members[3 mod 2] = d (not c, as a restart would give).
    expect(rows(resolveSchedule(schedule(layers), WEEK))).toEqual([
      ['2026-01-05T00:00Z', '2026-01-06T00:00Z', 'a'],
      ['2026-01-06T00:00Z', '2026-01-07T00:00Z', 'b'],
      ['2026-01-07T00:00Z', '2026-01-08T00:00Z', 'a'],
      ['2026-01-08T00:00Z', '2026-01-09T00:00Z', 'd'],
      ['2026-01-09T00:00Z', '2026-01-10T00:00Z', 'c'],
    ]);
  });

  test('a change in the middle of a shift cuts it; the same person on both sides merges', () => {
    const change = at('2026-01-07T12:00Z');
    const layers = [version(['a', 'b'], -8.64e15, change), version(['a', 'e'], change, 8.64e15)];
    expect(rows(resolveSchedule(schedule(layers), WEEK))).toEqual([
      ['2026-01-05T00:00Z', '2026-01-06T00:00Z', 'a'],
      ['2026-01-06T00:00Z', '2026-01-07T00:00Z', 'b'],
      ['2026-01-07T00:00Z', '2026-01-08T00:00Z', 'a'],
      ['2026-01-08T00:00Z', '2026-01-09T00:00Z', 'e'],
      ['2026-01-09T00:00Z', '2026-01-10T00:00Z', 'a'],
    ]);
  });

  test('a layer deleted at an instant leaves its past and lets lower layers show through after', () => {
    const change = at('2026-01-05T12:00Z');
    const layers = [always('base', 'a'), always('top', 'b', { position: 1, validTo: change })];
    expect(rows(resolveSchedule(schedule(layers), DAY))).toEqual([
      ['2026-01-05T00:00Z', '2026-01-05T12:00Z', 'b'],
      ['2026-01-05T12:00Z', '2026-01-06T00:00Z', 'a'],
    ]);
  });
});
