// Where handoffs fall. A rotation numbers its handoffs 0, 1, 2, … from the layer's start;
// shift k runs from handoff k to handoff k+1. Both kinds find the handoff index for any
// instant arithmetically, so a query for 2036 costs the same as one for today.

import type { RRule } from 'rrule';
import { UnusableRotation } from '../errors.js';
import { FOREVER, FOREVER_AGO, type Instant, type ShiftLength } from './types.js';
import { addMonths, fromFloating, parseWallClock, toFloating, DAY_MS, HOUR_MS, WEEK_MS } from './wall-clock.js';
import { readHandoffRule } from './handoff-rule.js';
import { handoffSequence, STORED_PACE } from './handoff-pace.js';

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
  if (origin === undefined) throw new UnusableRotation(`its start "${start}" is not a wall-clock time`);
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
      // The guess is exact in floating time; DST moves the real instants by an hour or so,
      // past a few handoffs at most (a stored rule may hand off once a minute).
      let steps = 0;
      while (k > -1 && handoff(k) > t && ++steps < MAX_STEPS) k--;
      while (handoff(k + 1) <= t && ++steps < MAX_STEPS) k++;
      if (steps >= MAX_STEPS) throw new UnusableRotation('its handoffs are too close together to find the one at a given time');
      return k;
    },
  };
}

/** Handoffs between a floating-time guess and the real one: far more than DST can move. */
const MAX_STEPS = 10_000;

// The wall-clock sequence of handoffs does not depend on the zone, and parsing an RRULE is
// the costly step: schedules in different zones with the same rule share one sequence.
const sequences = new Map<string, FloatingSequence>();

function floatingSequence(origin: number, start: string, spec: { shift?: ShiftLength; handoffs?: string }): FloatingSequence {
  const key = spec.shift ? `${start}|${spec.shift.count}${spec.shift.unit}` : `${start}|${spec.handoffs ?? ''}`;
  let sequence = sequences.get(key);
  if (!sequence) {
    if (spec.shift) sequence = shiftFloating(origin, spec.shift);
    else if (spec.handoffs !== undefined) sequence = rruleFloating(origin, spec.handoffs);
    else throw new UnusableRotation('it has neither a shift length nor a handoff rule');
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

// A stored rule is read and checked again before it is enumerated: an older version may
// have stored one that never fires, or fires every second (see handoff-pace.ts).
function rruleFloating(origin: number, text: string): FloatingSequence {
  const parts = readHandoffRule(text);
  if (!parts.ok) throw new UnusableRotation(parts.error);
  const sequence = handoffSequence(parts.value, origin, STORED_PACE, text);
  if (!sequence.ok) throw new UnusableRotation(sequence.error);
  const s = sequence.value;
  return s.kind === 'periodic' ? periodicRule(s.first, origin, s.period) : enumeratedRule(s.rule, s.known, s.knownUntil);
}

// Weekly, daily and hourly rules repeat exactly every period in floating time, so one
// period's occurrences describe them all: occurrence i+m = occurrence i + period.
function periodicRule(firstPeriod: number[], origin: number, period: number): FloatingSequence {
  const m = firstPeriod.length;
  return {
    at(k) {
      const cycle = Math.floor(k / m);
      return firstPeriod[k - cycle * m] + cycle * period;
    },
    indexOf(floating) {
      const cycle = Math.floor((floating - origin) / period);
      if (cycle < 0) return -1;
      const shifted = floating - cycle * period;
      let lo = 0;
      let hi = m; // first index with an occurrence after `shifted`
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (firstPeriod[mid] <= shifted) lo = mid + 1;
        else hi = mid;
      }
      return cycle * m + lo - 1;
    },
  };
}

/** rrule ends with the year 9999: after it, a rule has no more handoffs. */
const RRULE_END = Date.UTC(10000, 0, 1);
/** Handoffs of one monthly or yearly rule kept in memory: a century of hourly ones. */
const MAX_OCCURRENCES = 1_000_000;

// Monthly and yearly rules have no fixed period in milliseconds. Their first 28 years are
// known from the check; later ones are enumerated (and cached) in growing steps, each asking
// rrule about a stretch in which the checked rule keeps firing.
function enumeratedRule(rule: RRule, known: number[], knownUntil: number): FloatingSequence {
  const occurrences = [...known];
  let horizon = knownUntil; // every occurrence before it is in `occurrences`
  let step = 366 * DAY_MS;
  const extend = () => {
    const next = Math.min(horizon + step, RRULE_END);
    rule.between(new Date(horizon), new Date(next), true, (d) => {
      const t = d.getTime();
      if (t >= next) return false;
      if (t >= horizon && (occurrences.length === 0 || t > occurrences[occurrences.length - 1])) occurrences.push(t);
      return occurrences.length <= MAX_OCCURRENCES;
    });
    if (occurrences.length > MAX_OCCURRENCES) {
      throw new UnusableRotation(`its rule has more than ${MAX_OCCURRENCES} handoffs between its start and the time asked about`);
    }
    horizon = next;
    step = Math.min(step * 2, 32 * 366 * DAY_MS);
  };
  return {
    at(k) {
      if (k < 0) return FOREVER_AGO;
      while (occurrences.length <= k && horizon < RRULE_END) extend();
      return occurrences[k] ?? FOREVER;
    },
    indexOf(floating) {
      while (horizon <= floating + DAY_MS && horizon < RRULE_END) extend();
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
