// Comparing two pictures of who is on call over a window: a vendor's rendered final schedule
// and oncall's own resolution of what was imported. Each side may have several people on
// call at once (a vendor schedule that oncall split into one schedule per rotation), so the
// comparison is of the *set* of people at every instant. Differences come back as maximal
// intervals with one (vendor, oncall) pair each.

import type { Instant, Interval } from './types.js';

export interface CoverageEntry extends Interval {
  /** A person id; null is an explicit "nobody". */
  person: string | null;
}

export interface CoverageDifference extends Interval {
  /** Who the vendor has on call, sorted; empty: nobody. */
  vendor: string[];
  /** Who oncall has on call, sorted; empty: nobody. */
  oncall: string[];
}

/** Who is on call in each elementary interval of `window`, from boundaries of both sides. */
export function compareCoverage(vendor: CoverageEntry[], oncall: CoverageEntry[], window: Interval): CoverageDifference[] {
  const clip = (entries: CoverageEntry[]) =>
    entries
      .map((e) => ({ start: Math.max(e.start, window.start), end: Math.min(e.end, window.end), person: e.person }))
      .filter((e) => e.start < e.end && e.person !== null);
  const sides = [clip(vendor), clip(oncall)];
  const cuts = new Set<Instant>([window.start, window.end]);
  for (const side of sides) for (const e of side) cuts.add(e.start).add(e.end);
  const times = [...cuts].sort((a, b) => a - b);
  // One sweep per side over entries sorted by start: at most (entries + cuts) steps.
  const onCall = sides.map((side) => setsAt(side, times));
  const differences: CoverageDifference[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const [v, o] = [onCall[0][i], onCall[1][i]];
    if (v.join('\n') === o.join('\n')) continue;
    const last = differences[differences.length - 1];
    if (last && last.end === times[i] && last.vendor.join('\n') === v.join('\n') && last.oncall.join('\n') === o.join('\n')) {
      last.end = times[i + 1];
    } else {
      differences.push({ start: times[i], end: times[i + 1], vendor: v, oncall: o });
    }
  }
  return differences;
}

/** For each interval [times[i], times[i+1]): the sorted distinct people of `entries` covering it. */
function setsAt(entries: CoverageEntry[], times: Instant[]): string[][] {
  const byStart = [...entries].sort((a, b) => a.start - b.start);
  const active: CoverageEntry[] = [];
  const result: string[][] = [];
  let next = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const t = times[i];
    while (next < byStart.length && byStart[next].start <= t) active.push(byStart[next++]);
    for (let j = active.length - 1; j >= 0; j--) if (active[j].end <= t) active.splice(j, 1);
    result.push([...new Set(active.map((e) => e.person as string))].sort());
  }
  return result;
}
