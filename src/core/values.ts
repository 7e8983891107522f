// Parsers for the small values of the YAML format and the command line. Each returns the
// parsed value or a message saying what is wrong, so callers can collect every error.

import type { MinuteOfDay, Restriction, ShiftLength, Weekday } from './types.js';
import type { RestrictionConfig } from './config.js';
import { DATE_ONLY, parseWallClock, formatWallClock } from './wall-clock.js';
import { MAX_RULE_LENGTH, readHandoffRule, ruleLabel } from './handoff-rule.js';
import { handoffSequence, HANDOFF_PACE } from './handoff-pace.js';

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

/** The longest shift a file or command may give: a year, in each unit. */
export const MAX_SHIFT: Record<ShiftLength['unit'], number> = { h: 8784, d: 366, w: 52, mo: 12 };

/** A shift length as `apply` and the layer commands accept it: from 1 hour to a year. */
export function checkShiftLength(text: string): Parsed<ShiftLength> {
  const parsed = parseShiftLength(text);
  if (parsed.ok && parsed.value.count > MAX_SHIFT[parsed.value.unit]) {
    return fail(`shift "${text.trim()}" is longer than a year; the longest shifts are ${MAX_SHIFT.h}h, ${MAX_SHIFT.d}d, ${MAX_SHIFT.w}w or ${MAX_SHIFT.mo}mo`);
  }
  return parsed;
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

/**
 * Checks a `handoffs:` rule for a layer that starts at `start` (the rule's DTSTART): it must
 * read (handoff-rule.ts), hand off at the pace of HANDOFF_PACE, and `start` must be its first
 * handoff, so that the file says exactly when the rotation begins.
 */
export function checkHandoffRule(rule: string, start: string): string | undefined {
  // Every command-line change checks the whole stored definition again: remember answers.
  if (rule.length > MAX_RULE_LENGTH) return handoffRuleProblem(rule, start);
  const key = `${start}|${rule}`;
  if (!checked.has(key)) checked.set(key, handoffRuleProblem(rule, start));
  return checked.get(key);
}

const checked = new Map<string, string | undefined>();

function handoffRuleProblem(rule: string, start: string): string | undefined {
  const parts = readHandoffRule(rule);
  if (!parts.ok) return parts.error;
  const origin = parseWallClock(start);
  if (origin === undefined) return undefined; // the start itself is reported separately
  const sequence = handoffSequence(parts.value, origin, HANDOFF_PACE, rule);
  if (!sequence.ok) return sequence.error;
  const first = sequence.value.kind === 'periodic' ? sequence.value.first[0] : sequence.value.known[0];
  if (first === origin) return undefined;
  return `start ${start} is not a handoff of ${ruleLabel(rule)}; its first handoff after that is ${formatWallClock(first)}: start the layer then, or change the rule`;
}
