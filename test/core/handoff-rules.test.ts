// Handoff rules and shift lengths are checked in bounded time: every hostile rule (one that
// never fires, fires every second, loops rrule for ever, or is not a rule at all) is refused
// with a message that says what to do, well under a second; a stored one from an older
// version makes its layer unusable (named) instead of hanging a read.

import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import {
  checkHandoffRule,
  checkShiftLength,
  layerShifts,
  makeRotation,
  MAX_LAYER_SHIFTS,
  rotationProblem,
  type Parsed,
} from '../../src/core/index.js';
import { UnusableRotation } from '../../src/errors.js';
import { at, layer, win } from './helpers.js';

const MONDAY = '2026-01-05T09:00';
/** Refusing must take well under a second; the slowest case measured takes about 60 ms. */
const BOUND_MS = 1000;

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

// Rule, layer start, what the message must say.
const hostileRules: [string, string, RegExp][] = [
  ['FREQ=SECONDLY', MONDAY, /more than once an hour; use FREQ=HOURLY/],
  ['FREQ=MINUTELY', MONDAY, /more than once an hour/],
  ['FREQ=MINUTELY;INTERVAL=60', MONDAY, /more than once an hour/],
  ['FREQ=DAILY;BYHOUR=99', MONDAY, /BYHOUR value "99" is not 0 to 23/],
  ['FREQ=HOURLY;BYMINUTE=75', MONDAY, /BYMINUTE value "75" is not 0 to 59/],
  ['FREQ=WEEKLY;BYHOUR=-1', MONDAY, /BYHOUR value "-1"/],
  ['FREQ=WEEKLY;INTERVAL=-1', MONDAY, /INTERVAL=-1; with FREQ=WEEKLY it must be a whole number from 1 to 52/],
  ['FREQ=WEEKLY;INTERVAL=0', MONDAY, /INTERVAL=0;/],
  ['FREQ=WEEKLY;INTERVAL=100000', MONDAY, /INTERVAL=100000;/],
  ['FREQ=WEEKLY;INTERVAL=1.5', MONDAY, /not a valid RRULE|INTERVAL/],
  ['FREQ=MONTHLY;INTERVAL=13', MONDAY, /from 1 to 12/],
  // rrule walks this grid (21, 1, 5, 9, 13, 17) for ever looking for 11 o'clock.
  ['FREQ=HOURLY;INTERVAL=4;BYHOUR=11', '2026-01-05T21:00', /never fires/],
  ['FREQ=DAILY;INTERVAL=7;BYDAY=TU', MONDAY, /never fires/],
  ['FREQ=HOURLY;INTERVAL=24;BYDAY=MO;BYHOUR=10', MONDAY, /never fires/],
  ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', MONDAY, /never fires/],
  // From 1971 the 400-year moves land furthest from the year 9999: the longest walk.
  ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30', '1971-01-04T09:00', /never fires/],
  ['FREQ=MONTHLY;BYMONTHDAY=1,2,3;BYSETPOS=40', '2026-01-01T09:00', /never fires/],
  ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2028-02-29T09:00', /more than 371 days without a handoff after 2028-02-29T09:00/],
  ['FREQ=YEARLY;BYYEARDAY=366', '2028-12-31T09:00', /more than 371 days without a handoff/],
  ['FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO', '2026-12-28T09:00', /more than 371 days without a handoff/],
  ['FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR', '2026-02-13T09:00', /more than 371 days without a handoff/],
  ['FREQ=HOURLY;INTERVAL=8783;BYDAY=MO', MONDAY, /more than 371 days/],
  ['FREQ=HOURLY;BYMINUTE=0,30', MONDAY, /twice within an hour \(2026-01-05T09:00 and 2026-01-05T09:30\)/],
  ['FREQ=DAILY;BYHOUR=9;BYMINUTE=0,1', MONDAY, /twice within an hour/],
  ['FREQ=HOURLY;BYSECOND=0,30', MONDAY, /twice within an hour/],
  ['FREQ=WEEKLY;BYDAY=MO;BYHOUR=9', '2026-01-06T21:00', /start 2026-01-06T21:00 is not a handoff of .*first handoff after that is 2026-01-12T09:00/],
  ['FREQ=WEEKLY;COUNT=1', MONDAY, /leave out DTSTART, COUNT and UNTIL/],
  ['FREQ=WEEKLY;UNTIL=20200101T000000Z', MONDAY, /leave out DTSTART, COUNT and UNTIL/],
  ['DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', MONDAY, /leave out DTSTART/],
  ['', MONDAY, /not a valid RRULE \(FREQ is missing\)/],
  ['   ', MONDAY, /FREQ is missing/],
  ['garbage', MONDAY, /not a valid RRULE/],
  ['BYDAY=MO', MONDAY, /FREQ is missing/],
  ['FREQ=WEEKLY;', MONDAY, /an empty part/],
  ['FREQ=SOMETIMES', MONDAY, /FREQ=SOMETIMES is not HOURLY/],
  ['FREQ=WEEKLY;FOO=1', MONDAY, /FOO is not a rule part/],
  ['FREQ=WEEKLY;BYDAY=MO;BYDAY=TU', MONDAY, /BYDAY is given twice/],
  ['FREQ=WEEKLY;BYEASTER=0', MONDAY, /BYEASTER/],
  ['FREQ=WEEKLY;WKST=XX', MONDAY, /WKST=XX is not a day/],
  ['FREQ=DAILY;BYMONTHDAY=1', '2026-01-01T09:00', /BYMONTHDAY, which needs FREQ=MONTHLY or FREQ=YEARLY/],
  ['FREQ=WEEKLY;BYSETPOS=1;BYDAY=MO', MONDAY, /BYSETPOS, which needs/],
  ['FREQ=WEEKLY;BYDAY=1MO', MONDAY, /numbered day .* needs FREQ=MONTHLY or YEARLY/],
  ['FREQ=MONTHLY;BYDAY=6MO', MONDAY, /the number must be 1 to 5/],
  ['FREQ=MONTHLY;BYSETPOS=1', MONDAY, /BYSETPOS needs another BY part/],
  ['x'.repeat(1_000_000), MONDAY, /is 1000000 characters long; a handoff rule has at most 2000/],
  ['FREQ=WEEKLY;\u001b]0;owned\u0007', MONDAY, /not a valid RRULE/],
];

