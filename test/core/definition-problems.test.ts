import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { endingSchedules, overlappingOverrides, singleMembers, type Problem, type ScheduleConfig } from '../../src/core/index.js';
import { at, win } from './helpers.js';
import { definition, override, t } from './rota-builders.js';

const DAY = win('2026-01-05T00:00Z', '2026-01-06T00:00Z');

describe('overlapping overrides', () => {
  const cases: { name: string; input: ScheduleConfig; expected: Problem[] }[] = [
    { name: 'back to back is fine', input: definition('p', { overrides: [override('a', '01:00', '03:00'), override('b', '03:00', '05:00')] }), expected: [] },
    {
      name: 'the overlap, clipped to the window, names the older person first',
      input: definition('p', { overrides: [override('a', '01:00', '05:00'), { person: 'b', from: at('2026-01-04T20:00Z'), to: t('02:00') }] }),
      expected: [{ kind: 'overlapping-overrides', schedule: 'p', start: t('01:00'), end: t('02:00'), person: 'a', other: 'b' }],
    },
    {
      name: 'an overlap before the window is not reported',
      input: definition('p', { overrides: [{ person: 'a', from: at('2026-01-04T01:00Z'), to: at('2026-01-04T05:00Z') }, { person: 'b', from: at('2026-01-04T02:00Z'), to: at('2026-01-04T06:00Z') }] }),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ input, expected }) => expect(overlappingOverrides([input], DAY)).toEqual(expected));

  test('random overrides: every pair that overlaps in the window, in the order of the overrides, as comparing each with each finds them', () => {
    const HOUR = 3_600_000;
    // The definition itself: every pair (i < j) of the list, the older one first.
    const eachWithEach = (s: ScheduleConfig): Problem[] =>
      s.overrides.flatMap((a, i) =>
        s.overrides.slice(i + 1).flatMap((b) => {
          const start = Math.max(a.from, b.from, DAY.start);
          const end = Math.min(a.to, b.to, DAY.end);
          return start < end ? [{ kind: 'overlapping-overrides' as const, schedule: s.id, start, end, person: a.person, other: b.person }] : [];
        }),
      );
    const anOverride = fc.record({ person: fc.constantFrom('a', 'b', 'c', 'd'), from: fc.integer({ min: -30, max: 40 }), hours: fc.integer({ min: 0, max: 30 }) })
      .map(({ person, from, hours }) => ({ person, from: DAY.start + from * HOUR, to: DAY.start + (from + hours) * HOUR }));
    fc.assert(
      fc.property(fc.array(anOverride, { maxLength: 25 }), (overrides) => {
        const s = definition('p', { overrides });
        expect(overlappingOverrides([s], DAY)).toEqual(eachWithEach(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe('single-member layers', () => {
  const cases: { name: string; input: ScheduleConfig; expected: Problem[] }[] = [
    { name: 'two members can swap', input: definition('p', { layers: [{}] }), expected: [] },
    { name: 'one member: no one to swap with', input: definition('p', { layers: [{ members: ['a'] }] }), expected: [{ kind: 'single-member', schedule: 'p', layer: 'l1', person: 'a' }] },
    { name: 'a disabled layer does not count', input: definition('p', { layers: [{ members: ['a'], disabled: true }] }), expected: [] },
    { name: 'a layer that ended before the window does not count', input: definition('p', { layers: [{ members: ['a'], end: '2026-01-05T00:00' }] }), expected: [] },
    {
      name: 'its end is read in the schedule\'s zone: 00:30 in Berlin is still before the window',
      input: definition('p', { timezone: 'Europe/Berlin', layers: [{ members: ['a'], end: '2026-01-05T00:30' }] }),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ input, expected }) => expect(singleMembers([input], DAY)).toEqual(expected));
});

describe('schedules that end', () => {
  const cases: { name: string; input: ScheduleConfig; expected: Problem[] }[] = [
    { name: 'a layer without an end keeps it going', input: definition('p', { layers: [{ end: '2026-01-05T10:00' }, {}] }), expected: [] },
    {
      name: 'every layer ends in the window: at the last end',
      input: definition('p', { layers: [{ end: '2026-01-05T10:00' }, { end: '2026-01-05T18:00' }] }),
      expected: [{ kind: 'schedule-ends', schedule: 'p', start: t('18:00') }],
    },
    { name: 'ending after the window is not yet a problem', input: definition('p', { layers: [{ end: '2026-01-07T00:00' }] }), expected: [] },
    { name: 'ending exactly at the window\'s end is', input: definition('p', { layers: [{ end: '2026-01-06T00:00' }] }), expected: [{ kind: 'schedule-ends', schedule: 'p', start: at('2026-01-06T00:00Z') }] },
    { name: 'no active layers at all is not this problem', input: definition('p', { layers: [{ end: '2026-01-05T10:00', disabled: true }] }), expected: [] },
  ];
  test.each(cases)('$name', ({ input, expected }) => expect(endingSchedules([input], DAY)).toEqual(expected));
});
