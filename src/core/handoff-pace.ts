// How often a handoff rule fires, found in bounded time before anything relies on it. rrule
// walks a rule period by period until one matches, up to the year 9999: a rule that never
// (or rarely) fires costs it seconds, and some never finish. So rrule is only ever asked
// about stretches of time in which the rule is known to fire:
// - weekly, daily and hourly rules repeat exactly in floating time; whether the interval's
//   grid ever meets the BYDAY/BYHOUR filter is plain arithmetic, and then one period of
//   occurrences describes them all;
// - monthly and yearly rules are enumerated over their first 28 years (every combination of
//   weekday and leap year), moved by whole 400-year Gregorian cycles (which repeat dates and
//   weekdays exactly) to just before rrule's year 9999, where its walk ends by itself.

import { createRequire } from 'node:module';
import type { RRule as RRuleType } from 'rrule';
import type { Parsed } from './values.js';
import { MAX_INTERVAL, RRULE_FREQUENCY, ruleLabel, type RuleParts } from './handoff-rule.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS, formatWallClock } from './wall-clock.js';

type RRule = RRuleType;

// rrule is loaded on first use: only layers with `handoffs:` need it, and it is the largest
// module on the path of `oncall who`. In the CommonJS bundle `require` exists, and esbuild
// bundles what it names, so rrule is compiled from the code cache with the rest; run from
// source as an ES module (the tests), createRequire loads it from node_modules.
let rruleModule: typeof import('rrule') | undefined;
function rrule(): typeof import('rrule') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load that esbuild bundles
  rruleModule ??= (typeof require === 'function' ? require('rrule') : createRequire(import.meta.url)('rrule')) as typeof import('rrule');
  return rruleModule;
}

/** The closest and the furthest apart two handoffs may be, in wall-clock time. */
export interface PaceLimits {
  minGap: number;
  maxGap: number;
}

/**
 * What `apply` and the layer commands accept: handoffs at least an hour apart, as `shift:`,
 * and at most 53 weeks, so that a yearly rule tied to a weekday ("the second Sunday of
 * March", 371 days from 2026 to 2027) fits.
 */
export const HANDOFF_PACE: PaceLimits = { minGap: HOUR_MS, maxGap: 371 * DAY_MS };

/** What reads still compute from a stored rule: older versions accepted faster rules. */
export const STORED_PACE: PaceLimits = { minGap: MINUTE_MS, maxGap: 371 * DAY_MS };

/** The handoffs of a rule from its start, in floating time. */
export type HandoffSequence =
  /** Occurrence i + first.length is occurrence i + period. */
  | { kind: 'periodic'; rule: RRule; period: number; first: number[] }
  /** Every occurrence before `knownUntil`; later ones come from `rule`. */
  | { kind: 'calendar'; rule: RRule; known: number[]; knownUntil: number };

const CYCLE_MS = 146_097 * DAY_MS; // 400 Gregorian years
const HORIZON_MS = 10_227 * DAY_MS; // 28 years
const LAST_SAFE_YEAR = 9971; // + 28 years stays inside rrule's range (it stops after 9999)
/** Occurrences looked at, at most, before a rule is taken as checked. */
const MAX_LOOKED_AT = 4000;

const PERIOD_UNIT: Partial<Record<RuleParts['freq'], number>> = { WEEKLY: WEEK_MS, DAILY: DAY_MS, HOURLY: HOUR_MS };

/** Builds the rrule of a checked rule with DTSTART at `origin` (floating time). */
export function toRRule(parts: RuleParts, origin: number): RRule {
  const { RRule } = rrule();
  const days = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];
  return new RRule({
    freq: RRULE_FREQUENCY[parts.freq],
    interval: parts.interval,
    dtstart: new Date(origin),
    tzid: null,
    ...(parts.wkst !== undefined && { wkst: parts.wkst }),
    ...(parts.byday && { byweekday: parts.byday.map((d) => (d.nth ? days[d.day].nth(d.nth) : days[d.day])) }),
    ...(parts.byhour && { byhour: parts.byhour }),
    ...(parts.byminute && { byminute: parts.byminute }),
    ...(parts.bysecond && { bysecond: parts.bysecond }),
    ...(parts.bymonth && { bymonth: parts.bymonth }),
    ...(parts.bymonthday && { bymonthday: parts.bymonthday }),
    ...(parts.byyearday && { byyearday: parts.byyearday }),
    ...(parts.byweekno && { byweekno: parts.byweekno }),
    ...(parts.bysetpos && { bysetpos: parts.bysetpos }),
  });
}

/** The handoffs of a checked rule from `origin`, or why they come too often, too rarely or never. */
export function handoffSequence(parts: RuleParts, origin: number, limits: PaceLimits, text: string): Parsed<HandoffSequence> {
  const period = repeatPeriod(parts);
  const label = ruleLabel(text);
  if (period !== undefined && !gridMeetsFilter(parts, origin)) return neverFires(label);
  const rule = toRRule(parts, origin);
  if (period !== undefined) {
    const walk = walkRule(rule, origin, origin + period, limits, label);
    if (!walk.ok) return walk;
    const first = walk.value.occurrences;
    if (first.length === 0) return neverFires(label);
    const problem = paceProblem([...first, first[0] + period], origin, limits, label);
    return problem ? { ok: false, error: problem } : { ok: true, value: { kind: 'periodic', rule, period, first } };
  }
  // Move the rule to the same dates 400·k years later, just before the year 9999.
  const year = new Date(origin).getUTCFullYear();
  const shift = Math.max(0, Math.floor((LAST_SAFE_YEAR - year) / 400)) * CYCLE_MS;
  const walk = walkRule(toRRule(parts, origin + shift), origin + shift, origin + shift + HORIZON_MS, limits, label);
  if (!walk.ok) return walk;
  const known = walk.value.occurrences.map((t) => t - shift);
  if (known.length === 0) return neverFires(label);
  const knownUntil = walk.value.complete ? origin + HORIZON_MS : known[known.length - 1] + 1;
  const problem = paceProblem(walk.value.complete ? [...known, knownUntil] : known, origin, limits, label);
  return problem ? { ok: false, error: problem } : { ok: true, value: { kind: 'calendar', rule, known, knownUntil } };
}

