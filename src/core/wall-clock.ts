// Conversions between UTC instants and wall-clock times in an IANA zone.
//
// Wall-clock times are handled as "floating" milliseconds: the local date and time
// written as if it were UTC. Arithmetic on floating values ignores DST, which is exactly
// what rotations want (a daily 09:00 handoff stays at 09:00). Converting back to an
// instant follows RFC 5545: a time inside a spring-forward gap moves forward by the
// length of the gap, and a time that occurs twice means its first occurrence.

import type { Instant, WallClock } from './types.js';

/** A date without a time: 2026-12-24. */
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// The one home of the time units, in milliseconds.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

// Offsets come from the platform's time-zone database. The obvious way, an
// Intl.DateTimeFormat per zone, costs about 17 ms for the first one in a process (ICU builds
// its calendar machinery), a sixth of `oncall who`'s budget. Switching process.env.TZ and
// asking Date.getTimezoneOffset reads the same database in well under a millisecond, so
// that is used where it works (it is checked once), always restoring TZ afterwards.

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let dtf = formatters.get(zone);
  if (dtf === undefined) {
    try {
      dtf = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      dtf = null;
    }
    formatters.set(zone, dtf);
  }
  return dtf;
}

let knownZones: Set<string> | undefined;
const canonicalNames = new Map<string, string | undefined>();

/**
 * The platform's own name for a zone it knows, in any case and through links (CET is
 * Europe/Brussels, US/Pacific is America/Los_Angeles), or undefined. Offsets such as +01:00,
 * which newer platforms accept, are not zones.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (name === 'UTC' || name === 'Etc/UTC') return name;
  knownZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (knownZones.has(name)) return name;
  if (!canonicalNames.has(name)) {
    // The slow way, once per name: only links and odd spellings come here.
    const resolved = formatterFor(name)?.resolvedOptions().timeZone;
    const known = resolved !== undefined && (resolved === 'UTC' || knownZones.has(resolved));
    canonicalNames.set(name, known ? resolved : undefined);
  }
  return canonicalNames.get(name);
}

/** True for IANA names such as Europe/Berlin or UTC; false for CET, +01:00, typos. */
export function isValidTimeZone(name: string): boolean {
  if (name === 'UTC' || name === 'Etc/UTC') return true;
  return name.includes('/') && zoneForOffsets(name) !== undefined;
}

const offsetNames = new Map<string, string | undefined>();
/** Well-formed Area/Location names, the only ones tried on the TZ database as written. */
const AREA_LOCATION = /^[A-Z][A-Za-z]+(?:\/[A-Z][A-Za-z0-9_+-]*)+$/;
/** Instants at which a real zone is off UTC at least once (winter and summer, three eras). */
const PROBES = [1975, 2000, 2026].flatMap((year) => [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)]);

/**
 * The spelling the TZ database knows `zone` by, for offsets; undefined for no zone. ICU lists
 * many current names under their old ones (Asia/Kolkata as Asia/Calcutta, Europe/Kyiv as
 * Europe/Kiev), so canonicalTimeZone would build an Intl.DateTimeFormat for them: 25-30 ms
 * of every `who` on a schedule in India. The TZ database takes such a name as written, and
 * a name it moves off UTC at some point is one it knows. Anything else goes to Intl.
 */
function zoneForOffsets(zone: string): string | undefined {
  if (zone === 'UTC' || zone === 'Etc/UTC') return zone;
  knownZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (knownZones.has(zone)) return zone;
  if (!offsetNames.has(zone)) offsetNames.set(zone, knownAsWritten(zone) ? zone : canonicalTimeZone(zone));
  return offsetNames.get(zone);
}

