// Zone names (issue 13, class 13: `--tz CET` was refused while TZ=CET was accepted). Any name
// the platform knows resolves to its own spelling, and offsets are computed with that
// spelling: "europe/berlin" used to pass the check and then be computed as UTC.

import { describe, expect, test, vi } from 'vitest';
import { canonicalTimeZone, isValidTimeZone, offsetAt, toFloating } from '../../src/core/index.js';
import { at } from './helpers.js';

const WINTER = at('2026-01-15T12:00Z');
const SUMMER = at('2026-07-15T12:00Z');
const HOUR = 3_600_000;

describe('canonicalTimeZone', () => {
  test.each(['Europe/Berlin', 'America/New_York', 'UTC', 'Etc/UTC'])('%s is its own name', (zone) => {
    expect(canonicalTimeZone(zone)).toBe(zone);
  });

  test.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['US/Pacific', 'America/Los_Angeles'],
    ['utc', 'UTC'],
  ])('%s is %s', (name, expected) => {
    expect(canonicalTimeZone(name)).toBe(expected);
  });

  test('CET is a zone with CET rules (+1 in winter, +2 in summer), under an Area/City name', () => {
    const zone = canonicalTimeZone('CET')!;
    expect(zone).toMatch(/^[A-Z][a-z]+\/[A-Za-z_]+$/);
    expect([offsetAt(zone, WINTER), offsetAt(zone, SUMMER)]).toEqual([HOUR, 2 * HOUR]);
    expect(canonicalTimeZone('cet')).toBe(zone);
  });

  test.each(['+01:00', 'UTC+1', 'GMT+1', 'Mars/Base', '', ' ', 'Europe/Berlin ', 'Local', 'Z', 'Europe/../Berlin'])('%j is not a zone', (name) => {
    expect(canonicalTimeZone(name)).toBeUndefined();
  });
});

describe('offsets follow the zone whatever its spelling', () => {
  test.each(['europe/berlin', 'EUROPE/BERLIN', 'Europe/berlin'])('%s is Berlin, not UTC', (name) => {
    expect(isValidTimeZone(name)).toBe(true);
    expect([offsetAt(name, WINTER), offsetAt(name, SUMMER)]).toEqual([HOUR, 2 * HOUR]);
    expect(toFloating(SUMMER, name)).toBe(toFloating(SUMMER, 'Europe/Berlin'));
  });

  test('a link keeps its own name valid and is computed as its zone', () => {
    expect(isValidTimeZone('US/Pacific')).toBe(true);
    expect(offsetAt('US/Pacific', WINTER)).toBe(-8 * HOUR);
  });
});

describe('current names that ICU lists under old ones', () => {
  // Asia/Kolkata is Asia/Calcutta to ICU, Europe/Kyiv is Europe/Kiev. Offsets for them come
  // from the TZ database as written, without an Intl.DateTimeFormat (25-30 ms in a fresh process).
  test.each([
    ['Asia/Kathmandu', 5.75 * HOUR, 5.75 * HOUR],
    ['Asia/Ho_Chi_Minh', 7 * HOUR, 7 * HOUR],
    ['America/Argentina/Buenos_Aires', -3 * HOUR, -3 * HOUR],
    ['Europe/Kyiv', 2 * HOUR, 3 * HOUR],
  ])('%s: valid, and its offsets, with no Intl.DateTimeFormat', (zone, winter, summer) => {
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(isValidTimeZone(zone)).toBe(true);
      expect([offsetAt(zone, WINTER), offsetAt(zone, SUMMER)]).toEqual([winter, summer]);
      expect(made).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
    }
  });

  test('a well-formed name the TZ database does not know is still no zone', () => {
    expect(isValidTimeZone('America/Nowhere')).toBe(false);
    expect(isValidTimeZone('Mars/Base')).toBe(false);
  });
});
