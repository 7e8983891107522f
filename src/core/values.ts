// Parsers for the small values of the YAML format and the command line. Each returns the
// parsed value or a message saying what is wrong, so callers can collect every error.

import type { MinuteOfDay, Restriction, ShiftLength, Weekday } from './types.js';
import type { RestrictionConfig } from './config.js';
import { DATE_ONLY, parseWallClock, formatWallClock } from './wall-clock.js';
import { parseHandoffRule } from './rotation.js';

/** A parsed value, or what is wrong (and, inside an object, which field is wrong). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; field?: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string, field?: string): Parsed<T> => ({ ok: false, error, field });

/** A holiday region's shape: a country ("DE") or country and state ("US-CA"), any case. */
export const HOLIDAY_REGION = /^([a-z]{2})(?:-([a-z0-9]+))?$/i;
export const HOLIDAY_REGION_HINT = 'use a country code like DE or US, or country-state like DE-BE or US-CA';

export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export function checkId(id: string, what: string): string | undefined {
  return ID_PATTERN.test(id)
    ? undefined
    : `${what} id "${id}" must be lowercase letters, digits, "-" or "_", starting with a letter or digit`;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function parseWeekday(text: string): Parsed<Weekday> {
  const index = WEEKDAYS.indexOf(text.toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]);
  const fullNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  if (index < 0 || !(text.length === 3 || fullNames.includes(text.toLowerCase()))) {
    return fail(`"${text}" is not a day; use mon, tue, wed, thu, fri, sat or sun`);
  }
  return ok((index + 1) as Weekday);
}

export function parseClock(text: string): Parsed<MinuteOfDay> {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    return fail(`"${text}" is not a time of day; use HH:MM, 00:00 to 23:59`);
  }
  return ok(Number(m[1]) * 60 + Number(m[2]));
}

export function formatClock(minutes: MinuteOfDay): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function parseShiftLength(text: string): Parsed<ShiftLength> {
  const m = /^(\d+)\s*(h|d|w|mo)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 10_000) {
    return fail(`shift "${text}" must be a positive number followed by h, d, w or mo (e.g. 1w, 12h, 1mo)`);
  }
  return ok({ count: Number(m[1]), unit: m[2] as ShiftLength['unit'] });
}

/** Parses "fri 18:00" for the weekly restriction form. */
function parseDayAndClock(text: string): Parsed<{ day: Weekday; minute: MinuteOfDay }> | undefined {
  const m = /^([A-Za-z]+)\s+(\S+)$/.exec(text.trim());
  if (!m) return undefined;
  const day = parseWeekday(m[1]);
  if (!day.ok) return fail(day.error);
  const minute = parseClock(m[2]);
  if (!minute.ok) return fail(minute.error);
  return ok({ day: day.value, minute: minute.value });
}

export function parseRestriction(r: RestrictionConfig): Parsed<Restriction> {
  const fromWeekly = parseDayAndClock(r.from);
  const toWeekly = parseDayAndClock(r.to);
  if (fromWeekly || toWeekly) {
    if (!fromWeekly || !toWeekly) {
      const field = fromWeekly ? 'to' : 'from';
      return fail('a weekly restriction needs both ends as "day HH:MM" (e.g. from: "fri 18:00", to: "mon 09:00")', field);
    }
    if (r.days) return fail('a weekly restriction ("fri 18:00" → "mon 09:00") cannot also list days', 'days');
    if (!fromWeekly.ok) return fail(fromWeekly.error, 'from');
    if (!toWeekly.ok) return fail(toWeekly.error, 'to');
    return ok({
      kind: 'weekly',
      fromDay: fromWeekly.value.day,
      from: fromWeekly.value.minute,
      toDay: toWeekly.value.day,
      to: toWeekly.value.minute,
    });
  }
  const from = parseClock(r.from);
  if (!from.ok) return fail(from.error, 'from');
  const to = parseClock(r.to);
  if (!to.ok) return fail(to.error, 'to');
  const days: Weekday[] = [];
  for (const d of r.days ?? WEEKDAYS) {
    const day = parseWeekday(d);
    if (!day.ok) return fail(day.error, 'days');
    if (!days.includes(day.value)) days.push(day.value);
  }
  if (days.length === 0) return fail('restriction days must not be empty (leave "days" out for every day)', 'days');
  days.sort((a, b) => a - b);
  return ok({ kind: 'daily', days, from: from.value, to: to.value });
}

/** The canonical YAML form of a restriction (days in week order, times as HH:MM). */
export function restrictionToConfig(r: Restriction): RestrictionConfig {
  if (r.kind === 'weekly') {
    return {
      from: `${WEEKDAYS[r.fromDay - 1]} ${formatClock(r.from)}`,
      to: `${WEEKDAYS[r.toDay - 1]} ${formatClock(r.to)}`,
    };
  }
  const everyDay = r.days.length === 7;
  return {
    ...(everyDay ? {} : { days: r.days.map((d) => WEEKDAYS[d - 1]) }),
    from: formatClock(r.from),
    to: formatClock(r.to),
  };
}

/** Normalises a wall-clock time ("2026-01-05 9:00" is not accepted; "2026-01-05T09:00" is). */
export function parseLayerTime(text: string): Parsed<string> {
  const trimmed = text.trim();
  const withTime = DATE_ONLY.test(trimmed) ? `${trimmed}T00:00` : trimmed;
  const floating = parseWallClock(withTime);
  if (floating === undefined) {
    return fail(`"${text}" is not a wall-clock time; use YYYY-MM-DDTHH:MM in the schedule's zone`);
  }
  return ok(formatWallClock(floating));
}

/** Checks a `handoffs:` rule; the layer's `start` is its DTSTART. */
export function checkHandoffRule(rule: string, start: string): string | undefined {
  if (/(^|;)\s*(DTSTART|COUNT|UNTIL)\s*=/i.test(rule) || /DTSTART/i.test(rule)) {
    return `handoffs "${rule}": leave out DTSTART, COUNT and UNTIL; the layer's start and end set them`;
  }
  const origin = parseWallClock(start);
  if (origin === undefined) return undefined; // the start itself is reported separately
  try {
    // rrule would read a rule without FREQ (even an empty one) as FREQ=YEARLY.
    if (!/(^|;|:)\s*FREQ\s*=/i.test(rule)) throw new Error('FREQ is missing');
    const r = parseHandoffRule(rule, origin);
    const next = r.after(new Date(origin), true);
    if (!next) return `handoffs "${rule}" never fires`;
    if (!r.after(next, false)) return `handoffs "${rule}" fires only once`;
  } catch (e) {
    // rrule's own TypeErrors say nothing useful to a user; its other messages do.
    const detail = e instanceof TypeError ? '' : ` (${(e as Error).message})`;
    return `handoffs "${rule}" is not a valid RRULE${detail}; e.g. "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0"`;
  }
  return undefined;
}
