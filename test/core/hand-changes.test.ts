import { describe, expect, test } from 'vitest';
import { groupHandChanges, handChanges, type HandChange, type Shift } from '../../src/core/index.js';
import { seg, t } from './rota-builders.js';

const change = (before: string | null, after: string | null, from: string, to: string): HandChange => ({ start: t(from), end: t(to), before, after });
const from = (shift: Shift, source: Shift['source']): Shift => ({ ...shift, source });

describe('handChanges: where the holder differs between two final schedules of one window', () => {
  const cases: { name: string; before: Shift[]; after: Shift[]; expected: HandChange[] }[] = [
    {
      name: 'the same schedule changes nothing',
      before: [seg('a', '00:00', '06:00'), seg('b', '06:00', '12:00')],
      after: [seg('a', '00:00', '06:00'), seg('b', '06:00', '12:00')],
      expected: [],
    },
    {
      name: 'a moved handoff hands over only the time between the old and the new one',
      before: [seg('a', '00:00', '06:00'), seg('b', '06:00', '12:00')],
      after: [seg('a', '00:00', '08:00'), seg('b', '08:00', '12:00')],
      expected: [change('b', 'a', '06:00', '08:00')],
    },
    {
      name: 'the same person from another source is not a hand change',
      before: [seg('a', '00:00', '12:00')],
      after: [seg('a', '00:00', '04:00'), from(seg('a', '04:00', '08:00'), 'override'), seg('a', '08:00', '12:00')],
      expected: [],
    },
    {
      name: 'touching pieces with the same pair join, whatever the cuts on either side',
      before: [seg('a', '00:00', '03:00'), from(seg('a', '03:00', '05:00'), 'layer:other'), seg('a', '05:00', '12:00')],
      after: [seg('b', '00:00', '04:00'), from(seg('b', '04:00', '09:00'), 'override'), seg('a', '09:00', '12:00')],
      expected: [change('a', 'b', '00:00', '09:00')],
    },
    {
      name: 'pieces with different pairs stay apart, in order',
      before: [seg('a', '00:00', '04:00'), seg('b', '04:00', '08:00'), seg('c', '08:00', '12:00')],
      after: [seg('c', '00:00', '04:00'), seg('c', '04:00', '08:00'), seg('a', '08:00', '12:00')],
      expected: [change('a', 'c', '00:00', '04:00'), change('b', 'c', '04:00', '08:00'), change('c', 'a', '08:00', '12:00')],
    },
    {
      name: 'the same pair apart in time stays two hand changes (the time between is unchanged)',
      before: [seg('a', '00:00', '02:00'), seg('d', '02:00', '04:00'), seg('a', '04:00', '06:00')],
      after: [seg('b', '00:00', '02:00'), seg('d', '02:00', '04:00'), seg('b', '04:00', '06:00')],
      expected: [change('a', 'b', '00:00', '02:00'), change('a', 'b', '04:00', '06:00')],
    },
    {
      name: 'a gap that opens or closes is a hand change to or from nobody',
      before: [seg('a', '00:00', '06:00'), seg(null, '06:00', '12:00')],
      after: [seg(null, '00:00', '02:00'), seg('a', '02:00', '12:00')],
      expected: [change('a', null, '00:00', '02:00'), change(null, 'a', '06:00', '12:00')],
    },
  ];
  test.each(cases)('$name', ({ before, after, expected }) => {
    expect(handChanges(before, after)).toEqual(expected);
  });

  test('swapping the lists swaps before and after', () => {
    const before = [seg('a', '00:00', '05:00'), seg('b', '05:00', '12:00')];
    const after = [seg('b', '00:00', '07:00'), seg(null, '07:00', '12:00')];
    const forward = handChanges(before, after);
    expect(forward).toEqual([change('a', 'b', '00:00', '05:00'), change('b', null, '07:00', '12:00')]);
    expect(handChanges(after, before)).toEqual(forward.map((c) => ({ ...c, before: c.after, after: c.before })));
  });

  test('does not change the lists it is given', () => {
    const before = [seg('a', '00:00', '06:00')];
    const after = [seg('b', '00:00', '06:00')];
    const copies = JSON.stringify([before, after]);
    handChanges(before, after);
    expect(JSON.stringify([before, after])).toBe(copies);
  });
});

describe('groupHandChanges: consecutive hand changes with one pair, for reading', () => {
  test('joins across unchanged time and counts what it joins; another pair starts a new group', () => {
    const list = [change('a', 'b', '00:00', '02:00'), change('a', 'b', '04:00', '06:00'), change('b', 'a', '06:00', '08:00'), change('a', 'b', '09:00', '10:00')];
    expect(groupHandChanges(list)).toEqual([
      { ...change('a', 'b', '00:00', '06:00'), shifts: 2 },
      { ...change('b', 'a', '06:00', '08:00'), shifts: 1 },
      { ...change('a', 'b', '09:00', '10:00'), shifts: 1 },
    ]);
    expect(list[0].end).toBe(t('02:00'));
  });

  test('nothing to group gives nothing', () => {
    expect(groupHandChanges([])).toEqual([]);
  });
});
