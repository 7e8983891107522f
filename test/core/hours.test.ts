import { describe, expect, test } from 'vitest';
import { DateTime } from 'luxon';
import fc from 'fast-check';
import { breakDownHours, NO_HOURS, ZoneHours } from '../../src/core/hours.js';
import { IntervalTotals } from '../../src/core/interval-totals.js';
import { at, BERLIN, LORD_HOWE, NY } from './helpers.js';

const H = 3_600_000;
const NIGHT = { nightFrom: 22 * 60, nightTo: 7 * 60 }; // 22:00 → 07:00, wraps over midnight
const EARLY = { nightFrom: 0, nightTo: 6 * 60 }; // 00:00 → 06:00, does not wrap

/** The breakdown in hours, which is what the expectations below are written in. */
function hours(start: string, end: string, zone: string, options: Partial<Parameters<typeof breakDownHours>[3]> = {}) {
  const b = breakDownHours(at(start), at(end), zone, { ...NIGHT, holidays: [], ...options });
  return { total: b.total / H, night: b.night / H, weekend: b.weekend / H, holiday: b.holiday / H };
}

// Europe/Berlin is UTC+1 in winter and UTC+2 in summer; 2026 switches on Sun Mar 29
// (02:00 → 03:00) and Sun Oct 25 (03:00 → 02:00). 2026-01-05 is a Monday.
describe('breakDownHours, a Berlin week Mon 09:00 → Mon 09:00', () => {
  test('an ordinary week', () => {
    // Mon Jan 5 09:00 CET = 08:00Z → Mon Jan 12 09:00 CET = 08:00Z.
    expect(hours('2026-01-05T08:00Z', '2026-01-12T08:00Z', BERLIN)).toEqual({
      total: 168, // 7 × 24
      night: 63, // 7 nights (Mon…Sun) × 9 h (22:00 → 07:00)
      weekend: 48, // Sat 00:00 → Mon 00:00
      holiday: 0,
    });
  });

  test('the spring-forward week is an hour shorter, and so are its Saturday night and its weekend', () => {
    // Mon Mar 23 09:00 CET = 08:00Z → Mon Mar 30 09:00 CEST = 07:00Z.
    expect(hours('2026-03-23T08:00Z', '2026-03-30T07:00Z', BERLIN)).toEqual({
      total: 167, // 168 − 1
      night: 62, // 6 × 9 + Sat 22:00 CET (21:00Z) → Sun 07:00 CEST (05:00Z) = 8
      weekend: 47, // Sat 00:00 CET (Fri 23:00Z) → Mon 00:00 CEST (Sun 22:00Z)
      holiday: 0,
    });
  });

  test('the fall-back week is an hour longer', () => {
    // Mon Oct 19 09:00 CEST = 07:00Z → Mon Oct 26 09:00 CET = 08:00Z.
    expect(hours('2026-10-19T07:00Z', '2026-10-26T08:00Z', BERLIN)).toEqual({
      total: 169, // 168 + 1
      night: 64, // 6 × 9 + Sat 22:00 CEST (20:00Z) → Sun 07:00 CET (06:00Z) = 10
      weekend: 49, // Sat 00:00 CEST (Fri 22:00Z) → Mon 00:00 CET (Sun 23:00Z)
      holiday: 0,
    });
  });

  test('a non-wrapping night window 00:00 → 06:00', () => {
    expect(hours('2026-01-05T08:00Z', '2026-01-12T08:00Z', BERLIN, EARLY).night).toBe(42); // 7 × 6
    // Sun Mar 29 00:00 CET (Mar 28 23:00Z) → 06:00 CEST (04:00Z) = 5; 6 × 6 + 5
    expect(hours('2026-03-23T08:00Z', '2026-03-30T07:00Z', BERLIN, EARLY).night).toBe(41);
    // Sun Oct 25 00:00 CEST (Oct 24 22:00Z) → 06:00 CET (05:00Z) = 7; 6 × 6 + 7
    expect(hours('2026-10-19T07:00Z', '2026-10-26T08:00Z', BERLIN, EARLY).night).toBe(43);
  });
});

