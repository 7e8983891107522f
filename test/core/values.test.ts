import { describe, expect, test } from 'vitest';
import {
  checkHandoffRule,
  parseClock,
  parseExactTime,
  parseRestriction,
  parseShiftLength,
  parseWeekday,
  type Parsed,
} from '../../src/core/index.js';
import { BERLIN, NY, at, iso } from './helpers.js';

const value = <T>(p: Parsed<T>): T => {
  if (!p.ok) throw new Error(`expected a value, got error: ${p.error}`);
  return p.value;
};
const error = <T>(p: Parsed<T>): string => {
  if (p.ok) throw new Error(`expected an error, got ${JSON.stringify(p.value)}`);
  return p.error;
};

describe('parseShiftLength', () => {
  test.each([
    ['1w', 1, 'w'],
    ['12h', 12, 'h'],
    ['2d', 2, 'd'],
    ['1mo', 1, 'mo'],
    [' 3 d ', 3, 'd'],
  ])('%j → %i %s', (text, count, unit) => {
    expect(value(parseShiftLength(text))).toEqual({ count, unit });
  });
  test.each(['0d', '-1d', '1.5d', '1m', '1y', 'w', '1', '', '10001h', '1 week'])('rejects %j', (text) => {
    expect(error(parseShiftLength(text))).toMatch(/h, d, w or mo/);
  });
});

describe('parseClock', () => {
  test.each([
    ['09:00', 540],
    ['9:05', 545],
    ['00:00', 0],
    ['23:59', 1439],
  ])('%s → %i', (text, minutes) => {
    expect(value(parseClock(text))).toBe(minutes);
  });
  test.each(['24:00', '12:60', '9', '09:00:00', 'noon', '9am', ''])('rejects %j', (text) => {
    expect(error(parseClock(text))).toMatch(/HH:MM/);
  });
});

describe('parseWeekday', () => {
  test.each([
    ['mon', 1],
    ['Sun', 7],
    ['FRI', 5],
    ['friday', 5],
    ['Wednesday', 3],
  ])('%s → %i', (text, day) => {
    expect(value(parseWeekday(text))).toBe(day);
  });
  test.each(['fr', 'mo', 'fri.', 'funday', 'mond', ''])('rejects %j', (text) => {
    expect(error(parseWeekday(text))).toMatch(/not a day/);
  });
});

describe('parseRestriction', () => {
  test('daily form, every day by default', () => {
    expect(value(parseRestriction({ from: '09:00', to: '17:00' }))).toEqual({ kind: 'daily', days: [1, 2, 3, 4, 5, 6, 7], from: 540, to: 1020 });
  });
  test('daily form: days sorted and deduplicated, overnight kept as written', () => {
    expect(value(parseRestriction({ days: ['fri', 'mon', 'Mon'], from: '20:00', to: '08:00' }))).toEqual({ kind: 'daily', days: [1, 5], from: 1200, to: 480 });
  });
  test('weekly form', () => {
    expect(value(parseRestriction({ from: 'fri 18:00', to: 'mon 09:00' }))).toEqual({ kind: 'weekly', fromDay: 5, from: 1080, toDay: 1, to: 540 });
  });
  test.each([
    [{ from: 'fri 18:00', to: '09:00' }, /both ends as "day HH:MM"/],
    [{ from: '18:00', to: 'mon 09:00' }, /both ends as "day HH:MM"/],
    [{ days: ['fri'], from: 'fri 18:00', to: 'mon 09:00' }, /cannot also list days/],
    [{ from: 'fry 18:00', to: 'mon 09:00' }, /"fry" is not a day/],
    [{ from: 'fri 25:00', to: 'mon 09:00' }, /"25:00" is not a time of day/],
    [{ from: '9', to: '17:00' }, /"9" is not a time of day/],
    [{ from: '09:00', to: '17:60' }, /"17:60" is not a time of day/],
    [{ days: [], from: '09:00', to: '17:00' }, /must not be empty/],
    [{ days: ['mon', 'xyz'], from: '09:00', to: '17:00' }, /"xyz" is not a day/],
  ])('rejects %j', (config, message) => {
    expect(error(parseRestriction(config))).toMatch(message);
  });
});

