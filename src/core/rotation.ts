// Where handoffs fall. A rotation numbers its handoffs 0, 1, 2, … from the layer's start;
// shift k runs from handoff k to handoff k+1. Both kinds find the handoff index for any
// instant arithmetically, so a query for 2036 costs the same as one for today.

import { createRequire } from 'node:module';
import type { RRule as RRuleType, Frequency as FrequencyType } from 'rrule';

type RRule = RRuleType;
type Frequency = FrequencyType;

// rrule is loaded on first use: only layers with `handoffs:` need it, and it is the largest
// module on the path of `oncall who`.
let rruleModule: typeof import('rrule') | undefined;
function rrule(): typeof import('rrule') {
  rruleModule ??= createRequire(import.meta.url)('rrule') as typeof import('rrule');
  return rruleModule;
}
import { FOREVER, FOREVER_AGO, type Instant, type ShiftLength } from './types.js';
import { addMonths, fromFloating, parseWallClock, toFloating, DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from './wall-clock.js';

export interface Rotation {
  /** Instant of handoff k (k may be negative; callers ignore shifts before 0). */
  handoff(k: number): Instant;
  /** Index of the last handoff at or before `t`; -1 (or less) before the first one. */
  indexAt(t: Instant): number;
}

const UNIT_MS = { h: HOUR_MS, d: DAY_MS, w: WEEK_MS } as const;

/** Builds the rotation of a layer with `shift:` or `handoffs:`. */
export function makeRotation(
  zone: string,
  start: string,
  spec: { shift?: ShiftLength; handoffs?: string },
): Rotation {
  const origin = parseWallClock(start);
  if (origin === undefined) throw new Error(`invalid layer start ${start}`);
  const floatingOf = floatingSequence(origin, start, spec);
  const instantOf = (floating: number) =>
    Math.abs(floating) >= FOREVER ? floating : fromFloating(floating, zone);
  // A handoff inside a spring-forward gap moves forward by the gap's length, which can carry
  // it past later handoffs (02:30 becomes 03:30, after the 03:00 handoff). Shift k then lasts
  // until the earliest later handoff, so handoff k is the earliest of handoffs k, k+1, …; only
  // those less than a gap's length later in wall-clock time can be earlier.
  const handoff = (k: number) => {
    const floating = floatingOf.at(k);
    let instant = instantOf(floating);
    if (Math.abs(floating) >= FOREVER) return instant;
    const gap = toFloating(instant, zone) - floating; // > 0 only inside a gap
    for (let j = k + 1, f = floatingOf.at(j); gap > 0 && f < floating + gap; f = floatingOf.at(++j)) {
      instant = Math.min(instant, instantOf(f));
    }
    return instant;
  };
  return {
    handoff,
    indexAt(t) {
      let k = floatingOf.indexOf(toFloating(t, zone));
      // The guess is exact in floating time; DST can move the real instants by an hour.
      while (k > -1 && handoff(k) > t) k--;
      while (handoff(k + 1) <= t) k++;
      return k;
    },
  };
}

// The wall-clock sequence of handoffs does not depend on the zone, and parsing an RRULE is
// the costly step: schedules in different zones with the same rule share one sequence.
const sequences = new Map<string, FloatingSequence>();

function floatingSequence(origin: number, start: string, spec: { shift?: ShiftLength; handoffs?: string }): FloatingSequence {
  const key = spec.shift ? `${start}|${spec.shift.count}${spec.shift.unit}` : `${start}|${spec.handoffs ?? ''}`;
  let sequence = sequences.get(key);
  if (!sequence) {
    sequence = spec.shift ? shiftFloating(origin, spec.shift) : rruleFloating(origin, spec.handoffs ?? '');
    sequences.set(key, sequence);
  }
  return sequence;
}

/** Handoff k in floating (wall-clock) time, and the inverse guess. */
interface FloatingSequence {
  at(k: number): number;
  /** Largest k with at(k) ≤ floating (a guess within ±1 is fine). */
  indexOf(floating: number): number;
}

function shiftFloating(origin: number, shift: ShiftLength): FloatingSequence {
  if (shift.unit === 'mo') {
    const first = new Date(origin);
    const day = first.getUTCDate();
    const originMonth = first.getUTCFullYear() * 12 + first.getUTCMonth();
    return {
      at: (k) => addMonths(origin, k * shift.count, day),
      indexOf(floating) {
        const d = new Date(floating);
        const months = d.getUTCFullYear() * 12 + d.getUTCMonth() - originMonth;
        return Math.floor(months / shift.count);
      },
    };
  }
  const step = shift.count * UNIT_MS[shift.unit];
  return {
    at: (k) => origin + k * step,
    indexOf: (floating) => Math.floor((floating - origin) / step),
  };
}

/** Period of each frequency that repeats exactly in floating time (rrule's numbering). */
const PERIOD_MS: Partial<Record<Frequency, number>> = {
  2: 7 * DAY_MS, // WEEKLY
  3: DAY_MS, // DAILY
  4: HOUR_MS, // HOURLY
  5: MINUTE_MS, // MINUTELY
};

/** Parses an RRULE with DTSTART at the layer start, read in floating time. */
export function parseHandoffRule(rule: string, origin: number): RRule {
  const { RRule } = rrule();
  const options = RRule.parseString(rule.trim().replace(/^RRULE:/i, ''));
  return new RRule({ ...options, dtstart: new Date(origin), tzid: null });
}

function rruleFloating(origin: number, text: string): FloatingSequence {
  const rule = parseHandoffRule(text, origin);
  const period = repeatPeriod(rule);
  return period ? periodicRule(rule, origin, period) : enumeratedRule(rule);
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number) => (a / gcd(a, b)) * b;
const MAX_PERIOD_MS = 4 * 366 * DAY_MS;

// The floating-time period after which a weekly, daily, hourly or minutely rule repeats, or
// undefined when it has none that is cheap to enumerate. FREQ×INTERVAL alone is not enough:
// a filter coarser than the frequency (FREQ=DAILY;BYDAY=MO,TH or FREQ=HOURLY;BYHOUR=9,21)
// repeats only once both the interval grid and the filter have come round again.
function repeatPeriod(rule: RRule): number | undefined {
  const unit = PERIOD_MS[rule.options.freq];
  if (!unit) return undefined;
  const o = rule.origOptions;
  const given = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  if ([o.bymonth, o.bymonthday, o.byyearday, o.byweekno, o.bysetpos, o.byeaster].some(given)) return undefined;
  if (given(rule.options.bynweekday)) return undefined; // "BYDAY=1MO" counts within months or years
  let period = unit * rule.options.interval;
  if (given(o.byweekday)) period = lcm(period, 7 * DAY_MS);
  if (given(o.byhour)) period = lcm(period, DAY_MS);
  if (given(o.byminute)) period = lcm(period, HOUR_MS);
  if (given(o.bysecond)) period = lcm(period, MINUTE_MS);
  return period <= MAX_PERIOD_MS ? period : undefined;
}

// Weekly, daily and hourly rules repeat exactly every INTERVAL periods in floating time, so
// one period's occurrences describe them all: occurrence i+m = occurrence i + period.
function periodicRule(rule: RRule, origin: number, period: number): FloatingSequence {
  const firstPeriod = rule
    .between(new Date(origin), new Date(origin + period), true)
    .map((d) => d.getTime())
    .filter((t) => t < origin + period);
  const m = firstPeriod.length;
  if (m === 0) throw new Error('the handoff rule never fires');
  return {
    at(k) {
      const cycle = Math.floor(k / m);
      return firstPeriod[k - cycle * m] + cycle * period;
    },
    indexOf(floating) {
      const cycle = Math.floor((floating - origin) / period);
      if (cycle < 0) return -1;
      const shifted = floating - cycle * period;
      let r = 0;
      while (r < m && firstPeriod[r] <= shifted) r++;
      return cycle * m + r - 1;
    },
  };
}

// Monthly and yearly rules have no fixed period in milliseconds; they fire at most a few
// dozen times a year, so enumerating them (and caching the list) stays cheap.
function enumeratedRule(rule: RRule): FloatingSequence {
  const occurrences: number[] = [];
  let horizon = rule.options.dtstart.getTime();
  const extendTo = (floating: number) => {
    while (horizon <= floating) {
      const next = horizon + 366 * DAY_MS;
      for (const d of rule.between(new Date(horizon), new Date(next), true)) {
        const t = d.getTime();
        if (t < next && (occurrences.length === 0 || t > occurrences[occurrences.length - 1])) {
          occurrences.push(t);
        }
      }
      horizon = next;
    }
  };
  const at = (k: number): number => {
    if (k < 0) return FOREVER_AGO;
    // A rule that stops firing (BYMONTH=2;BYMONTHDAY=30, say) must not loop forever.
    let emptyYears = 0;
    while (occurrences.length <= k && emptyYears < 30) {
      const before = occurrences.length;
      extendTo(horizon);
      emptyYears = occurrences.length === before ? emptyYears + 1 : 0;
    }
    return occurrences[k] ?? FOREVER;
  };
  return {
    at,
    indexOf(floating) {
      extendTo(floating + DAY_MS);
      let lo = 0;
      let hi = occurrences.length; // first index with occurrence > floating
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (occurrences[mid] <= floating) lo = mid + 1;
        else hi = mid;
      }
      return lo - 1;
    },
  };
}
