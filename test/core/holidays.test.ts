import { describe, expect, test } from 'vitest';
import { holidayRegionKey, isKnownHolidayRegion, publicHolidaysOfYear } from '../../src/core/holidays.js';
import { holidaysInWindow, holidayYearsOf } from '../../src/core/holiday-window.js';
import type { Instant } from '../../src/core/types.js';
import { at, iso } from './helpers.js';

const publicHolidays = (code: string, from: Instant, to: Instant) =>
  holidaysInWindow(holidayYearsOf(from, to).map((year) => publicHolidaysOfYear(code, year)), from, to);

const view = (code: string, from: string, to: string) =>
  publicHolidays(code, at(from), at(to)).map((h) => ({ date: h.date, start: iso(h.start), end: iso(h.end), name: h.name }));

describe('isKnownHolidayRegion', () => {
  test('countries and country-states the data set has, in any case', () => {
    // The Cook Islands' states are names in the data set, not codes.
    for (const code of ['DE', 'DE-BE', 'US', 'US-CA', 'GB', 'de-be', 'us-ca', 'gb-sct', 'CK-rarotonga']) {
      expect(isKnownHolidayRegion(code)).toBe(true);
    }
  });

  test('unknown countries, unknown states and malformed codes', () => {
    for (const code of ['XX', 'DE-XX', 'US-ZZ', '', 'Germany', 'DE_BE', 'DE-BE-B', 'toString', 'DE-constructor']) {
      expect(isKnownHolidayRegion(code)).toBe(false);
    }
    expect(() => publicHolidaysOfYear('XX', 2026)).toThrow('unknown holiday region XX');
  });

  test('the key of a region is spelled as the data set spells it', () => {
    expect(['de-be', 'DE', 'us-ca', 'ck-rarotonga', 'XX'].map(holidayRegionKey)).toEqual(['DE-BE', 'DE', 'US-CA', 'CK-Rarotonga', undefined]);
  });
});

describe('publicHolidays', () => {
  test('Christmas in Berlin, which starts at local midnight, 23:00Z in winter (UTC+1)', () => {
    expect(view('DE-BE', '2026-12-20T00:00Z', '2026-12-28T00:00Z')).toEqual([
      // Dec 24 is only a half-day "bank" holiday from 14:00 and is left out.
      { date: '2026-12-25', start: '2026-12-24T23:00Z', end: '2026-12-25T23:00Z', name: '1. Weihnachtstag' },
      { date: '2026-12-26', start: '2026-12-25T23:00Z', end: '2026-12-26T23:00Z', name: '2. Weihnachtstag' },
    ]);
  });

  test('Thanksgiving 2026 is Thu Nov 26, from midnight in New York (UTC−5) = 05:00Z', () => {
    // Nov 1 2026 is a Sunday, so Thursdays fall on 5, 12, 19, 26: the fourth is the 26th.
    // The day after is only an observance for the whole US and is left out.
    expect(view('US', '2026-11-20T00:00Z', '2026-11-30T00:00Z')).toEqual([
      { date: '2026-11-26', start: '2026-11-26T05:00Z', end: '2026-11-27T05:00Z', name: 'Thanksgiving Day' },
    ]);
  });

  test('a state is read in its own zone: California midnight is 08:00Z (UTC−8)', () => {
    const [thanksgiving] = view('us-ca', '2026-11-26T00:00Z', '2026-11-27T00:00Z');
    expect(thanksgiving).toEqual({ date: '2026-11-26', start: '2026-11-26T08:00Z', end: '2026-11-27T08:00Z', name: 'Thanksgiving Day' });
  });

  test('a window across a new year asks both years', () => {
    expect(view('DE-BE', '2026-12-20T00:00Z', '2027-01-10T00:00Z').map((h) => [h.date, h.start])).toEqual([
      ['2026-12-25', '2026-12-24T23:00Z'],
      ['2026-12-26', '2026-12-25T23:00Z'],
      ['2027-01-01', '2026-12-31T23:00Z'], // Berlin midnight of Jan 1 is still Dec 31 in UTC
    ]);
  });

  test('a holiday whose local year has begun while UTC is still in the old one', () => {
    // New Zealand is UTC+13 in summer: Jan 1 2027 00:00 there is Dec 31 2026 11:00Z, so a
    // one-hour window in UTC's 2026 must still ask for 2027's holidays.
    expect(view('NZ', '2026-12-31T11:00Z', '2026-12-31T12:00Z')).toEqual([
      { date: '2027-01-01', start: '2026-12-31T11:00Z', end: '2027-01-01T11:00Z', name: "New Year's Day" },
    ]);
  });

  test('only holidays that overlap the window, touching ends excluded', () => {
    // Christmas Day is [Dec 24 23:00Z, Dec 25 23:00Z); Boxing Day follows it.
    expect(view('DE-BE', '2026-12-25T22:00Z', '2026-12-25T23:00Z').map((h) => h.date)).toEqual(['2026-12-25']);
    expect(view('DE-BE', '2026-12-25T23:00Z', '2026-12-26T00:00Z').map((h) => h.date)).toEqual(['2026-12-26']);
    expect(view('DE-BE', '2026-12-26T23:00Z', '2026-12-31T23:00Z')).toEqual([]);
    expect(view('DE-BE', '2026-12-25T00:00Z', '2026-12-25T00:00Z')).toEqual([]); // empty window
  });

  test('state holidays: Berlin has Women’s Day (Mar 8), Germany as a whole does not', () => {
    expect(view('DE-BE', '2026-03-01T00:00Z', '2026-03-15T00:00Z').map((h) => h.date)).toEqual(['2026-03-08']);
    expect(view('DE', '2026-03-01T00:00Z', '2026-03-15T00:00Z')).toEqual([]);
  });

  test('two public holidays on one date become one entry covering both', () => {
    // Albania, Nov 30 2026: both the Independence Day (Nov 28) and the Liberation Day
    // (Nov 29) fall on a weekend and are moved to Monday the 30th.
    const monday = view('AL', '2026-11-30T00:00Z', '2026-11-30T12:00Z');
    expect(monday).toHaveLength(1);
    expect(monday[0].date).toBe('2026-11-30');
    expect(monday[0].name.split(', ')).toHaveLength(2);
  });
});
