// overrideNoEffect: an override that is over changes nothing, and one with `replaces: X`
// changes nothing exactly when the final shifts with it equal those without it.

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { overrideNoEffect, resolveSchedule, type Override } from '../../src/core/index.js';
import { at, layer, schedule } from './helpers.js';

const HOUR = 3_600_000;
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) };
// Daily a, b, c from Mon 5 Jan 2026 00:00 UTC; d is in no layer.
const daily = layer({ start: '2026-01-05T00:00', shift: { count: 1, unit: 'd' } });
const BASE = at('2026-01-05T00:00Z');
const ov = (seq: number, person: string, fromHour: number, toHour: number, replaces?: string): Override => ({
  seq, person, start: BASE + fromHour * HOUR, end: BASE + toHour * HOUR, ...(replaces && { replaces }),
});

describe('overrideNoEffect', () => {
  test('over already (clipped to nothing): past, with or without replaces', () => {
    expect(overrideNoEffect(ov(1, 'b', 5, 5), schedule([daily]))).toBe('past');
    expect(overrideNoEffect(ov(1, 'b', 6, 5, 'a'), schedule([daily]))).toBe('past');
  });

  test('replacing the person on call counts; someone else, or nobody in the layer, does not', () => {
    expect(overrideNoEffect(ov(1, 'd', 0, 12, 'a'), schedule([daily]))).toBeUndefined();
    expect(overrideNoEffect(ov(1, 'd', 0, 12, 'b'), schedule([daily]))).toBe('replaces-idle');
    expect(overrideNoEffect(ov(1, 'a', 0, 12, 'd'), schedule([daily]))).toBe('replaces-idle');
    // b from hour 24: one hour of it is enough.
    expect(overrideNoEffect(ov(1, 'd', 0, 25, 'b'), schedule([daily]))).toBeUndefined();
    expect(overrideNoEffect(ov(1, 'd', 0, 12), schedule([daily]))).toBeUndefined();
  });

  test('only older overrides decide where the replaced person is on call', () => {
    const older = ov(1, 'b', 2, 4);
    const newer = ov(3, 'b', 2, 4);
    expect(overrideNoEffect(ov(2, 'd', 0, 12, 'b'), schedule([daily], [older]))).toBeUndefined();
    expect(overrideNoEffect(ov(2, 'd', 0, 12, 'b'), schedule([daily], [newer]))).toBe('replaces-idle');
    // An older override that hides a from that whole time leaves nothing to replace.
    expect(overrideNoEffect(ov(2, 'd', 0, 12, 'a'), schedule([daily], [ov(1, 'c', 0, 12)]))).toBe('replaces-idle');
  });

  test('property: replaces-idle exactly when the final shifts do not change', () => {
    const people = fc.constantFrom('a', 'b', 'c', 'd');
    const span = fc.tuple(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 1, max: 48 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(people, span), { maxLength: 4 }), people, people, span, (others, person, replaces, [from, length]) => {
        fc.pre(person !== replaces);
        const older = others.map(([p, [f, l]], i) => ov(i + 1, p, f, f + l));
        const o = ov(others.length + 1, person, from, from + length, replaces);
        const window = { start: o.start, end: o.end };
        const without = resolveSchedule(schedule([daily], older), window);
        const withIt = resolveSchedule(schedule([daily], [...older, o]), window);
        const idle = overrideNoEffect(o, schedule([daily], older)) === 'replaces-idle';
        expect(idle).toBe(JSON.stringify(withIt) === JSON.stringify(without));
      }),
      RUNS,
    );
  });
});
