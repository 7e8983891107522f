// Exact time input: ISO-8601 with or without offset, "now", and relative times (+2h, -3d,
// +1w). Plain English is handled by the caller with a natural-language parser, because that
// parser is large and only needed when these forms do not match.

import type { Instant } from './types.js';
import { addDays, DATE_ONLY, fromFloating, HOUR_MS, MINUTE_MS, parseWallClock } from './wall-clock.js';

const RELATIVE = /^([+-])\s*(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)$/i;
const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Parses the exact forms. Times without an offset are wall-clock times in `zone`.
 * Returns undefined when the text is in none of these forms.
 */
export function parseExactTime(text: string, now: Instant, zone: string): Instant | undefined {
  const input = text.trim();
  if (input.toLowerCase() === 'now') return now;
  const relative = RELATIVE.exec(input);
  if (relative) {
    const amount = Number(relative[2]) * (relative[1] === '-' ? -1 : 1);
    const unit = relative[3][0].toLowerCase();
    if (unit === 'm') return now + amount * MINUTE_MS;
    if (unit === 'h') return now + amount * HOUR_MS;
    // Days and weeks are calendar days in the zone: "+1d" at 09:00 is 09:00 tomorrow.
    const days = unit === 'd' ? amount : amount * 7;
    return addDays(now, days, zone);
  }
  const withOffset = WITH_OFFSET.exec(input);
  if (withOffset) {
    const offset = withOffset[3].toUpperCase() === 'Z' ? 'Z' : normaliseOffset(withOffset[3]);
    const t = Date.parse(`${withOffset[1]}T${withOffset[2]}${offset}`);
    return Number.isNaN(t) ? undefined : t;
  }
  const wall = parseWallClock(DATE_ONLY.test(input) ? `${input}T00:00` : input);
  return wall === undefined ? undefined : fromFloating(wall, zone);
}

/**
 * Times in a file are ISO-8601 (a date first), with an offset or as wall clock in `zone`;
 * "now" and relative times are not file times.
 */
export function parseFileTime(text: string, zone: string): Instant | undefined {
  return /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? parseExactTime(text, 0, zone) : undefined;
}

/** An instant as ISO-8601 in UTC, without milliseconds when they are zero: "2026-11-23T12:00:00Z". */
export function isoUtc(instant: Instant): string {
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

function normaliseOffset(offset: string): string {
  const digits = offset.slice(1).replace(':', '');
  const hhmm = digits.length === 2 ? `${digits}00` : digits;
  return `${offset[0]}${hhmm.slice(0, 2)}:${hhmm.slice(2)}`;
}
