import { describe, expect, test } from 'vitest';
import { holdersOf, rankCover, type CoverRanking, type CoverState } from '../../src/core/index.js';
import { win } from './helpers.js';
import { seg, shifts, t } from './rota-builders.js';

const HOUR = 3_600_000;
const window = win('2026-01-05T08:00Z', '2026-01-05T16:00Z');
const here = shifts('primary', [seg('a', '08:00', '12:00'), seg('b', '12:00', '16:00')]);
const base: CoverState = { here, window, team: ['b', 'c', 'd', 'e'], shifts: [here], timeOff: [], carried: new Map() };

describe('ranking who could cover', () => {
  const cases: { name: string; state: CoverState; expected: Partial<CoverRanking> }[] = [
    {
      name: 'the least carried first; less than an hour apart is a tie that nights and weekends break, then the id',
      state: {
        ...base,
        team: ['c', 'd', 'e', 'f'],
        carried: new Map([
          ['c', { total: 10 * HOUR, nightsAndWeekends: 5 * HOUR }],
          ['d', { total: 10.5 * HOUR, nightsAndWeekends: 1 * HOUR }],
          ['e', { total: 30 * HOUR, nightsAndWeekends: 0 }],
        ]),
      },
      expected: {
        candidates: [
          { person: 'f', recent: 0, nightsAndWeekends: 0 },
          { person: 'd', recent: 10.5 * HOUR, nightsAndWeekends: 1 * HOUR },
          { person: 'c', recent: 10 * HOUR, nightsAndWeekends: 5 * HOUR },
          { person: 'e', recent: 30 * HOUR, nightsAndWeekends: 0 },
        ],
        teamAverage: (50.5 * HOUR) / 4,
      },
    },
    {
      name: 'time off and on call elsewhere rule people out; on call here does too when covering the whole window',
      state: {
        ...base,
        shifts: [here, shifts('secondary', [seg('d', '15:00', '20:00')])],
        timeOff: [{ person: 'c', start: t('00:00'), end: t('09:00'), reason: 'Dentist' }, { person: 'z', start: t('08:00'), end: t('09:00') }],
      },
      expected: {
        candidates: [{ person: 'e', recent: 0, nightsAndWeekends: 0 }],
        ruledOut: [
          { person: 'c', why: 'time-off', start: t('00:00'), end: t('09:00'), reason: 'Dentist' },
          { person: 'b', why: 'on-call-here', schedule: 'primary', start: t('12:00'), end: t('16:00') },
          { person: 'd', why: 'on-call-elsewhere', schedule: 'secondary', start: t('15:00'), end: t('16:00') },
        ],
      },
    },
    {
      name: 'covering a is only their continuousShift: b, on call here later, can still take it',
      state: { ...base, covering: 'a' },
      expected: { candidates: ['b', 'c', 'd', 'e'].map((person) => ({ person, recent: 0, nightsAndWeekends: 0 })), ruledOut: [] },
    },
  ];
  test.each(cases)('$name', ({ state, expected }) => expect(rankCover(state)).toMatchObject(expected));
});

describe('who holds a window', () => {
  test.each([
    { name: 'in order of first appearance, each once', shifts: [seg('a', '00:00', '01:00'), seg(null, '01:00', '02:00'), seg('b', '02:00', '03:00'), seg('a', '03:00', '04:00')], expected: ['a', 'b'] },
    { name: 'nobody in a gap', shifts: [seg(null, '00:00', '01:00')], expected: [] },
  ])('$name', ({ shifts, expected }) => expect(holdersOf(shifts)).toEqual(expected));
});