function knownAsWritten(zone: string): boolean {
  tzSwitchWorks ??= checkTzSwitch();
  if (!tzSwitchWorks || !AREA_LOCATION.test(zone)) return false;
  const saved = process.env.TZ;
  try {
    process.env.TZ = zone;
    return PROBES.some((instant) => new Date(instant).getTimezoneOffset() !== 0);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

function intlOffset(zone: string, instant: Instant): number {
  const dtf = formatterFor(zone);
  if (!dtf) throw new Error(`unknown time zone ${zone}`);
  const p: Record<string, string> = {};
  for (const part of dtf.formatToParts(instant)) p[part.type] = part.value;
  const year = p.era === 'BC' ? 1 - Number(p.year) : Number(p.year);
  const wall = Date.UTC(year, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  // Intl drops milliseconds; compare with the instant rounded down to its second.
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

let tzSwitchWorks: boolean | undefined;

/** Runs `read` with an offset function for `zone`, by TZ switch where possible. */
function withOffsets<T>(zone: string, read: (offset: (instant: Instant) => number) => T): T {
  tzSwitchWorks ??= checkTzSwitch();
  if (!tzSwitchWorks) return read((instant) => intlOffset(zone, instant));
  const saved = process.env.TZ;
  // The TZ database wants the exact spelling: "europe/berlin" there would silently be UTC.
  process.env.TZ = zoneForOffsets(zone) ?? zone;
  try {
    return read((instant) => -new Date(instant).getTimezoneOffset() * MINUTE_MS);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

/** Whether setting TZ changes what Date reports here (it does not in every embedding). */
function checkTzSwitch(): boolean {
  const saved = process.env.TZ;
  try {
    process.env.TZ = 'Asia/Kolkata';
    const india = new Date(0).getTimezoneOffset();
    process.env.TZ = 'America/New_York';
    const newYork = new Date(0).getTimezoneOffset();
    return india === -330 && newYork === 300;
  } catch {
    return false;
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

/** Per zone and UTC week: the offset, or the minute in the week at which it changes. */
type WeekOffsets = { offset: number } | { change: Instant; before: number; after: number };
const weekCache = new Map<string, Map<number, WeekOffsets>>();

/**
 * Weeks read together, under one switch of TZ: the switch costs far more than the readings
 * (re-applying the benchmark's file reads two years of overrides in seven zones).
 */
const WEEKS_PER_READ = 16;
/** The last week whose instants a Date can hold (±8.64e15 ms). */
const LAST_WEEK = Math.floor(8.64e15 / WEEK_MS) - 1;

/**
 * Offset of the zone from UTC at an instant, in milliseconds. Resolution asks this thousands
 * of times, so each UTC week is looked up once (zones never change offset twice in a week)
 * and, on the rare week with a transition, the minute of the change is found by bisection.
 */
export function offsetAt(zone: string, instant: Instant): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  let weeks = weekCache.get(zone);
  if (!weeks) {
    weeks = new Map();
    weekCache.set(zone, weeks);
  }
  const week = Math.floor(instant / WEEK_MS);
  const entry = weeks.get(week) ?? readWeeks(zone, weeks, week);
  if ('offset' in entry) return entry.offset;
  return instant < entry.change ? entry.before : entry.after;
}

/** Reads `week` and the others of its block that are not known yet; returns `week`'s. */
function readWeeks(zone: string, weeks: Map<number, WeekOffsets>, week: number): WeekOffsets {
  if (zoneForOffsets(zone) === undefined) throw new Error(`unknown time zone ${zone}`);
  const first = week - (((week % WEEKS_PER_READ) + WEEKS_PER_READ) % WEEKS_PER_READ);
  return withOffsets(zone, (offset) => {
    const asked = offsetsOfWeek(offset, week * WEEK_MS);
    weeks.set(week, asked);
    for (let other = Math.max(first, -LAST_WEEK); other < first + WEEKS_PER_READ && other <= LAST_WEEK; other++) {
      if (!weeks.has(other)) weeks.set(other, offsetsOfWeek(offset, other * WEEK_MS));
    }
    return asked;
  });
}

function offsetsOfWeek(offset: (instant: Instant) => number, weekStart: Instant): WeekOffsets {
  const before = offset(weekStart);
  const after = offset(weekStart + WEEK_MS - MINUTE_MS);
  if (before === after) return { offset: before };
  // Transitions fall on whole minutes: bisect to the first minute with the new offset.
  let lo = 0;
  let hi = WEEK_MS / MINUTE_MS - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offset(weekStart + mid * MINUTE_MS) === before) lo = mid + 1;
    else hi = mid;
  }
  return { change: weekStart + lo * MINUTE_MS, before, after };
}

export function toFloating(instant: Instant, zone: string): number {
  return instant + offsetAt(zone, instant);
}

export function fromFloating(floating: number, zone: string): Instant {
  const offsetBefore = offsetAt(zone, floating - DAY_MS);
  const offsetAfter = offsetAt(zone, floating + DAY_MS);
  // Almost always: no transition nearby, a single reading.
  if (offsetBefore === offsetAfter) return floating - offsetBefore;
  const early = floating - offsetBefore;
  const late = floating - offsetAfter;
  const earlyValid = offsetAt(zone, early) === offsetBefore;
  const lateValid = offsetAt(zone, late) === offsetAfter;
  if (earlyValid && lateValid) return Math.min(early, late); // fall-back: first occurrence
  if (earlyValid) return early;
  if (lateValid) return late;
  // Spring-forward gap: read with the offset in force before the jump, which lands
  // the same distance past the jump as the time was past its start.
  return early;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses "YYYY-MM-DDTHH:mm[:ss]" to floating ms, or undefined when malformed or impossible. */
export function parseWallClock(text: string): number | undefined {
  const m = WALL_CLOCK.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Formats floating ms as "YYYY-MM-DDTHH:mm", adding ":ss" only when needed. */
export function formatWallClock(floating: number): WallClock {
  const iso = new Date(floating).toISOString();
  return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19);
}

export function wallClockToInstant(text: WallClock, zone: string): Instant {
  const floating = parseWallClock(text);
  if (floating === undefined) throw new Error(`invalid wall-clock time ${text}`);
  return fromFloating(floating, zone);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar days in the zone: the same wall-clock time N days later (23 or 25 h across DST). */
export function addDays(instant: Instant, days: number, zone: string): Instant {
  return fromFloating(toFloating(instant, zone) + days * DAY_MS, zone);
}

/** Adds whole months to a floating time, keeping the day of month (clamped to the month's end). */
export function addMonths(floating: number, months: number, dayOfMonth: number): number {
  const d = new Date(floating);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(dayOfMonth, daysInMonth(year, month + 1));
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** ISO weekday (1 = Monday) of a floating time. */
export function weekdayOf(floating: number): number {
  const day = new Date(floating).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Floating midnight of the day containing a floating time. */
export function startOfDay(floating: number): number {
  return Math.floor(floating / DAY_MS) * DAY_MS;
}

/** The instant the calendar day containing `instant` begins in `zone`. */
export function startOfDayIn(instant: Instant, zone: string): Instant {
  return fromFloating(startOfDay(toFloating(instant, zone)), zone);
}

