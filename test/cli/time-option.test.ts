// Times on the command line (issue 13, classes 2 and 3), read by src/cli/time-option.ts
// directly. Now is Monday 2026-11-23 12:00Z, 13:00 in Berlin. Every refusal is a UserError
// (exit 2) with one line that names the option; nothing is guessed.

import { describe, expect, test } from 'vitest';
import { parseSinceOption, parseTimeOption } from '../../src/cli/time-option.js';
import { UserError } from '../../src/errors.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const BERLIN = 'Europe/Berlin';
const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');

const read = (text: string, reading: Parameters<typeof parseTimeOption>[4] = false, now = NOW) =>
  parseTimeOption(text, '--at', now, BERLIN, reading).then(iso);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    const value = await promise;
    throw new Error(`accepted as ${typeof value === 'number' ? iso(value) : String(value)}`);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.message.split('\n')).toHaveLength(1);
    return error.message;
  }
}

describe('plain English that is read right', () => {
  test.each([
    // "last X" is behind us, also on the weekday itself, and whatever the command's default.
    ['last monday', '2026-11-15T23:00Z'],
    ['last friday', '2026-11-19T23:00Z'],
    ['last monday 9:00', '2026-11-16T08:00Z'],
    ['past friday', '2026-11-19T23:00Z'],
    // "next X" is ahead.
    ['next monday', '2026-11-29T23:00Z'],
    ['next friday 18:00', '2026-12-04T17:00Z'],
    // A day without a time is its start, in the viewer's zone, not noon.
    ['tomorrow', '2026-11-23T23:00Z'],
    ['dec 1', '2026-11-30T23:00Z'],
    ['1 dec 2026', '2026-11-30T23:00Z'],
    // "end of month" is the moment the month ends.
    ['end of month', '2026-11-30T23:00Z'],
    ['end of the month', '2026-11-30T23:00Z'],
    // Amounts keep the time of day, like -3d.
    ['3 days ago', '2026-11-20T12:00Z'],
    ['in 2 hours', '2026-11-23T14:00Z'],
    ['tomorrow 9am', '2026-11-24T08:00Z'],
  ])('%s → %s', async (text, expected) => {
    expect(await read(text)).toBe(expected);
    expect(await read(text, true)).toBe(expected); // past or future reading: the words decide
  });

  test('"last friday" on a Friday is a week ago; "end of month" on the last day is its midnight', async () => {
    const friday = Date.parse('2026-11-27T10:00:00Z');
    expect(await read('last friday', false, friday)).toBe('2026-11-19T23:00Z');
    const lastDay = Date.parse('2026-11-30T22:30:00Z'); // 23:30 in Berlin
    expect(await read('end of month', false, lastDay)).toBe('2026-11-30T23:00Z');
  });

  test('a bare weekday is the coming one, or for things that happened the latest one', async () => {
    expect(await read('friday')).toBe('2026-11-26T23:00Z');
    expect(await read('friday', true)).toBe('2026-11-19T23:00Z');
  });

  test('time off: a day without a time is the whole day', async () => {
    expect(await read('friday', { wholeDay: 'end' })).toBe('2026-11-27T23:00Z');
    expect(await read('friday', { wholeDay: 'start' })).toBe('2026-11-26T23:00Z');
  });
});

describe('class 3: text that is not a real time is refused, never guessed', () => {
  test.each([
    ['', /--at is empty/],
    ['   ', /--at is empty/],
    ['\t', /--at is empty/],
    ['2026-13-01', /no month 13/],
    ['2026-02-30', /February 2026 has 28 days/],
    ['2026-11-23T25:00', /no hour 25/],
    ['2026-11-23T09:61', /no minute 61/],
    ['2026-11-23T09:00+25:00', /impossible offset \+25:00/],
    ['2026-11-23T09:00-15:00', /impossible offset -15:00/],
    ['2026-12-01 9am', /not a date and time I can read/],
    ['December 32', /year of two digits/],
    ['12/25/26', /year of two digits/],
    ['Feb 30', /not a time I understand/],
    ['friday 25:00', /not a time I understand/],
    ['tomorrow blorp', /not a time I understand/],
    ['blorp tomorrow', /not a time I understand/],
    ['tomorrow tomorrow', /not a time I understand/],
    ['monday to friday', /is a range/],
    ['blorp', /not a time I understand/],
    ['x'.repeat(101), /101 characters long; a time is at most 100/],
    ['tomorrow '.repeat(2000), /characters long/],
  ])('%j', async (text, message) => {
    const error = await refusal(parseTimeOption(text, '--at', NOW, BERLIN));
    expect(error).toMatch(message);
    expect(error).toMatch(/^--at /);
  });
});

describe('class 2: times outside 1970–2100 are refused, quickly', () => {
  test.each(['+99999999d', '-99999999d', '9999-01-01', '1969-12-31T23:59Z', '2100-01-01T00:01Z', 'jan 1 3000', 'in 99999 years', '+1000000h'])(
    '%j',
    async (text) => {
      const started = Date.now();
      expect(await refusal(parseTimeOption(text, '--at', NOW, BERLIN))).toMatch(/outside the times oncall reads \(1970-01-01 to 2100-01-01\)/);
      expect(Date.now() - started).toBeLessThan(1000);
    },
  );

  test('a year past what chrono can count is refused too', async () => {
    expect(await refusal(parseTimeOption('in 999999 years', '--at', NOW, BERLIN))).toMatch(/^--at "in 999999 years" is not a time/);
  });

  test('the bounds themselves are times', async () => {
    expect(await read('1970-01-01T00:00Z')).toBe('1970-01-01T00:00Z');
    expect(await read('2100-01-01T00:00Z')).toBe('2100-01-01T00:00Z');
  });
});

describe('--since always looks back (class 3)', () => {
  const since = (text: string) => parseSinceOption(text, '--since', NOW, BERLIN).then(iso);

  test.each([
    ['7d', '2026-11-16T12:00Z'],
    ['-7d', '2026-11-16T12:00Z'],
    ['7 days', '2026-11-16T12:00Z'],
    ['2w', '2026-11-09T12:00Z'],
    ['90m', '2026-11-23T10:30Z'],
    ['last monday', '2026-11-15T23:00Z'],
    ['yesterday', '2026-11-21T23:00Z'],
    ['2026-11-01', '2026-10-31T23:00Z'],
    ['now', '2026-11-23T12:00Z'],
  ])('%s → %s', async (text, expected) => {
    expect(await since(text)).toBe(expected);
  });

  test.each(['+7d', '+1h', 'tomorrow', 'next friday', 'in 3 days', '2026-12-01', '2099-01-01', 'end of month'])('%j is in the future: refused', async (text) => {
    expect(await refusal(parseSinceOption(text, '--since', NOW, BERLIN))).toMatch(/--since .* is in the future; --since looks back/);
  });

  test.each(['', '7', '99999999d', 'blorp'])('%j is refused', async (text) => {
    expect(await refusal(parseSinceOption(text, '--since', NOW, BERLIN))).toMatch(/^--since /);
  });
});