describe('breakDownHours, window boundaries at a DST jump', () => {
  const SMALL_HOURS = { nightFrom: 150, nightTo: 360 }; // 02:30 → 06:00

  test('a boundary the clock skips is passed at the jump', () => {
    // Sat Mar 28 00:00Z → Mon Mar 30 00:00Z. Mar 28: 02:30 CET (01:30Z) → 06:00 CET (05:00Z) = 3.5.
    // Mar 29: 02:30 never shows; the clock jumps 02:00 CET → 03:00 CEST at 01:00Z and reads
    // past 02:30 from then on, so 01:00Z → 06:00 CEST (04:00Z) = 3 (not 2.5 from 03:30).
    expect(hours('2026-03-28T00:00Z', '2026-03-30T00:00Z', BERLIN, SMALL_HOURS).night).toBe(6.5); // 3.5 + 3
  });

  test('a boundary the clock shows twice opens the window the first time', () => {
    // Sun Oct 25: 02:30 CEST (00:30Z) → 06:00 CET (05:00Z) = 4.5, one unbroken span that
    // includes the repeated 02:00–02:30 (the Oct 24 window ends at 04:00Z, before the span).
    // Reading the clock minute by minute would give 4: the second 02:00–02:30 reads as before 02:30.
    expect(hours('2026-10-24T12:00Z', '2026-10-25T12:00Z', BERLIN, SMALL_HOURS).night).toBe(4.5);
  });
});

describe('breakDownHours, the same instants seen from another zone', () => {
  test('a Berlin weekend shift worked from New York', () => {
    // Sat Jan 10 12:00 CET = 11:00Z → Mon Jan 12 06:00 CET = 05:00Z: 42 h.
    expect(hours('2026-01-10T11:00Z', '2026-01-12T05:00Z', BERLIN)).toEqual({
      total: 42,
      night: 17, // Sat 22:00 → Sun 07:00 = 9, Sun 22:00 → Mon 06:00 = 8
      weekend: 36, // Sat 12:00 → Mon 00:00
      holiday: 0,
    });
    // In New York (UTC−5) the same span is Sat 06:00 → Mon 00:00.
    expect(hours('2026-01-10T11:00Z', '2026-01-12T05:00Z', NY)).toEqual({
      total: 42,
      night: 12, // Sat 06:00 → 07:00 = 1, Sat 22:00 → Sun 07:00 = 9, Sun 22:00 → Mon 00:00 = 2
      weekend: 42, // all of it is Saturday or Sunday in New York
      holiday: 0,
    });
  });

  test('the Berlin spring-forward week from New York, which already switched on Mar 8', () => {
    // 08:00Z → 07:00Z is Mon Mar 23 04:00 EDT → Mon Mar 30 03:00 EDT (UTC−4 throughout).
    expect(hours('2026-03-23T08:00Z', '2026-03-30T07:00Z', NY)).toEqual({
      total: 167,
      night: 62, // Mon 04:00 → 07:00 = 3, 6 full nights Mon…Sat = 54, Sun 22:00 → Mon 03:00 = 5
      weekend: 48, // Sat 00:00 EDT → Mon 00:00 EDT, no jump in New York that weekend
      holiday: 0,
    });
  });
});

describe('breakDownHours, holidays', () => {
  // Thu Dec 24 09:00 CET = 08:00Z → Sat Dec 26 09:00 CET = 08:00Z: 48 h.
  const christmas = { start: at('2026-12-24T23:00Z'), end: at('2026-12-25T23:00Z') };
  const boxingDay = { start: at('2026-12-25T23:00Z'), end: at('2026-12-26T23:00Z') };

  test('holiday spans count where they overlap the shift', () => {
    const newYear = { start: at('2026-12-31T23:00Z'), end: at('2027-01-01T23:00Z') }; // outside
    expect(hours('2026-12-24T08:00Z', '2026-12-26T08:00Z', BERLIN, { holidays: [christmas, boxingDay, newYear] })).toEqual({
      total: 48,
      night: 18, // Thu 22:00 → Fri 07:00 = 9, Fri 22:00 → Sat 07:00 = 9
      weekend: 9, // Sat 00:00 CET (Dec 25 23:00Z) → 08:00Z
      holiday: 33, // Dec 24 23:00Z → Dec 26 08:00Z (Christmas 24 + Boxing Day cut at 9)
    });
  });

  test('overlapping holiday spans are not counted twice', () => {
    const afternoon = { start: at('2026-12-24T12:00Z'), end: at('2026-12-25T11:00Z') }; // overlaps Christmas
    const inside = { start: at('2026-12-25T02:00Z'), end: at('2026-12-25T03:00Z') }; // inside Christmas
    const holidays = [christmas, afternoon, christmas, inside];
    // Union: Dec 24 12:00Z → Dec 25 23:00Z = 35 h, all inside the shift.
    expect(hours('2026-12-24T08:00Z', '2026-12-26T08:00Z', BERLIN, { holidays }).holiday).toBe(35);
  });
});

