// Public holidays of a country or a country's state, from the date-holidays data set: the
// library is loaded only by the modules that import this one, when a cached answer will not do
// (see app/holiday-years.ts).

import Holidays from 'date-holidays';
import type { PublicHoliday } from './holiday-window.js';
import { HOLIDAY_REGION } from './values.js';

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

/** The region's key as the library spells it ("de-be" → "DE-BE"), if the data set knows it. */
export function holidayRegionKey(code: string): string | undefined {
  return parseRegion(code)?.filter((part) => part !== undefined).join('-');
}

/** The public holidays of a region's local calendar year, in the library's order. */
export function publicHolidaysOfYear(code: string, year: number): PublicHoliday[] {
  const [key, calendar] = calendarFor(code);
  return publicOfYear(key, calendar, year);
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
