// Zone names (issue 13, class 13: `--tz CET` was refused while TZ=CET was accepted). Any name
// the platform knows resolves to its own spelling, and offsets are computed with that
// spelling: "europe/berlin" used to pass the check and then be computed as UTC.

import { describe, expect, test } from 'vitest';
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