describe('breakDownHours, short and empty spans', () => {
  test('a shift entirely inside one night', () => {
    // Tue Jan 6 23:00 CET = 22:00Z → Wed 05:00 CET = 04:00Z.
    expect(hours('2026-01-06T22:00Z', '2026-01-07T04:00Z', BERLIN)).toEqual({ total: 6, night: 6, weekend: 0, holiday: 0 });
  });

  test('start equal to end, or before it, gives zeros', () => {
    const options = { ...NIGHT, holidays: [{ start: at('2026-01-01T00:00Z'), end: at('2026-02-01T00:00Z') }] };
    expect(breakDownHours(at('2026-01-10T23:00Z'), at('2026-01-10T23:00Z'), BERLIN, options)).toEqual(NO_HOURS);
    expect(breakDownHours(at('2026-01-11T23:00Z'), at('2026-01-10T23:00Z'), BERLIN, options)).toEqual(NO_HOURS);
  });

  test('an empty night window (from equal to to) counts no night', () => {
    expect(hours('2026-01-05T08:00Z', '2026-01-12T08:00Z', BERLIN, { nightFrom: 120, nightTo: 120 }).night).toBe(0);
  });
});

// A report keeps one ZoneHours per zone for all its shifts; it works out days as spans need
// them, so spans far apart and in any order must read as they do from a fresh one.
describe('a ZoneHours kept for many spans answers as a fresh one for each', () => {
  const spans = fc.array(
    fc.tuple(fc.integer({ min: at('2025-01-01T00:00Z'), max: at('2028-01-01T00:00Z') }), fc.integer({ min: 0, max: 10 * 24 * 4 })),
    { minLength: 1, maxLength: 12 },
  );
  for (const zone of [BERLIN, NY, LORD_HOWE]) {
    test(zone, () => {
      fc.assert(
        fc.property(spans, (list) => {
          const kept = new ZoneHours(zone, NIGHT.nightFrom, NIGHT.nightTo);
          const holidays = [{ start: at('2026-12-24T23:00Z'), end: at('2026-12-26T23:00Z') }];
          for (const [start, quarters] of list) {
            const end = start + quarters * 15 * 60_000;
            const fresh = breakDownHours(start, end, zone, { ...NIGHT, holidays });
            expect(kept.breakDown(start, end, new IntervalTotals(holidays))).toEqual(fresh);
          }
        }),
      );
    });
  }
});

// Cross-check against a brute-force count in 15-minute steps with luxon's own zone reading.
// Every boundary here lies on that grid (offsets are whole quarter hours, Lord Howe included).
describe('breakDownHours agrees with a step-by-step count', () => {
  const STEP = 15 * 60_000;
  function bruteForce(start: number, end: number, zone: string, from: number, to: number) {
    let night = 0;
    let weekend = 0;
    for (let t = start; t < end; t += STEP) {
      const local = DateTime.fromMillis(t, { zone });
      const minute = local.hour * 60 + local.minute;
      const inNight = from < to ? minute >= from && minute < to : minute >= from || minute < to;
      if (inNight) night += STEP;
      if (local.weekday >= 6) weekend += STEP;
    }
    return { night, weekend };
  }

  const WRAP_AT_HALF_PAST = { nightFrom: 150, nightTo: 90 }; // 02:30 → 01:30, inside DST gaps
  const cases: [string, string, string, (typeof NIGHT)[]][] = [
    ['2026-03-23T08:00Z', '2026-03-30T07:00Z', BERLIN, [NIGHT, EARLY, WRAP_AT_HALF_PAST]],
    // 02:30 occurs twice on Oct 25; the literal count would leave a half-hour hole (see above).
    ['2026-10-19T07:00Z', '2026-10-26T08:00Z', BERLIN, [NIGHT, EARLY]],
    ['2026-03-02T17:15Z', '2026-03-12T03:45Z', NY, [NIGHT, EARLY, WRAP_AT_HALF_PAST]], // across Mar 8
    ['2026-10-01T00:00Z', '2026-10-09T00:00Z', LORD_HOWE, [NIGHT, EARLY, WRAP_AT_HALF_PAST]], // +10:30 → +11 on Oct 4
    ['2026-04-02T13:00Z', '2026-04-08T02:30Z', LORD_HOWE, [NIGHT, EARLY, WRAP_AT_HALF_PAST]], // +11 → +10:30 on Apr 5
  ];
  for (const [start, end, zone, windows] of cases) {
    for (const window of windows) {
      test(`${zone} ${start} → ${end}, night ${window.nightFrom}→${window.nightTo}`, () => {
        const b = breakDownHours(at(start), at(end), zone, { ...window, holidays: [] });
        expect({ night: b.night, weekend: b.weekend }).toEqual(bruteForce(at(start), at(end), zone, window.nightFrom, window.nightTo));
      });
    }
  }
});
