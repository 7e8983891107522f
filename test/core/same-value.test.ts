// The plan's equality is that of canonical JSON (key order and undefined keys never count);
// its quicker comparison must agree with it for any values, odd ones included.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, sameValue } from '../../src/core/plan.js';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };

const odd = fc.constantFrom<unknown>(undefined, NaN, Infinity, -0, 0, () => 1, new Date(0), new Map(), { toJSON: () => 'x' }, Object.create(null));
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null), odd),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', '1', '__proto__'), tie('v'), { maxKeys: 3 }),
  ),
})).v;

/** A copy with its keys in another order, some undefined keys added, and one leaf sometimes changed. */
function reshaped(v: unknown, change: boolean): unknown {
  if (Array.isArray(v)) return v.map((x, i) => reshaped(x, change && i === 0));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const entries = Object.entries(v).reverse().map(([k, x], i) => [k, reshaped(x, change && i === 0)]);
    return Object.fromEntries([...entries, ['zz', undefined]]);
  }
  return change ? (typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}!` : v) : v;
}

describe('sameValue', () => {
  test('agrees with comparing canonical JSON', () => {
    const pairs = fc.oneof(
      fc.tuple(value, value),
      fc.tuple(value, fc.boolean()).map(([v, change]) => [v, reshaped(v, change)] as const),
    );
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        expect(sameValue(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(sameValue(b, a)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      RUNS,
    );
  });

  test('a function, undefined or NaN reads as JSON writes it', () => {
    expect(sameValue({ a: 1, f: () => 1 }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, f: () => 1 })).toBe(true);
    expect(sameValue([undefined], [null])).toBe(true);
    expect(sameValue({ n: NaN }, { n: null })).toBe(true);
    expect(sameValue({ n: -0 }, { n: 0 })).toBe(true);
    expect(sameValue({ a: undefined, b: 1 }, { b: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
