// Exact time input: ISO-8601 with or without offset, "now", and relative times (+2h, -3d,
// +1w). Plain English is handled by the caller with a natural-language parser, because that
// parser is large and only needed when these forms do not match.

import type { Instant } from './types.js';
import type { Parsed } from './values.js';
import { addDays, daysInMonth, fromFloating, HOUR_MS, MINUTE_MS } from './wall-clock.js';

// The instants oncall reads: rotas are planned in years, and outside these bounds calendar
// arithmetic only runs into the end of JavaScript dates (±275,000 years) or hangs on the way.
export const EARLIEST_TIME = Date.UTC(1970, 0, 1);
export const LATEST_TIME = Date.UTC(2100, 0, 1);
export const TIME_RANGE = '1970-01-01 to 2100-01-01';
export const OUTSIDE_TIMES = `is outside the times oncall reads (${TIME_RANGE}); give a time in that range`;

/** The longest window a command reads: three years, a year's report or feed with room on both sides. */
export const MAX_WINDOW_DAYS = 1096;

/** The largest offset from UTC of any zone (Kiribati, +14:00); anything beyond is a typo. */
export const MAX_OFFSET_MINUTES = 14 * 60;

const RELATIVE = /^([+-])\s*(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)$/i;
// Anything that starts like an ISO date is read as one, or refused: never handed to the
// natural-language parser, which reads 2026-13-01 as 13 January.
const ISO_START = /^\d{4}-\d/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const ISO_HINT = 'write 2026-12-01, 2026-12-01T09:00 or 2026-12-01T09:00+01:00';

/** An instant outside the range oncall reads: what to say, else undefined. */
export function timeRangeProblem(instant: Instant): string | undefined {
  if (!Number.isFinite(instant) || instant < EARLIEST_TIME || instant > LATEST_TIME) {
    return OUTSIDE_TIMES;
  }
  return undefined;
}

/**
 * Reads the exact forms. Times without an offset are wall-clock times in `zone`.
 * Returns undefined when the text is in none of these forms (it may be plain English), and
 * an error when it is in one but impossible: month 13, 30 February, 25:00, offset +25:00, or
 * a relative time beyond the range oncall reads.
 */
export function readExactTime(text: string, now: Instant, zone: string): Parsed<Instant> | undefined {
  const input = text.trim();
  if (input.toLowerCase() === 'now') return { ok: true, value: now };
  const relative = RELATIVE.exec(input);
  if (relative) return relativeTime(now, zone, relative[1] === '-' ? -1 : 1, relative[2], relative[3]);
  if (ISO_START.test(input)) return isoTime(input, zone);
  return undefined;
}

/** The instant of an exact form, or undefined when the text is not one or is impossible. */
export function parseExactTime(text: string, now: Instant, zone: string): Instant | undefined {
  const read = readExactTime(text, now, zone);
  return read?.ok ? read.value : undefined;
}

/**
 * Times in a file are ISO-8601 (a date first), with an offset or as wall clock in `zone`;
 * "now" and relative times are not file times.
 */
export function parseFileTime(text: string, zone: string): Instant | undefined {
  // What parseExactTime does with a text that starts as a date, without its other forms'
  // checks: a file holds tens of thousands of these.
  const input = text.trim();
  if (!ISO_START.test(input)) return undefined;
  const read = isoTime(input, zone);
  return read.ok ? read.value : undefined;
}

/** An instant as ISO-8601 in UTC, without milliseconds when they are zero: "2026-11-23T12:00:00Z". */
export function isoUtc(instant: Instant): string {
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

function relativeTime(now: Instant, zone: string, sign: number, digits: string, unitText: string): Parsed<Instant> {
  const unit = unitText[0].toLowerCase();
  const amount = sign * Number(digits);
  // Checked roughly before the calendar arithmetic, which must not see a year like 275,000.
  const unitMs = unit === 'm' ? MINUTE_MS : unit === 'h' ? HOUR_MS : unit === 'd' ? 24 * HOUR_MS : 7 * 24 * HOUR_MS;
  const rough = now + amount * unitMs;
  if (!(rough > EARLIEST_TIME - 2 * unitMs && rough < LATEST_TIME + 2 * unitMs)) {
    return { ok: false, error: timeRangeProblem(rough)! };
  }
  if (unit === 'm' || unit === 'h') return { ok: true, value: rough };
  // Days and weeks are calendar days in the zone: "+1d" at 09:00 is 09:00 tomorrow.
  return { ok: true, value: addDays(now, unit === 'd' ? amount : amount * 7, zone) };
}

function isoTime(input: string, zone: string): Parsed<Instant> {
  const m = ISO.exec(input);
  if (!m) return { ok: false, error: `is not a date and time I can read; ${ISO_HINT}` };
  // Read field by field: `apply` reads two of these for each of tens of thousands of overrides.
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const impossible = impossibleDate(year, month, day, hour, minute, second);
  if (impossible) return { ok: false, error: `is not a real time: ${impossible}` };
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const offsetText = m[8];
  if (offsetText === undefined) return { ok: true, value: fromFloating(wall, zone) };
  const offset = offsetMinutes(offsetText);
  if (offset === undefined) {
    return { ok: false, error: `has an impossible offset ${offsetText}; offsets run from -14:00 to +14:00 with minutes below 60` };
  }
  return { ok: true, value: wall - offset * MINUTE_MS };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** What makes a calendar date or clock time impossible, or undefined when it exists. */
export function impossibleDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): string | undefined {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  if (day < 1 || (day > 28 && day > daysInMonth(year, month))) {
    return `${MONTHS[month - 1]} ${year} has ${daysInMonth(year, month)} days`;
  }
  if (hour > 23) return `there is no hour ${hour} (00 to 23)`;
  if (minute > 59) return `there is no minute ${minute} (00 to 59)`;
  if (second > 59) return `there is no second ${second} (00 to 59)`;
  return undefined;
}

/** "Z", "+01", "+0100", "-05:30" in minutes east of UTC; undefined beyond ±14:00. */
function offsetMinutes(text: string): number | undefined {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  const total = hours * 60 + minutes;
  if (minutes > 59 || total > MAX_OFFSET_MINUTES) return undefined;
  return text[0] === '-' ? -total : total;
}
