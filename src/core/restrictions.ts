// Restriction intervals: the wall-clock intervals in which a restricted layer covers its shifts.

import type { Instant, Interval, Restriction, Window } from './types.js';
import { DAY_MS, MINUTE_MS, fromFloating, startOfDay, toFloating, weekdayOf } from './wall-clock.js';


// Many layers share their restrictions (business hours, weekends) and every layer of a
// query shares its window, so computed intervals are kept for the life of the process.
const cache = new Map<string, Interval[]>();

/** The union of a layer's restriction intervals that meet `range`, sorted and merged. */
export function restrictionIntervals(
  restrictions: Restriction[],
  zone: string,
  range: Window,
): Interval[] {
  const key = `${zone}|${range.start}|${range.end}|${JSON.stringify(restrictions)}`;
  let intervals = cache.get(key);
  if (!intervals) {
    intervals = computeIntervals(restrictions, zone, range);
    cache.set(key, intervals);
  }
  return intervals;
}

function computeIntervals(restrictions: Restriction[], zone: string, range: Window): Interval[] {
  const intervals: Interval[] = [];
  // A window may start up to a week before the range (a weekly span) and still reach into it.
  const firstDay = startOfDay(toFloating(range.start, zone)) - 7 * DAY_MS;
  const lastDay = startOfDay(toFloating(range.end, zone)) + DAY_MS;
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const weekday = weekdayOf(day);
    for (const r of restrictions) {
      const interval = floatingInterval(r, day, weekday);
      if (!interval) continue;
      const start = fromFloating(interval[0], zone);
      const end = fromFloating(interval[1], zone);
      // A window that opens in a spring-forward gap moves forward with it and may close
      // before it opens (02:30–03:00 on that day); then it covers nothing.
      if (end > start && end > range.start && start < range.end) {
        intervals.push({ start: Math.max(start, range.start), end: Math.min(end, range.end) });
      }
    }
  }
  return mergeIntervals(intervals);
}

/** The floating interval a restriction opens on `day`, if it opens on that day. */
function floatingInterval(r: Restriction, day: number, weekday: number): [number, number] | undefined {
  if (r.kind === 'daily') {
    if (!r.days.includes(weekday as never)) return undefined;
    const from = day + r.from * MINUTE_MS;
    // `to` at or before `from` runs overnight (equal means a full 24 hours).
    const to = day + r.to * MINUTE_MS + (r.to <= r.from ? DAY_MS : 0);
    return [from, to];
  }
  if (weekday !== r.fromDay) return undefined;
  const from = day + r.from * MINUTE_MS;
  let to = day + ((r.toDay - r.fromDay + 7) % 7) * DAY_MS + r.to * MINUTE_MS;
  if (to <= from) to += 7 * DAY_MS;
  return [from, to];
}

export function mergeIntervals(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** Parts of [start, end) inside the sorted, disjoint `intervals`. */
export function clipToIntervals(
  start: Instant,
  end: Instant,
  intervals: Interval[],
  firstIndex = 0,
): Interval[] {
  const parts: Interval[] = [];
  if (start >= end) return parts;
  for (let i = firstIndex; i < intervals.length; i++) {
    const w = intervals[i];
    if (w.end <= start) continue;
    if (w.start >= end) break;
    parts.push({ start: Math.max(start, w.start), end: Math.min(end, w.end) });
  }
  return parts;
}
