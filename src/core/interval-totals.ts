// How much of a set of intervals lies within a span, asked many times of the same set: a
// report asks it of every person's nights, weekends and holidays for every shift.

import type { Instant, Interval } from './types.js';

/** The union of some intervals, with running totals, so each question is a binary search. */
export class IntervalTotals {
  private readonly starts: Instant[] = [];
  private readonly ends: Instant[] = [];
  /** before[i]: the length of the union before starts[i]. */
  private readonly before: number[] = [];

  /** `intervals` may overlap and come in any order; overlapping ones count once. */
  constructor(intervals: readonly Interval[]) {
    const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
    let total = 0;
    for (const { start, end } of sorted) {
      const last = this.ends.length - 1;
      if (last >= 0 && start <= this.ends[last]) {
        if (end > this.ends[last]) {
          total += end - this.ends[last];
          this.ends[last] = end;
        }
        continue;
      }
      this.starts.push(start);
      this.ends.push(end);
      this.before.push(total);
      total += end - start;
    }
  }

  /** The length of the union within [start, end); nothing when end ≤ start. */
  within(start: Instant, end: Instant): number {
    return end > start ? this.upTo(end) - this.upTo(start) : 0;
  }

  /** The length of the union before `t`. */
  private upTo(t: Instant): number {
    // The last interval that starts before t.
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const i = lo - 1;
    return this.before[i] + Math.min(t, this.ends[i]) - this.starts[i];
  }
}
