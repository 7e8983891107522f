import { describe, expect, test } from 'vitest';
import { fillGaps, type Shift } from '../../src/core/index.js';

const seg = (start: number, end: number, person: string | null): Shift => ({ start, end, person, source: person && 'layer:a' });

describe('fillGaps', () => {
  test('adds nobody before, between and after, and tiles the window', () => {
    expect(fillGaps([seg(10, 20, 'ann'), seg(30, 40, 'bob')], { start: 0, end: 50 })).toEqual([
      seg(0, 10, null), seg(10, 20, 'ann'), seg(20, 30, null), seg(30, 40, 'bob'), seg(40, 50, null),
    ]);
  });
  test('an empty list is one gap', () => {
    expect(fillGaps([], { start: 0, end: 50 })).toEqual([seg(0, 50, null)]);
  });
  test('does not change its input', () => {
    const input = [seg(10, 20, 'ann'), seg(20, 30, 'ann')];
    fillGaps(input, { start: 0, end: 30 });
    expect(input).toEqual([seg(10, 20, 'ann'), seg(20, 30, 'ann')]);
  });
});
