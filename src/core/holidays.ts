// Public holidays of a country or a country's state, from the date-holidays data set.

import Holidays from 'date-holidays';
import type { Instant } from './types.js';
import { HOLIDAY_REGION } from './values.js';
import { DAY_MS } from './wall-clock.js';

export interface PublicHoliday {
  /** As the library gives it in the region's own zone: mostly local midnight to midnight. */
  start: Instant;
  end: Instant;
  /** Local date, "YYYY-MM-DD". */
  date: string;
  /** In the region's language, as the library gives it ("1. Weihnachtstag" for DE). */
  name: string;
}


// Building a Holidays object compiles the region's rules; reuse one per region. A year's
// holidays cost the library 10-60 ms (moment parses every date it gives), so each region's
// public holidays of a year are computed once: a report asks for them per person's zone.
const calendars = new Map<string, Holidays>();
const years = new Map<string, PublicHoliday[]>();
let catalogue: Holidays | undefined; // an empty one, only for the lists of countries and states
let countries: Record<string, string> | undefined; // the library names each one on every call

/** Splits "de-be" into ["DE", "BE"], spelled as the library spells them, when it knows them. */
function parseRegion(code: string): [string, string | undefined] | undefined {
  const m = HOLIDAY_REGION.exec(code.trim());
  if (!m) return undefined;
  catalogue ??= new Holidays();
  // The library's init() accepts any code (an unknown one simply has no holidays), so the
  // code is checked against its lists of countries and states instead. Those are mostly
  // upper case, but not all (the Cook Islands' states are names such as "Rarotonga").
  const country = m[1].toUpperCase();
  countries ??= catalogue.getCountries();
  if (!Object.hasOwn(countries, country)) return undefined;
  if (m[2] === undefined) return [country, undefined];
  const wanted = m[2].toUpperCase();
  const state = Object.keys(catalogue.getStates(country) ?? {}).find((s) => s.toUpperCase() === wanted);
  return state === undefined ? undefined : [country, state];
}

/** True for a country ("DE", "us") or a country and state ("DE-BE", "US-CA") the data set has. */
export function isKnownHolidayRegion(code: string): boolean {
  return parseRegion(code) !== undefined;
}

/** The region's key ("DE-BE") and its calendar; throws for a region the data set does not know. */
function calendarFor(code: string): [string, Holidays] {
  const region = parseRegion(code);
  if (!region) throw new Error(`unknown holiday region ${code}`);
  const key = region.join('-');
  let calendar = calendars.get(key);
  if (!calendar) {
    const [country, state] = region;
    calendar = state === undefined ? new Holidays(country) : new Holidays(country, state);
    calendars.set(key, calendar);
  }
  return [key, calendar];
}

/** The public holidays of a local calendar year, in the library's order, as it gives them. */
function publicOfYear(key: string, calendar: Holidays, year: number): PublicHoliday[] {
  let found = years.get(`${key}|${year}`);
  if (!found) {
    found = calendar.getHolidays(year)
      .filter((h) => h.type === 'public')
      // "2026-12-25 00:00:00" → "2026-12-25"
      .map((h) => ({ start: h.start.getTime(), end: h.end.getTime(), date: h.date.slice(0, 10), name: h.name }));
    years.set(`${key}|${year}`, found);
  }
  return found;
}

/**
 * The public holidays (not bank holidays or observances) of a region that overlap
 * [from, to), sorted, one per local date. Throws for a region the data set does not know.
 */
export function publicHolidays(code: string, from: Instant, to: Instant): PublicHoliday[] {
  const [key, calendar] = calendarFor(code);
  if (to <= from) return [];
  // The library works in local calendar years. A region's year starts up to 14 hours away
  // from the UTC one, so a day of margin on each side catches every year the window touches.
  const firstYear = new Date(from - DAY_MS).getUTCFullYear();
  const lastYear = new Date(to + DAY_MS).getUTCFullYear();
  const byDate = new Map<string, PublicHoliday>();
  for (let year = firstYear; year <= lastYear; year++) {
    for (const h of publicOfYear(key, calendar, year)) {
      const { start, end, date } = h;
      if (end <= from || start >= to) continue;
      // A date can carry two public holidays (a moving feast on a national day). They become
      // one entry whose span covers both: Islamic holidays start at 18:00 the evening before.
      const same = byDate.get(date);
      byDate.set(
        date,
        same
          ? { start: Math.min(same.start, start), end: Math.max(same.end, end), date, name: `${same.name}, ${h.name}` }
          : { ...h },
      );
    }
  }
  return [...byDate.values()].sort((a, b) => a.start - b.start);
}
