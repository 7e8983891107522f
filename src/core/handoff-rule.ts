// Reading a handoff rule (`handoffs:`, an RRULE) strictly. rrule's own parser accepts
// BYHOUR=99, INTERVAL=-1 or INTERVAL=1.5 and then loops until the year 9999, or for ever; so
// every rule is read here first, against the subset a rotation needs, and only a rule that
// passes reaches rrule (see handoff-pace.ts for the bounded check of how often it fires).

import type { Parsed } from './values.js';
import { DAY_MS, HOUR_MS } from './wall-clock.js';

export type Frequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY' | 'HOURLY';

/** rrule's numbering of the frequencies. */
export const RRULE_FREQUENCY: Record<Frequency, number> = { YEARLY: 0, MONTHLY: 1, WEEKLY: 2, DAILY: 3, HOURLY: 4 };

/** The length of one step of each frequency in floating time (months and years: their shortest). */
export const STEP_MS: Record<Frequency, number> = {
  YEARLY: 365 * DAY_MS,
  MONTHLY: 28 * DAY_MS,
  WEEKLY: 7 * DAY_MS,
  DAILY: DAY_MS,
  HOURLY: HOUR_MS,
};

/** INTERVAL may be at most a year's worth of steps: a rule must hand off at least once a year. */
export const MAX_INTERVAL: Record<Frequency, number> = { YEARLY: 1, MONTHLY: 12, WEEKLY: 52, DAILY: 366, HOURLY: 8784 };

/** Longer rule text is refused before it is looked at (366 BYYEARDAY values fit in it). */
export const MAX_RULE_LENGTH = 2000;

/** A weekday as rrule numbers it (0 = Monday), with an ordinal (1MO, -1FR) or without. */
export interface RuleWeekday {
  day: number;
  nth?: number;
}

/** A handoff rule, read and range-checked. */
export interface RuleParts {
  freq: Frequency;
  interval: number;
  wkst?: number;
  byday?: RuleWeekday[];
  byhour?: number[];
  byminute?: number[];
  bysecond?: number[];
  bymonth?: number[];
  bymonthday?: number[];
  byyearday?: number[];
  byweekno?: number[];
  bysetpos?: number[];
}

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
export const RULE_EXAMPLE = '"FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0"';

type NumberPart = 'byhour' | 'byminute' | 'bysecond' | 'bymonth' | 'bymonthday' | 'byyearday' | 'byweekno' | 'bysetpos';

/** Allowed values of each numeric list; `signed` lists count from the end with negatives. */
const NUMBER_PARTS: Record<string, { key: NumberPart; min: number; max: number; signed?: boolean }> = {
  BYHOUR: { key: 'byhour', min: 0, max: 23 },
  BYMINUTE: { key: 'byminute', min: 0, max: 59 },
  BYSECOND: { key: 'bysecond', min: 0, max: 59 },
  BYMONTH: { key: 'bymonth', min: 1, max: 12 },
  BYMONTHDAY: { key: 'bymonthday', min: 1, max: 31, signed: true },
  BYYEARDAY: { key: 'byyearday', min: 1, max: 366, signed: true },
  BYWEEKNO: { key: 'byweekno', min: 1, max: 53, signed: true },
  BYSETPOS: { key: 'bysetpos', min: 1, max: 366, signed: true },
};

// Parts that pick days of a month or a year. rrule walks period by period until one of them
// matches, so with a daily or hourly frequency a combination that rarely matches (the 29th of
// February) costs seconds; in a rotation they only make sense monthly or yearly anyway.
const CALENDAR_PARTS: Record<string, Frequency[]> = {
  BYMONTH: ['MONTHLY', 'YEARLY'],
  BYMONTHDAY: ['MONTHLY', 'YEARLY'],
  BYSETPOS: ['MONTHLY', 'YEARLY'],
  BYYEARDAY: ['YEARLY'],
  BYWEEKNO: ['YEARLY'],
};

const INTEGER = /^[+-]?\d{1,4}$/;

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const printable = (text: string) => text.replace(/\s+/g, ' ').replace(UNPRINTABLE, '?');

/**
 * A short, printable form of the rule for messages: a megabyte of text is not repeated back,
 * and control or bidi characters from a stored rule cannot reach the terminal.
 */
export function ruleLabel(text: string): string {
  const flat = printable(text).trim();
  return flat.length > 60 ? `"${flat.slice(0, 57)}…"` : `"${flat}"`;
}