const neverFires = (label: string): Parsed<never> => ({
  ok: false,
  error: `handoffs ${label} never fires from the layer's start; check its BYDAY, BYHOUR and other BY parts against its INTERVAL`,
});

/**
 * Occurrences in [from, to), stopping at the first two closer than the limit or after
 * MAX_LOOKED_AT of them (then `complete` is false). Only called where the rule is known to
 * fire within every period, or where rrule stops by itself within a few centuries.
 */
function walkRule(rule: RRule, from: number, to: number, limits: PaceLimits, label: string): Parsed<{ occurrences: number[]; complete: boolean }> {
  const occurrences: number[] = [];
  let tooClose: string | undefined;
  let complete = true;
  rule.between(new Date(from), new Date(to), true, (date) => {
    const t = date.getTime();
    if (t >= to) return false;
    const previous = occurrences[occurrences.length - 1];
    if (previous !== undefined && t - previous < limits.minGap) {
      tooClose = closeMessage(label, previous, t, limits);
      return false;
    }
    if (occurrences.length >= MAX_LOOKED_AT) {
      complete = false;
      return false;
    }
    occurrences.push(t);
    return true;
  });
  return tooClose ? { ok: false, error: tooClose } : { ok: true, value: { occurrences, complete } };
}

/** Whether handoffs (ending with the first one after the checked span) keep the pace. */
function paceProblem(handoffs: number[], origin: number, limits: PaceLimits, label: string): string | undefined {
  if (handoffs[0] - origin > limits.maxGap) {
    return `handoffs ${label}: the first handoff comes more than ${days(limits.maxGap)} after the layer's start; ${sparseHint(limits)}`;
  }
  for (let i = 1; i < handoffs.length; i++) {
    const gap = handoffs[i] - handoffs[i - 1];
    if (gap < limits.minGap) return closeMessage(label, handoffs[i - 1], handoffs[i], limits);
    if (gap > limits.maxGap) {
      return `handoffs ${label} leaves more than ${days(limits.maxGap)} without a handoff after ${formatWallClock(handoffs[i - 1])}; ${sparseHint(limits)}`;
    }
  }
  return undefined;
}

function closeMessage(label: string, a: number, b: number, limits: PaceLimits): string {
  const unit = limits.minGap === HOUR_MS ? 'an hour' : limits.minGap === MINUTE_MS ? 'a minute' : `${limits.minGap / MINUTE_MS} minutes`;
  return `handoffs ${label} hands off twice within ${unit} (${formatWallClock(a)} and ${formatWallClock(b)}); handoffs must be at least ${unit} apart`;
}

const days = (ms: number) => `${Math.round(ms / DAY_MS)} days`;
const sparseHint = (limits: PaceLimits) => `a rotation must hand off at least once every ${days(limits.maxGap)}`;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number) => (a / gcd(a, b)) * b;

// The floating-time period after which a weekly, daily or hourly rule repeats. FREQ×INTERVAL
// alone is not enough: a filter coarser than the frequency (FREQ=DAILY;BYDAY=MO,TH or
// FREQ=HOURLY;BYHOUR=9,21) repeats only once both the interval grid and the filter have come
// round again. The reader allows no month or year filters with these frequencies, and the
// INTERVAL bounds keep the period under eight years.
function repeatPeriod(parts: RuleParts): number | undefined {
  const unit = PERIOD_UNIT[parts.freq];
  if (!unit) return undefined;
  let period = unit * Math.min(parts.interval, MAX_INTERVAL[parts.freq]);
  if (parts.byday) period = lcm(period, WEEK_MS);
  if (parts.byhour) period = lcm(period, DAY_MS);
  if (parts.byminute) period = lcm(period, HOUR_MS);
  if (parts.bysecond) period = lcm(period, MINUTE_MS);
  return period;
}

/**
 * Whether the interval's grid ever lands on a day (DAILY) or an hour of the week (HOURLY)
 * the filters let through. rrule would otherwise walk the grid until the year 9999, and an
 * hourly grid that never meets BYHOUR it walks for ever.
 */
function gridMeetsFilter(parts: RuleParts, origin: number): boolean {
  const weekdays = parts.byday?.map((d) => d.day);
  const first = new Date(origin);
  const weekday = (first.getUTCDay() + 6) % 7; // 0 = Monday, as rrule counts
  if (parts.freq === 'DAILY' && weekdays) {
    const step = gcd(parts.interval, 7);
    return weekdays.some((d) => (((d - weekday) % step) + step) % step === 0);
  }
  if (parts.freq === 'HOURLY' && (weekdays || parts.byhour)) {
    const step = gcd(parts.interval, 168);
    const start = weekday * 24 + first.getUTCHours();
    for (let h = start % step; h < 168; h += step) {
      if ((!weekdays || weekdays.includes(Math.floor(h / 24))) && (!parts.byhour || parts.byhour.includes(h % 24))) return true;
    }
    return false;
  }
  return true;
}
