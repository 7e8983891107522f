// The exact time forms (issue 13, classes 2 and 3): an ISO-shaped text is read exactly or
// refused with the reason, never rolled over (2026-13-01 is not 13 January, 30 February is not
// 2 March, +25:00 is not an offset) and never handed on to the English parser; relative times
// far beyond the range oncall reads are refused before any calendar arithmetic.

import { describe, expect, test } from 'vitest';
import {
  EARLIEST_TIME,
  LATEST_TIME,
  parseExactTime,
  parseFileTime,
  readExactTime,
  timeRangeProblem,
} from '../../src/core/index.js';
import { BERLIN, NY, at, iso } from './helpers.js';

const NOW = at('2026-11-23T12:00Z');

function problem(text: string, zone = BERLIN): string {
  const read = readExactTime(text, NOW, zone);
  if (read === undefined) throw new Error(`"${text}" was not taken as an exact form`);
  if (read.ok) throw new Error(`"${text}" was read as ${iso(read.value)}`);
  return read.error;
}

describe('impossible ISO dates and times are refused with the reason (class 3)', () => {
  test.each([
    ['2026-13-01', /no month 13/],
    ['2026-00-10', /no month 0/],
    ['2026-02-29', /February 2026 has 28 days/],
    ['2026-02-30T09:00', /February 2026 has 28 days/],
    ['2026-04-31', /April 2026 has 30 days/],
    ['2026-12-00', /December 2026 has 31 days/],
    ['2026-12-32', /December 2026 has 31 days/],
    ['2026-11-23T24:00', /no hour 24/],
    ['2026-11-23T25:00', /no hour 25/],
    ['2026-11-23T09:60', /no minute 60/],
    ['2026-11-23T09:61Z', /no minute 61/],
    ['2026-11-23T09:00:60', /no second 60/],
    ['2026-13-01T09:00+01:00', /no month 13/],
  ])('%s', (text, message) => {
    expect(problem(text)).toMatch(message);
    expect(parseExactTime(text, NOW, BERLIN)).toBeUndefined();
  });

  test('29 February exists in a leap year', () => {
    expect(iso(parseExactTime('2028-02-29', NOW, 'UTC')!)).toBe('2028-02-29T00:00Z');
  });
});

describe('offsets beyond ±14:00 or with 60+ minutes are refused (class 3)', () => {
  test.each(['+25:00', '+24:00', '+23:59', '+14:01', '-14:30', '+19', '+05:60', '+0560', '-9900'])('%s', (offset) => {
    expect(problem(`2026-11-23T09:00${offset}`)).toMatch(/impossible offset .*-14:00 to \+14:00/);
  });

  test.each([
    ['+14:00', '2026-11-22T19:00Z'],
    ['-12:00', '2026-11-23T21:00Z'],
    ['+05:45', '2026-11-23T03:15Z'],
    ['-0330', '2026-11-23T12:30Z'],
    ['+01', '2026-11-23T08:00Z'],
    ['Z', '2026-11-23T09:00Z'],
  ])('%s is a real offset', (offset, expected) => {
    expect(iso(parseExactTime(`2026-11-23T09:00${offset}`, NOW, NY)!)).toBe(expected);
  });
});

describe('text shaped like an ISO date is read as one or refused, never guessed (class 3)', () => {
  test.each(['2026-12-1', '2026-1-01', '2026-12-01 9am', '2026-12-01T9:00', '2026-12-01T09', '2026-12-01Tnoon', '2026-12-01 tomorrow', '2026-12-01T09:00+01:00:00', '2026-12-01T09:00 CET'])(
    '%j',
    (text) => {
      expect(problem(text)).toMatch(/not a date and time I can read; write 2026-12-01/);
    },
  );

  test('a fraction of a second is kept with an offset', () => {
    expect(parseExactTime('2026-11-23T09:00:30.250+01:00', NOW, NY)).toBe(at('2026-11-23T08:00:30.250Z'));
  });
});

describe('relative times beyond the range oncall reads are refused before any arithmetic (class 2)', () => {
  test.each(['+99999999d', '-99999999d', '+9999999w', `+${'9'.repeat(400)}h`, '+80000w', '-600000d', '+999999999999m'])('%s', (text) => {
    const started = Date.now();
    expect(problem(text)).toMatch(/outside the times oncall reads \(1970-01-01 to 2100-01-01\)/);
    expect(Date.now() - started).toBeLessThan(500);
  });

  test('within the range they are calendar arithmetic as before', () => {
    expect(iso(parseExactTime('+3650d', NOW, BERLIN)!)).toBe('2036-11-20T12:00Z');
    expect(iso(parseExactTime('-2w', NOW, BERLIN)!)).toBe('2026-11-09T12:00Z');
  });
});

describe('timeRangeProblem: 1970-01-01 to 2100-01-01 (class 2)', () => {
  test.each([EARLIEST_TIME - 1, LATEST_TIME + 1, Number.NaN, Number.POSITIVE_INFINITY, -8.64e15, 8.64e15])('%d is outside', (t) => {
    expect(timeRangeProblem(t)).toMatch(/outside/);
  });
  test.each([EARLIEST_TIME, LATEST_TIME, NOW])('%d is inside', (t) => {
    expect(timeRangeProblem(t)).toBeUndefined();
  });
});

describe('files read the same exact forms', () => {
  test('a good file time is read; an impossible one is not a time', () => {
    expect(iso(parseFileTime('2026-12-24T09:00', BERLIN)!)).toBe('2026-12-24T08:00Z');
    for (const bad of ['2026-13-01', '2026-02-30', '2026-12-24T25:00', '2026-12-24T09:00+25:00', 'now', '+1d']) {
      expect(parseFileTime(bad, BERLIN), bad).toBeUndefined();
    }
  });
});

describe('what is not an exact form is left to the English parser', () => {
  test.each(['tomorrow 9am', 'next friday', 'end of month', '7d', '12/25/2026', 'blorp'])('%j', (text) => {
    expect(readExactTime(text, NOW, BERLIN)).toBeUndefined();
  });
});
