import { describe, expect, test } from 'vitest';
import { overlap, continuousShifts, type Shift, type ContinuousShift, type Window } from '../../src/core/index.js';
import { seg, t } from './rota-builders.js';

describe('overlap of two windows', () => {
  const w = (a: string, b: string): Window => ({ start: t(a), end: t(b) });
  test.each([
    { name: 'the shared part', a: w('01:00', '05:00'), b: w('03:00', '08:00'), expected: w('03:00', '05:00') },
    { name: 'one inside the other', a: w('01:00', '09:00'), b: w('03:00', '04:00'), expected: w('03:00', '04:00') },
    { name: 'touching is not overlapping', a: w('01:00', '03:00'), b: w('03:00', '04:00'), expected: undefined },
    { name: 'apart', a: w('01:00', '02:00'), b: w('03:00', '04:00'), expected: undefined },
  ])('$name', ({ a, b, expected }) => {
    expect(overlap(a, b)).toEqual(expected);
    expect(overlap(b, a)).toEqual(expected);
  });
});

describe('continuousShifts', () => {
  const cases: { name: string; shifts: Shift[]; expected: ContinuousShift[] }[] = [
    { name: 'touching shifts of one person join', shifts: [seg('a', '00:00', '02:00'), seg('a', '02:00', '05:00')], expected: [{ person: 'a', start: t('00:00'), end: t('05:00') }] },
    {
      name: 'a gap between them keeps them apart, and is itself left out',
      shifts: [seg('a', '00:00', '02:00'), seg(null, '02:00', '03:00'), seg('a', '03:00', '05:00')],
      expected: [{ person: 'a', start: t('00:00'), end: t('02:00') }, { person: 'a', start: t('03:00'), end: t('05:00') }],
    },
    {
      name: 'another person in between starts a new continuousShift',
      shifts: [seg('a', '00:00', '02:00'), seg('b', '02:00', '03:00'), seg('a', '03:00', '05:00')],
      expected: [{ person: 'a', start: t('00:00'), end: t('02:00') }, { person: 'b', start: t('02:00'), end: t('03:00') }, { person: 'a', start: t('03:00'), end: t('05:00') }],
    },
  ];
  test.each(cases)('$name', ({ shifts, expected }) => expect(continuousShifts(shifts)).toEqual(expected));
});