/** Reads the text of a `handoffs:` rule; the error says what is wrong and how to write it. */
export function readHandoffRule(text: string): Parsed<RuleParts> {
  const label = ruleLabel(text);
  // "handoffs "…" never fires", or "handoffs "…": leave out …".
  const fail = (error: string): Parsed<RuleParts> => ({ ok: false, error: `handoffs ${label}${error.startsWith(':') ? '' : ' '}${error}` });
  const invalid = (detail: string) => fail(`is not a valid RRULE (${detail}); e.g. ${RULE_EXAMPLE}`);
  if (text.length > MAX_RULE_LENGTH) return fail(`is ${text.length} characters long; a handoff rule has at most ${MAX_RULE_LENGTH}`);
  if (/DTSTART|COUNT\s*=|UNTIL\s*=/i.test(text)) {
    return fail(": leave out DTSTART, COUNT and UNTIL; the layer's start and end set them");
  }
  const body = text.trim().replace(/^RRULE:/i, '').toUpperCase();
  if (body === '') return invalid('FREQ is missing');
  const seen = new Map<string, string>();
  for (const part of body.split(';')) {
    const m = /^([A-Z]+)=([A-Z0-9,+-]+)$/.exec(part.trim());
    if (!m) return invalid(part.trim() === '' ? 'an empty part between semicolons' : `"${printable(part.trim().slice(0, 30))}" is not NAME=VALUE`);
    if (seen.has(m[1])) return invalid(`${m[1]} is given twice`);
    seen.set(m[1], m[2]);
  }
  const freq = seen.get('FREQ');
  if (freq === undefined) return invalid('FREQ is missing');
  if (freq === 'SECONDLY' || freq === 'MINUTELY') {
    return fail('would hand off more than once an hour; use FREQ=HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY');
  }
  if (!(freq in RRULE_FREQUENCY)) return invalid(`FREQ=${freq} is not HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY`);
  const parts: RuleParts = { freq: freq as Frequency, interval: 1 };

  for (const [name, value] of seen) {
    if (name === 'FREQ') continue;
    if (name === 'INTERVAL') {
      const max = MAX_INTERVAL[parts.freq];
      const n = Number(value);
      if (!/^\d{1,5}$/.test(value) || n < 1 || n > max) {
        return fail(`has INTERVAL=${value}; with FREQ=${parts.freq} it must be a whole number from 1 to ${max} (a handoff at least once a year)`);
      }
      parts.interval = n;
    } else if (name === 'WKST') {
      const day = WEEKDAY_CODES.indexOf(value);
      if (day < 0) return invalid(`WKST=${value} is not a day (MO to SU)`);
      parts.wkst = day;
    } else if (name === 'BYDAY') {
      const days: RuleWeekday[] = [];
      for (const item of value.split(',')) {
        const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
        if (!m) return invalid(`BYDAY value "${item}" is not a day such as MO or 1MO`);
        const day = WEEKDAY_CODES.indexOf(m[2]);
        if (m[1] === undefined) {
          days.push({ day });
          continue;
        }
        const nth = Number(m[1]);
        const limit = parts.freq === 'MONTHLY' ? 5 : 53;
        if (parts.freq !== 'MONTHLY' && parts.freq !== 'YEARLY') return fail(`has BYDAY=${item}; a numbered day (1MO, -1FR) needs FREQ=MONTHLY or YEARLY`);
        if (nth === 0 || Math.abs(nth) > limit) return invalid(`BYDAY ${item}: the number must be 1 to ${limit} or -1 to -${limit}`);
        days.push({ day, nth });
      }
      parts.byday = days;
    } else if (name in NUMBER_PARTS) {
      const spec = NUMBER_PARTS[name];
      const allowed = CALENDAR_PARTS[name];
      if (allowed && !allowed.includes(parts.freq)) {
        return fail(`has ${name}, which needs FREQ=${allowed.join(' or FREQ=')}`);
      }
      const values: number[] = [];
      for (const item of value.split(',')) {
        const n = Number(item);
        const size = Math.abs(n);
        const inRange = INTEGER.test(item) && size >= (spec.signed ? spec.min : 0) && size <= spec.max && (spec.signed ? n !== 0 : n >= spec.min);
        if (!inRange) {
          const range = spec.signed ? `${spec.min} to ${spec.max} or -${spec.min} to -${spec.max}` : `${spec.min} to ${spec.max}`;
          return invalid(`${name} value "${item}" is not ${range}`);
        }
        if (!values.includes(n)) values.push(n);
      }
      parts[spec.key] = values;
    } else if (name === 'BYEASTER') {
      return invalid('BYEASTER is not part of RFC 5545');
    } else {
      return invalid(`${name} is not a rule part; use FREQ, INTERVAL, BYDAY, BYHOUR, BYMINUTE, BYMONTHDAY, BYMONTH, BYSETPOS, BYYEARDAY, BYWEEKNO or WKST`);
    }
  }
  if (parts.bysetpos && !(parts.byday || parts.bymonthday || parts.byyearday || parts.byweekno || parts.bymonth || parts.byhour || parts.byminute)) {
    return invalid('BYSETPOS needs another BY part to pick from');
  }
  return { ok: true, value: parts };
}
