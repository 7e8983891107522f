// Comparing a vendor's final schedule with oncall's: sets of people per instant, differences
// as maximal intervals with one (vendor, oncall) pair each.
import { describe, expect, test } from 'vitest';
import { compareCoverage, type CoverageEntry } from '../../src/core/index.js';

const H = 3600e3;
const at = (h: number) => Date.UTC(2027, 2, 22) + h * H;
const e = (from: number, to: number, person: string | null): CoverageEntry => ({ start: at(from), end: at(to), person });
const window = { start: at(0), end: at(48) };

describe('compareCoverage', () => {
  test('the same picture cut at different boundaries matches', () => {
    const vendor = [e(0, 24, 'ann'), e(24, 48, 'bob')];
    const oncall = [e(0, 12, 'ann'), e(12, 24, 'ann'), e(24, 48, 'bob')];
    expect(compareCoverage(vendor, oncall, window)).toEqual([]);
  });

  test('a different person, and a gap on one side, each become one interval', () => {
    const vendor = [e(0, 24, 'ann'), e(24, 48, 'bob')];
    const oncall = [e(0, 20, 'ann'), e(20, 24, 'cat'), e(24, 30, 'bob')];
    expect(compareCoverage(vendor, oncall, window)).toEqual([
      { start: at(20), end: at(24), vendor: ['ann'], oncall: ['cat'] },
      { start: at(30), end: at(48), vendor: ['bob'], oncall: [] },
    ]);
  });

  test('explicit "nobody" entries count as nobody; entries outside the window are ignored', () => {
    const vendor = [e(-10, 0, 'zed'), e(0, 48, null), e(48, 60, 'zed')];
    expect(compareCoverage(vendor, [], window)).toEqual([]);
  });

  test('two people at once on the vendor side against one: the overlap shows', () => {
    const vendor = [e(0, 48, 'ann'), e(9, 17, 'bob')];
    const oncall = [e(0, 48, 'ann')];
    expect(compareCoverage(vendor, oncall, window)).toEqual([{ start: at(9), end: at(17), vendor: ['ann', 'bob'], oncall: ['ann'] }]);
    // The same people in both pictures, in any order, match.
    expect(compareCoverage(vendor, [e(9, 17, 'bob'), e(0, 48, 'ann')], window)).toEqual([]);
  });

  test('adjacent differences with the same pair are joined, different pairs are not', () => {
    const vendor = [e(0, 10, 'ann'), e(10, 20, 'ann'), e(20, 30, 'bob')];
    const oncall = [e(0, 30, 'cat')];
    expect(compareCoverage(vendor, oncall, window)).toEqual([
      { start: at(0), end: at(20), vendor: ['ann'], oncall: ['cat'] },
      { start: at(20), end: at(30), vendor: ['bob'], oncall: ['cat'] },
    ]);
  });
});