describe('checkHandoffRule', () => {
  const start = '2026-01-05T09:00';
  test.each([
    'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0',
    'RRULE:FREQ=DAILY;INTERVAL=2',
    'FREQ=MONTHLY;BYDAY=1MO',
  ])('accepts %s', (rule) => {
    expect(checkHandoffRule(rule, start)).toBeUndefined();
  });
  test.each([
    'FREQ=WEEKLY;COUNT=3',
    'FREQ=WEEKLY;UNTIL=20270101T000000Z',
    'DTSTART=20260101T000000Z;FREQ=WEEKLY',
    'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY',
  ])('rejects DTSTART, COUNT and UNTIL: %j', (rule) => {
    expect(checkHandoffRule(rule, start)).toMatch(/leave out DTSTART, COUNT and UNTIL/);
  });
  test.each(['garbage', 'FOO=BAR', 'FREQ=DAILY;BYDAY=XX', 'FREQ=SOMETIMES', '', 'BYDAY=MO'])('rejects garbage: %j', (rule) => {
    expect(checkHandoffRule(rule, start)).toMatch(/is not a valid RRULE/);
  });
  test('rejects a rule that never fires', () => {
    expect(checkHandoffRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', start)).toMatch(/never fires/);
  });
  test('leaves a bad start to be reported elsewhere', () => {
    expect(checkHandoffRule('FREQ=DAILY', 'not a time')).toBeUndefined();
  });
});

describe('parseExactTime', () => {
  const now = at('2026-03-10T13:00Z'); // 09:00 in New York (EDT)

  test('now', () => {
    expect(parseExactTime('now', now, NY)).toBe(now);
    expect(parseExactTime(' NOW ', now, NY)).toBe(now);
  });

  test.each([
    ['+2h', '2026-03-10T15:00Z'],
    ['-90m', '2026-03-10T11:30Z'],
    ['+3 hours', '2026-03-10T16:00Z'],
    ['+1d', '2026-03-11T13:00Z'],
    // Days are calendar days in the zone: 3 days back is 09:00 EST, 73 hours earlier.
    ['-3d', '2026-03-07T14:00Z'],
    ['-1w', '2026-03-03T14:00Z'],
  ])('relative %s in New York', (text, expected) => {
    expect(iso(parseExactTime(text, now, NY)!)).toBe(expected);
  });

  test('+1w across the Berlin spring change keeps 09:00', () => {
    expect(iso(parseExactTime('+1w', at('2026-03-25T08:00Z'), BERLIN)!)).toBe('2026-04-01T07:00Z');
  });

  test.each([
    ['2026-11-23T08:00:00Z', '2026-11-23T08:00Z'],
    ['2026-11-23t08:00z', '2026-11-23T08:00Z'],
    ['2026-11-23T09:00+01:00', '2026-11-23T08:00Z'],
    ['2026-11-23T09:00:30+0100', '2026-11-23T08:00:30Z'],
    ['2026-11-23 09:00 -05', '2026-11-23T14:00Z'],
  ])('ISO with offset %s', (text, expected) => {
    expect(iso(parseExactTime(text, now, NY)!)).toBe(expected);
    expect(iso(parseExactTime(text, now, BERLIN)!)).toBe(expected); // the zone does not matter
  });

  test.each([
    ['2026-11-23T09:00', BERLIN, '2026-11-23T08:00Z'],
    ['2026-11-23T09:00', NY, '2026-11-23T14:00Z'],
    ['2026-07-01T09:00', BERLIN, '2026-07-01T07:00Z'],
    ['2026-03-08T02:30', NY, '2026-03-08T07:30Z'],
    ['2026-11-01T01:30', NY, '2026-11-01T05:30Z'],
    ['2026-07-01', BERLIN, '2026-06-30T22:00Z'],
    ['2026-01-15', NY, '2026-01-15T05:00Z'],
  ])('without offset, %s is wall clock in %s', (text, zone, expected) => {
    expect(iso(parseExactTime(text, now, zone)!)).toBe(expected);
  });

  test.each(['tomorrow 9am', 'next friday 18:00', '2026-02-30', '2026-11-23T25:00Z', '+2y', '2 hours', ''])(
    '%j is not an exact time',
    (text) => {
      expect(parseExactTime(text, now, NY)).toBeUndefined();
    },
  );
});
