import fc from 'fast-check';
import { expect, test } from 'vitest';
import { IntervalTotals } from '../../src/core/interval-totals.js';

// Against a count of the whole units each interval covers: on a small grid every union,
// overlap and touching end turns up.
test('within gives the length of the union of the intervals inside a span', () => {
  const interval = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -5, max: 20 })).map(([start, length]) => ({ start, end: start + length }));
  fc.assert(
    fc.property(fc.array(interval, { maxLength: 8 }), fc.integer({ min: -5, max: 90 }), fc.integer({ min: -5, max: 90 }), (intervals, from, to) => {
      let covered = 0;
      for (let unit = from; unit < to; unit++) if (intervals.some((i) => i.start <= unit && unit < i.end)) covered += 1;
      expect(new IntervalTotals(intervals).within(from, to)).toBe(covered);
    }),
  );
});
