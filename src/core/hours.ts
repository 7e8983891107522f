// How the hours of a shift split into night, weekend and holiday time, as the person on
// call lives them in their own zone. Every figure is real elapsed time: a night that
// contains a spring-forward jump is an hour shorter, one with a fall-back an hour longer.

import type { Instant, MinuteOfDay } from './types.js';
import { DAY_MS, MINUTE_MS, fromFloating, startOfDay, toFloating, weekdayOf } from './wall-clock.js';


/** Milliseconds of a span, and how many of them are night, weekend and holiday time. */
export interface HourBreakdown {
  total: number;
  night: number;
  weekend: number;
  holiday: number;
}

export const NO_HOURS: HourBreakdown = Object.freeze({ total: 0, night: 0, weekend: 0, holiday: 0 });

export interface HourOptions {
  /** The nightly window [nightFrom, nightTo) in minutes of the local day; it wraps over
   * midnight when nightTo < nightFrom (22:00→07:00 is 1320→420). Equal means no night. */
  nightFrom: MinuteOfDay;
  nightTo: MinuteOfDay;
  /** Holiday intervals as instants; they may overlap each other. */
  holidays: { start: Instant; end: Instant }[];
}

/** Splits [start, end) as seen from `zone`. A span with end ≤ start has no hours at all. */
export function breakDownHours(start: Instant, end: Instant, zone: string, options: HourOptions): HourBreakdown {
  if (end <= start) return { ...NO_HOURS };
  const overlap = (from: Instant, to: Instant) => Math.max(0, Math.min(to, end) - Math.max(from, start));

  const { nightFrom, nightTo } = options;
  const wraps = nightTo < nightFrom;
  let night = 0;
  let weekend = 0;
  // Walk the local days. The day before the first one is included because its night
  // window, when it wraps, reaches into the morning on which the span starts.
  const lastDay = startOfDay(toFloating(end, zone));
  for (let day = startOfDay(toFloating(start, zone)) - DAY_MS; day <= lastDay; day += DAY_MS) {
    // Local boundaries become instants, so a DST jump inside a window changes its real
    // length instead of being counted on the wall clock.
    if (nightFrom !== nightTo) {
      const nightEnd = day + (wraps ? DAY_MS : 0) + nightTo * MINUTE_MS;
      night += overlap(reached(day + nightFrom * MINUTE_MS, zone), reached(nightEnd, zone));
    }
    if (weekdayOf(day) >= 6) weekend += overlap(reached(day, zone), reached(day + DAY_MS, zone));
  }

  return { total: end - start, night, weekend, holiday: unionLength(options.holidays, start, end) };
}

/**
 * The instant at which the local clock reaches `floating`. That is fromFloating, which takes
 * the first of a repeated fall-back time (so each window stays one unbroken span), except
 * for a time skipped by a spring-forward jump: fromFloating moves it on by the gap's length
 * (the RFC 5545 rule for events), but a boundary such as "night from 02:30" is passed at
 * the jump itself, after which the clock already reads later than 02:30.
 */
function reached(floating: number, zone: string): Instant {
  const instant = fromFloating(floating, zone);
  const gap = toFloating(instant, zone) - floating; // positive only for a skipped time
  if (gap <= 0) return instant;
  // The jump lies in the `gap` before the moved instant; transitions fall on whole minutes.
  let before = instant - gap;
  let after = instant;
  while (after - before > MINUTE_MS) {
    const mid = before + Math.floor((after - before) / 2 / MINUTE_MS) * MINUTE_MS;
    if (toFloating(mid, zone) >= floating) after = mid;
    else before = mid;
  }
  return after;
}

/** Length of the union of `intervals` within [start, end): overlapping holidays count once. */
function unionLength(intervals: { start: Instant; end: Instant }[], start: Instant, end: Instant): number {
  const clipped = intervals
    .map((s) => ({ start: Math.max(s.start, start), end: Math.min(s.end, end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let length = 0;
  let reached = start; // everything before this instant is already counted
  for (const s of clipped) {
    if (s.end <= reached) continue;
    length += s.end - Math.max(s.start, reached);
    reached = s.end;
  }
  return length;
}

export function addBreakdowns(a: HourBreakdown, b: HourBreakdown): HourBreakdown {
  return {
    total: a.total + b.total,
    night: a.night + b.night,
    weekend: a.weekend + b.weekend,
    holiday: a.holiday + b.holiday,
  };
}
