import { describe, expect, test } from 'vitest';
import {
  addMonths,
  formatWallClock,
  fromFloating,
  isValidTimeZone,
  offsetAt,
  parseWallClock,
  toFloating,
  wallClockToInstant,
} from '../../src/core/index.js';
import { BERLIN, LORD_HOWE, NY, at, iso } from './helpers.js';

// DST dates checked with luxon before writing these cases:
//   New York  2026-03-08 07:00Z (-5 → -4),   2026-11-01 06:00Z (-4 → -5)
//   Berlin    2026-03-29 01:00Z (+1 → +2),   2026-10-25 01:00Z (+2 → +1)
//   Lord Howe 2026-10-03 15:30Z (+10:30 → +11), 2026-04-04 15:00Z (+11 → +10:30)
const cases: [name: string, zone: string, wall: string, expected: string][] = [
  ['ordinary winter time', NY, '2026-01-15T09:00', '2026-01-15T14:00Z'],
  ['ordinary summer time', NY, '2026-07-15T09:00', '2026-07-15T13:00Z'],
  ['NY: last minute before the gap', NY, '2026-03-08T01:59', '2026-03-08T06:59Z'],
  ['NY: gap start moves to 03:00 EDT', NY, '2026-03-08T02:00', '2026-03-08T07:00Z'],
  ['NY: 02:30 in the gap becomes 03:30 EDT', NY, '2026-03-08T02:30', '2026-03-08T07:30Z'],
  ['NY: 03:00 after the gap', NY, '2026-03-08T03:00', '2026-03-08T07:00Z'],
  ['NY: 01:30 twice means the first (EDT)', NY, '2026-11-01T01:30', '2026-11-01T05:30Z'],
  ['NY: 01:00 twice means the first', NY, '2026-11-01T01:00', '2026-11-01T05:00Z'],
  ['NY: 02:00 after the overlap', NY, '2026-11-01T02:00', '2026-11-01T07:00Z'],
  ['Berlin: 02:30 in the gap becomes 03:30 CEST', BERLIN, '2026-03-29T02:30', '2026-03-29T01:30Z'],
  ['Berlin: 01:59 before the gap', BERLIN, '2026-03-29T01:59', '2026-03-29T00:59Z'],
  ['Berlin: 02:30 twice means the first (CEST)', BERLIN, '2026-10-25T02:30', '2026-10-25T00:30Z'],
  ['Berlin: 03:00 after the overlap', BERLIN, '2026-10-25T03:00', '2026-10-25T02:00Z'],
  ['Lord Howe: 02:15 in the 30-minute gap becomes 02:45 +11', LORD_HOWE, '2026-10-04T02:15', '2026-10-03T15:45Z'],
  ['Lord Howe: 02:30 right after the gap', LORD_HOWE, '2026-10-04T02:30', '2026-10-03T15:30Z'],
  ['Lord Howe: 01:59 before the gap (+10:30)', LORD_HOWE, '2026-10-04T01:59', '2026-10-03T15:29Z'],
  ['Lord Howe: 01:45 twice means the first (+11)', LORD_HOWE, '2026-04-05T01:45', '2026-04-04T14:45Z'],
  ['Lord Howe: 02:00 after the overlap (+10:30)', LORD_HOWE, '2026-04-05T02:00', '2026-04-04T15:30Z'],
  ['UTC has no DST', 'UTC', '2026-03-29T02:30', '2026-03-29T02:30Z'],
];

describe('wallClockToInstant (RFC 5545 rules)', () => {
  test.each(cases)('%s', (_name, zone, wall, expected) => {
    expect(iso(wallClockToInstant(wall, zone))).toBe(expected);
  });

  test('fromFloating agrees on the same cases', () => {
    for (const [, zone, wall, expected] of cases) {
      expect(iso(fromFloating(Date.parse(`${wall}Z`), zone))).toBe(expected);
    }
  });

  test('the second occurrence of an ambiguous time is not chosen', () => {
    expect(wallClockToInstant('2026-11-01T01:30', NY)).not.toBe(at('2026-11-01T06:30Z'));
    expect(wallClockToInstant('2026-10-25T02:30', BERLIN)).not.toBe(at('2026-10-25T01:30Z'));
  });

  test('accepts seconds and a space separator', () => {
    expect(iso(wallClockToInstant('2026-01-15 09:00:30', NY))).toBe('2026-01-15T14:00:30Z');
  });

  test.each(['2026-02-29T09:00', '2026-13-01T00:00', '2026-01-01T24:00', '2026-01-01T10:60', '2026-01-01', 'soon'])(
    'rejects %s',
    (text) => {
      expect(parseWallClock(text)).toBeUndefined();
      expect(() => wallClockToInstant(text, NY)).toThrow(/invalid wall-clock/);
    },
  );
});

describe('toFloating and offsets', () => {
  test('offsets on both sides of the changes', () => {
    expect(offsetAt(NY, at('2026-03-08T06:59Z'))).toBe(-5 * 3_600_000);
    expect(offsetAt(NY, at('2026-03-08T07:00Z'))).toBe(-4 * 3_600_000);
    expect(offsetAt(LORD_HOWE, at('2026-10-03T15:29Z'))).toBe(10.5 * 3_600_000);
    expect(offsetAt(LORD_HOWE, at('2026-10-03T15:30Z'))).toBe(11 * 3_600_000);
  });

  test('both occurrences of an ambiguous time read back as the same wall clock', () => {
    expect(formatWallClock(toFloating(at('2026-11-01T05:30Z'), NY))).toBe('2026-11-01T01:30');
    expect(formatWallClock(toFloating(at('2026-11-01T06:30Z'), NY))).toBe('2026-11-01T01:30');
    expect(formatWallClock(toFloating(at('2026-04-04T15:15Z'), LORD_HOWE))).toBe('2026-04-05T01:45');
  });

  test('formatWallClock adds seconds only when needed', () => {
    expect(formatWallClock(Date.UTC(2026, 0, 5, 9, 0))).toBe('2026-01-05T09:00');
    expect(formatWallClock(Date.UTC(2026, 0, 5, 9, 0, 7))).toBe('2026-01-05T09:00:07');
  });
});

describe('addMonths', () => {
  const jan31 = Date.UTC(2026, 0, 31, 9, 0);
  test('keeps the day of month, clamped to the month end', () => {
    expect(formatWallClock(addMonths(jan31, 1, 31))).toBe('2026-02-28T09:00');
    expect(formatWallClock(addMonths(jan31, 2, 31))).toBe('2026-03-31T09:00');
    expect(formatWallClock(addMonths(jan31, 3, 31))).toBe('2026-04-30T09:00');
    expect(formatWallClock(addMonths(jan31, 25, 31))).toBe('2028-02-29T09:00');
    expect(formatWallClock(addMonths(jan31, -2, 31))).toBe('2025-11-30T09:00');
  });
});

describe('isValidTimeZone', () => {
  test.each(['Europe/Berlin', 'UTC', 'America/New_York', 'Australia/Lord_Howe'])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });
  test.each(['CET', '+01:00', 'Mars/Base', 'EST', 'europe/berlinx', ''])('rejects %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});
