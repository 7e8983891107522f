import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { continuousShifts, doubleBookings, gaps, timeOffConflicts, type Problem, type FinalShifts, type TimeOffInterval } from '../../src/core/index.js';
import { at } from './helpers.js';
import { seg, shifts, t } from './rota-builders.js';

describe('gaps', () => {
  const cases: { name: string; input: FinalShifts; expected: Problem[] }[] = [
    { name: 'nobody missing: no problem', input: shifts('p', [seg('a', '00:00', '12:00'), seg('b', '12:00', '24:00')]), expected: [] },
    {
      name: 'each gap is one problem with its own bounds',
      input: shifts('p', [seg(null, '00:00', '02:00'), seg('a', '02:00', '12:00'), seg(null, '12:00', '13:30')]),
      expected: [
        { kind: 'gap', schedule: 'p', start: t('00:00'), end: t('02:00') },
        { kind: 'gap', schedule: 'p', start: t('12:00'), end: t('13:30') },
      ],
    },
  ];
  test.each(cases)('$name', ({ input, expected }) => expect(gaps(input)).toEqual(expected));
});

describe('time off while on call', () => {
  const here = shifts('p', [seg('a', '00:00', '06:00'), seg('a', '06:00', '12:00'), seg('b', '12:00', '24:00')]);
  const cases: { name: string; timeOff: TimeOffInterval[]; expected: Problem[] }[] = [
    { name: 'time off while off duty is no problem', timeOff: [{ person: 'a', start: t('13:00'), end: t('15:00') }], expected: [] },
    { name: 'someone else\'s time off is not a problem', timeOff: [{ person: 'c', start: t('01:00'), end: t('02:00') }], expected: [] },
    {
      name: 'only the part on call counts; neighbouring shifts of one person are one continuousShift',
      timeOff: [{ person: 'a', start: t('05:00'), end: t('14:00'), reason: 'Dentist' }],
      expected: [{ kind: 'time-off', schedule: 'p', person: 'a', start: t('05:00'), end: t('12:00'), reason: 'Dentist', timeOff: { start: t('05:00'), end: t('14:00') } }],
    },
    {
      name: 'a null reason is left out',
      timeOff: [{ person: 'b', start: t('20:00'), end: t('22:00'), reason: null }],
      expected: [{ kind: 'time-off', schedule: 'p', person: 'b', start: t('20:00'), end: t('22:00'), timeOff: { start: t('20:00'), end: t('22:00') } }],
    },
    { name: 'time off that ends as the shift starts only touches it', timeOff: [{ person: 'b', start: t('10:00'), end: t('12:00') }], expected: [] },
  ];
  test.each(cases)('$name', ({ timeOff, expected }) => expect(timeOffConflicts([here], timeOff)).toEqual(expected));
});

describe('double bookings', () => {
  const primary = shifts('primary', [seg('a', '00:00', '12:00'), seg('b', '12:00', '24:00')]);
  const secondary = shifts('secondary', [seg('b', '00:00', '10:00'), seg('a', '10:00', '20:00'), seg('b', '20:00', '24:00')]);
  const otherTeam = shifts('elsewhere', [seg('a', '00:00', '24:00')], 'web');
  const cases: { name: string; mine: FinalShifts[]; all: FinalShifts[]; expected: Problem[] }[] = [
    {
      name: 'the same person in two schedules of one team: each overlap',
      mine: [primary],
      all: [primary, secondary, otherTeam],
      expected: [
        { kind: 'double-booked', schedule: 'primary', other: 'secondary', person: 'a', start: t('10:00'), end: t('12:00') },
        { kind: 'double-booked', schedule: 'primary', other: 'secondary', person: 'b', start: t('20:00'), end: t('24:00') },
      ],
    },
    {
      name: 'a pair asked about from both sides is reported once',
      mine: [primary, secondary],
      all: [primary, secondary],
      expected: [
        { kind: 'double-booked', schedule: 'primary', other: 'secondary', person: 'a', start: t('10:00'), end: t('12:00') },
        { kind: 'double-booked', schedule: 'primary', other: 'secondary', person: 'b', start: t('20:00'), end: t('24:00') },
      ],
    },
    { name: 'another team\'s schedule never double-books', mine: [primary], all: [primary, otherTeam], expected: [] },
  ];
  test.each(cases)('$name', ({ mine, all, expected }) => expect(doubleBookings(mine, all)).toEqual(expected));

  test('random final shifts of two schedules: every overlap of one person, in order, as comparing each with each finds them', () => {
    const HOUR = 3_600_000;
    // One schedule's final shifts: back to back from midnight, someone or nobody on each.
    const finalShifts = fc.array(fc.record({ person: fc.constantFrom('a', 'b', 'c', null), hours: fc.integer({ min: 1, max: 9 }) }), { maxLength: 30 }).map((parts) => {
      let start = at('2026-01-05T00:00Z');
      return parts.map(({ person, hours }) => {
        const shift = { start, end: start + hours * HOUR, person, source: person === null ? null : 'layer:l' };
        start = shift.end;
        return shift;
      });
    });
    const eachWithEach = (a: FinalShifts, b: FinalShifts): Problem[] =>
      continuousShifts(a.shifts).flatMap((x) =>
        continuousShifts(b.shifts).flatMap((y) => {
          const [start, end] = [Math.max(x.start, y.start), Math.min(x.end, y.end)];
          return x.person === y.person && start < end ? [{ kind: 'double-booked' as const, schedule: a.schedule.id, other: b.schedule.id, person: x.person, start, end }] : [];
        }),
      );
    fc.assert(
      fc.property(finalShifts, finalShifts, (first, second) => {
        const [a, b] = [shifts('primary', first), shifts('secondary', second)];
        expect(doubleBookings([a], [a, b])).toEqual(eachWithEach(a, b));
      }),
      { numRuns: 500 },
    );
  });
});
