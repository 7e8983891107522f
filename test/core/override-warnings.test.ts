import { describe, expect, test } from 'vitest';
import { overrideWarnings, type Problem, type FinalShifts, type TimeOffInterval } from '../../src/core/index.js';
import { seg, shifts, t } from './rota-builders.js';

// The new override puts a on call 08:00–16:00 in primary.
const here = shifts('primary', [seg('b', '06:00', '08:00'), seg('a', '08:00', '16:00')]);

describe('warnings about a new override\'s person', () => {
  const cases: { name: string; team: FinalShifts[]; timeOff: TimeOffInterval[]; expected: Problem[] }[] = [
    { name: 'free and not on time off: none', team: [here, shifts('secondary', [seg('b', '06:00', '16:00')])], timeOff: [], expected: [] },
    {
      name: 'time off carries the whole time off, once, whatever the part on call',
      team: [here],
      timeOff: [{ person: 'a', start: t('12:00'), end: t('20:00'), reason: 'Dentist' }],
      expected: [{ kind: 'time-off', schedule: 'primary', person: 'a', start: t('12:00'), end: t('16:00'), reason: 'Dentist', timeOff: { start: t('12:00'), end: t('20:00') } }],
    },
    {
      name: 'on call in two other schedules: the earliest of each; other people\'s double bookings are not theirs to hear about',
      team: [
        here,
        shifts('secondary', [seg('a', '09:00', '10:00'), seg('c', '10:00', '11:00'), seg('a', '11:00', '12:00'), seg('b', '06:00', '08:00')]),
        shifts('tertiary', [seg('a', '14:00', '18:00')]),
      ],
      timeOff: [],
      expected: [
        { kind: 'double-booked', schedule: 'primary', other: 'secondary', person: 'a', start: t('09:00'), end: t('10:00') },
        { kind: 'double-booked', schedule: 'primary', other: 'tertiary', person: 'a', start: t('14:00'), end: t('16:00') },
      ],
    },
    { name: 'another team\'s schedule is no double booking', team: [here, shifts('web', [seg('a', '08:00', '16:00')], 'web')], timeOff: [], expected: [] },
  ];
  test.each(cases)('$name', ({ team, timeOff, expected }) => expect(overrideWarnings('a', here, team, timeOff)).toEqual(expected));
});
