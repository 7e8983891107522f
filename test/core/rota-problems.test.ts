import { describe, expect, test } from 'vitest';
import { rotaProblems, type ProblemKind, type RotaState } from '../../src/core/index.js';
import { win } from './helpers.js';
import { definition, seg, shifts, t } from './rota-builders.js';

const DAY = win('2026-01-05T00:00Z', '2026-01-06T00:00Z');
const primary = shifts('primary', [seg(null, '00:00', '01:00'), seg('a', '01:00', '12:00'), seg('b', '12:00', '24:00')]);
const secondary = shifts('secondary', [seg('a', '00:00', '24:00')]);
const state: RotaState = {
  window: DAY,
  mine: [primary, secondary],
  team: [primary, secondary],
  definitions: [definition('primary', { layers: [{}] }), definition('secondary', { layers: [{ members: ['a'] }] })],
  timeOff: [{ person: 'b', start: t('20:00'), end: t('22:00'), reason: 'Dentist' }],
};

describe('every problem of a rota, in order', () => {
  const cases: { name: string; ignore: ProblemKind[]; expected: string[] }[] = [
    {
      name: 'by start (none counts as the window start), then schedule',
      ignore: [],
      expected: ['gap primary 00:00', 'single-member secondary -', 'double-booked primary 01:00', 'time-off primary 20:00'],
    },
    { name: 'ignored kinds are left out', ignore: ['single-member', 'gap'], expected: ['double-booked primary 01:00', 'time-off primary 20:00'] },
  ];
  test.each(cases)('$name', ({ ignore, expected }) => {
    const clock = (ms?: number) => (ms === undefined ? '-' : new Date(ms).toISOString().slice(11, 16));
    expect(rotaProblems(state, ignore).map((p) => `${p.kind} ${p.schedule} ${clock(p.start)}`)).toEqual(expected);
  });
});