describe('handoff rules from files and commands', () => {
  const named = hostileRules.map(([rule, start, message]) => [rule.length > 80 ? `a rule of ${rule.length} characters` : JSON.stringify(rule), start, rule, message] as const);
  test.each(named)('refuses %s from %s in bounded time', (_name, start, rule, message) => {
    const { value, ms } = timed(() => checkHandoffRule(rule, start));
    expect(value).toMatch(message);
    expect(value!.length, 'the message is one short line').toBeLessThan(300);
    expect(value).not.toMatch(/[\u0000-\u001f]/);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  test.each([
    ['FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0', MONDAY],
    ['FREQ=WEEKLY;INTERVAL=2', MONDAY],
    ['FREQ=WEEKLY;INTERVAL=52', MONDAY],
    ['RRULE:freq=daily;interval=2', MONDAY],
    ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', MONDAY],
    ['FREQ=DAILY;INTERVAL=366', MONDAY],
    ['FREQ=HOURLY;INTERVAL=8', '2026-01-05T00:00'],
    ['FREQ=HOURLY;BYHOUR=9,21;BYMINUTE=0', MONDAY],
    ['FREQ=HOURLY;INTERVAL=5;BYDAY=MO;BYHOUR=9', MONDAY],
    ['FREQ=MONTHLY;BYDAY=1MO', MONDAY],
    ['FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17;BYMINUTE=0', '2026-01-30T17:00'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2026-01-30T09:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', '2026-01-01T09:00'],
    ['FREQ=MONTHLY;INTERVAL=12', MONDAY],
    ['FREQ=YEARLY', MONDAY],
    ['FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1', '2026-01-01T00:00'],
    ['FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;BYHOUR=3', '2026-03-08T03:00'], // 371 days to 14 Mar 2027
  ])('accepts %j from %s', (rule, start) => {
    const { value, ms } = timed(() => checkHandoffRule(rule, start));
    expect(value).toBeUndefined();
    expect(ms).toBeLessThan(BOUND_MS);
  });
});

describe('shift lengths from files and commands', () => {
  const error = (p: Parsed<unknown>) => (p.ok ? undefined : p.error);
  test.each([
    ['10000w', /shift "10000w" is longer than a year; the longest shifts are 8784h, 366d, 52w or 12mo/],
    ['53w', /longer than a year/],
    ['13mo', /longer than a year/],
    ['367d', /longer than a year/],
    ['8785h', /longer than a year/],
    ['0h', /positive number followed by h, d, w or mo/],
    ['30m', /h, d, w or mo/],
    ['1.5d', /h, d, w or mo/],
    ['-1d', /h, d, w or mo/],
    ['', /h, d, w or mo/],
    ['99999999999999999999w', /h, d, w or mo/],
  ])('refuses %j', (text, message) => {
    expect(error(checkShiftLength(text))).toMatch(message);
  });
  test.each(['1h', '8784h', '366d', '52w', '12mo'])('accepts %j', (text) => {
    expect(checkShiftLength(text).ok).toBe(true);
  });
});

describe('a rule stored by an older version', () => {
  // What reads must survive: each is refused at the door now, but may be in a database.
  const stored: [string, string, RegExp][] = [
    ['FREQ=SECONDLY', MONDAY, /more than once an hour/],
    ['FREQ=DAILY;BYHOUR=99', MONDAY, /BYHOUR value "99"/],
    ['FREQ=WEEKLY;INTERVAL=-1', MONDAY, /INTERVAL=-1/],
    ['FREQ=HOURLY;INTERVAL=4;BYHOUR=11', '2026-01-05T21:00', /never fires/],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', MONDAY, /never fires/],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2028-02-29T09:00', /more than 371 days/],
    ['FREQ=HOURLY;BYSECOND=0,30', MONDAY, /twice within a minute/],
    ['garbage', MONDAY, /not a valid RRULE/],
  ];
  test.each(stored)('%j makes its layer unusable, named, in bounded time', (rule, start, message) => {
    const l = layer({ id: 'weekdays', start, handoffs: rule });
    const { value, ms } = timed(() => rotationProblem(l));
    expect(value).toMatch(/^layer "weekdays": /);
    expect(value).toMatch(message);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(() => layerShifts(l, win('2026-01-01T00:00Z', '2026-02-01T00:00Z'))).toThrow(UnusableRotation);
    expect(() => makeRotation('UTC', start, { handoffs: rule })).toThrow(UnusableRotation);
  });

  test('a layer with neither a shift nor a rule (an unreadable stored shift) is unusable, not a crash', () => {
    expect(rotationProblem(layer({ id: 'odd', start: MONDAY }))).toMatch(/layer "odd": it has neither a shift length nor a handoff rule/);
  });

  test('what reads still compute: a stored start that is not a handoff begins at the first one after it', () => {
    expect(rotationProblem(layer({ start: '2026-01-06T09:00', handoffs: 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0' }))).toBeUndefined();
    expect(rotationProblem(layer({ start: MONDAY, handoffs: 'FREQ=HOURLY;BYMINUTE=0,30' }))).toBeUndefined();
  });

  test('one question lists at most MAX_LAYER_SHIFTS shifts of a layer: a once-a-minute rule over a year is refused, quickly', () => {
    const everyMinute = layer({ id: 'minutes', start: MONDAY, handoffs: `FREQ=HOURLY;BYMINUTE=${Array.from({ length: 60 }, (_, m) => m).join(',')}` });
    const month = timed(() => layerShifts(everyMinute, win('2026-02-01T00:00Z', '2026-02-22T00:00Z')));
    expect(month.value).toHaveLength(21 * 24 * 60); // under the bound: answered
    const { ms } = timed(() => expect(() => layerShifts(everyMinute, win('2026-02-01T00:00Z', '2027-02-01T00:00Z'))).toThrow(
      new RegExp(`layer "minutes": it has 525600 shifts in the time asked about, more than the ${MAX_LAYER_SHIFTS}`),
    ));
    expect(ms).toBeLessThan(BOUND_MS);
  });
});

// The rule is now built from its checked parts rather than by rrule's parser: the handoffs
// must be exactly those rrule's own reading of the text gives.
describe('checked rules hand off exactly where rrule says', () => {
  const { RRule } = createRequire(import.meta.url)('rrule') as typeof import('rrule');
  test.each([
    ['FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0', MONDAY],
    ['FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,WE', '2026-01-04T18:30'],
    ['FREQ=DAILY;INTERVAL=3;BYHOUR=2,14', '2026-01-01T02:00'],
    ['FREQ=HOURLY;INTERVAL=7;BYDAY=SA,SU;BYMINUTE=15', '2026-01-03T00:15'],
    ['FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17;BYMINUTE=0', '2026-01-30T17:00'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2026-01-30T09:00'],
    ['FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1', '2026-01-31T08:00'],
    ['FREQ=YEARLY;BYWEEKNO=1,27;BYDAY=MO', '2026-06-29T09:00'],
    ['FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;BYHOUR=3', '2026-03-08T03:00'],
  ])('%s from %s', (rule, start) => {
    const origin = at(`${start}Z`);
    const rotation = makeRotation('UTC', start, { handoffs: rule });
    const expected = new RRule({ ...RRule.parseString(rule), dtstart: new Date(origin), tzid: null }).all((_, i) => i < 200).map((d) => d.getTime());
    const actual = expected.map((_, k) => rotation.handoff(k));
    expect(actual).toEqual(expected);
    expect(expected.map((t) => rotation.indexAt(t))).toEqual(expected.map((_, k) => k));
  });
});
