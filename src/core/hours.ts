// How the hours of a shift split into night, weekend and holiday time, as the person on
// call lives them in their own zone. Every figure is real elapsed time: a night that
// contains a spring-forward jump is an hour shorter, one with a fall-back an hour longer.

import { IntervalTotals } from './interval-totals.js';
import type { Instant, Interval, MinuteOfDay } from './types.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, fromFloating, startOfDay, toFloating, weekdayOf } from './wall-clock.js';


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
  return new ZoneHours(zone, options.nightFrom, options.nightTo).breakDown(start, end, new IntervalTotals(options.holidays));
}

/** No zone is further than this from UTC: Kiribati is +14:00, and local mean times before
 * standard time reach 15:56 (Manila before 1845). */
const MAX_OFFSET_MS = 16 * HOUR_MS;

/** Days the night and weekend time of a zone is worked out for beyond what a span needs. */
const MARGIN_MS = 31 * DAY_MS;

/**
 * The nights and weekends of one zone as instants, worked out once per local day and kept,
 * so splitting many shifts in the same zone (a report) reads each span with two binary
 * searches instead of converting every day of every shift again.
 */
export class ZoneHours {
  // The local days [firstDay, lastDay] (floating midnights) that nights and weekends cover.
  private firstDay = Infinity;
  private lastDay = -Infinity;
  // Spans within [safeFrom, safeTo) are covered whatever the zone's offset, so most shifts
  // skip converting their ends to local time.
  private safeFrom = Infinity;
  private safeTo = -Infinity;
  private nights = new IntervalTotals([]);
  private weekends = new IntervalTotals([]);

  /** The nightly window as in HourOptions. */
  constructor(
    private readonly zone: string,
    private readonly nightFrom: MinuteOfDay,
    private readonly nightTo: MinuteOfDay,
  ) {}

  /** Splits [start, end); `holidays` as in HourOptions, already joined. */
  breakDown(start: Instant, end: Instant, holidays: IntervalTotals): HourBreakdown {
    if (end <= start) return { ...NO_HOURS };
    // The day before the first one is included because its night window, when it wraps,
    // reaches into the morning on which the span starts.
    if (start < this.safeFrom || end >= this.safeTo) {
      this.cover(startOfDay(toFloating(start, this.zone)) - DAY_MS, startOfDay(toFloating(end, this.zone)));
    }
    return {
      total: end - start,
      night: this.nights.within(start, end),
      weekend: this.weekends.within(start, end),
      holiday: holidays.within(start, end),
    };
  }

  /** Works out the days [first, last] and a margin around them, unless they are known. */
  private cover(first: number, last: number): void {
    if (first >= this.firstDay && last <= this.lastDay) return;
    this.firstDay = Math.min(this.firstDay, first - MARGIN_MS);
    this.lastDay = Math.max(this.lastDay, last + MARGIN_MS);
    this.safeFrom = this.firstDay + 2 * DAY_MS + MAX_OFFSET_MS;
    this.safeTo = this.lastDay + DAY_MS - MAX_OFFSET_MS;
    const { zone, nightFrom, nightTo } = this;
    const wraps = nightTo < nightFrom;
    const nights: Interval[] = [];
    const weekends: Interval[] = [];
    for (let day = this.firstDay; day <= this.lastDay; day += DAY_MS) {
      // Local boundaries become instants, so a DST jump inside a window changes its real
      // length instead of being counted on the wall clock. Each day's windows end before
      // the next day's begin, so the union of them all is their sum.
      if (nightFrom !== nightTo) {
        const nightEnd = day + (wraps ? DAY_MS : 0) + nightTo * MINUTE_MS;
        nights.push({ start: reached(day + nightFrom * MINUTE_MS, zone), end: reached(nightEnd, zone) });
      }
      if (weekdayOf(day) >= 6) weekends.push({ start: reached(day, zone), end: reached(day + DAY_MS, zone) });
    }
    this.nights = new IntervalTotals(nights);
    this.weekends = new IntervalTotals(weekends);
  }
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
