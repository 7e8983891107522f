import { describe, expect, test } from 'vitest';
import { balanceScore, deviations } from '../../src/core/balance.js';

// Gini = Σi Σj |xi − xj| / (2 n² mean); score = round(100 × (1 − Gini)).
describe('balanceScore', () => {
  test('equal loads score 100', () => {
    expect(balanceScore([1, 1, 1, 1])).toBe(100); // every |xi − xj| = 0 → Gini 0
    expect(balanceScore([0, 0, 0])).toBe(100); // nobody carries anything: equal
    expect(balanceScore([42])).toBe(100); // one person is always balanced with themselves
    expect(balanceScore([])).toBe(100);
  });

  test('one of two carrying everything scores 50, the lowest two people can reach', () => {
    // pairs (0,10) and (10,0): Σ = 20; 2 × 2² × 5 = 40; Gini = 20/40 = 0.5 → 50
    expect(balanceScore([0, 10])).toBe(50);
  });

  test('one of four carrying everything scores 25 (Gini max is 1 − 1/n)', () => {
    // 3 pairs × 2 orders × 8 = 48; 2 × 4² × 2 = 64; Gini = 48/64 = 0.75 → 25
    expect(balanceScore([0, 0, 0, 8])).toBe(25);
  });

  test('10, 20, 30', () => {
    // |10−20| + |10−30| + |20−30| = 40, both orders 80; mean 20; 2 × 3² × 20 = 360
    // Gini = 80/360 = 2/9 ≈ 0.2222 → 100 × 7/9 = 77.78 → 78
    expect(balanceScore([10, 20, 30])).toBe(78);
  });

  test('order does not matter, and scale does not either', () => {
    expect(balanceScore([30, 10, 20])).toBe(78);
    expect(balanceScore([36_000_000, 72_000_000, 108_000_000])).toBe(78); // 10, 20, 30 h in ms
  });

  test('a mildly uneven team', () => {
    // [40, 40, 50, 30]: mean 40. Pairs: 40–40 0, 40–50 10, 40–30 10, 40–50 10, 40–30 10, 50–30 20
    // = 60, both orders 120; 2 × 4² × 40 = 1280; Gini = 0.09375 → 90.625 → 91
    expect(balanceScore([40, 40, 50, 30])).toBe(91);
  });
});

describe('deviations', () => {
  test('difference from the mean and its percent', () => {
    // mean (10 + 20 + 30) / 3 = 20
    expect(deviations(new Map([['ana', 10], ['bo', 20], ['cy', 30]]))).toEqual(
      new Map([
        ['ana', { diff: -10, percent: -50 }], // −10 / 20
        ['bo', { diff: 0, percent: 0 }],
        ['cy', { diff: 10, percent: 50 }], // 10 / 20
      ]),
    );
  });

  test('a zero mean gives zero percent', () => {
    expect(deviations(new Map([['ana', 0], ['bo', 0]]))).toEqual(
      new Map([
        ['ana', { diff: 0, percent: 0 }],
        ['bo', { diff: 0, percent: 0 }],
      ]),
    );
    expect(deviations(new Map())).toEqual(new Map());
  });

  test('uneven percentages', () => {
    // mean (0 + 5 + 10 + 25) / 4 = 10
    const d = deviations(new Map([['a', 0], ['b', 5], ['c', 10], ['d', 25]]));
    expect(d.get('a')).toEqual({ diff: -10, percent: -100 }); // −10 / 10
    expect(d.get('b')).toEqual({ diff: -5, percent: -50 }); // −5 / 10
    expect(d.get('d')).toEqual({ diff: 15, percent: 150 }); // 15 / 10
  });
});
