// wholeShifts resolves little more than the window and reaches past its edges only for the
// shifts that cross them: the shifts it gives must be those of resolving the wide window.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { resolveSchedule, type Shift, type Window } from '../../src/core/index.js';
import { wholeShifts } from '../../src/app/whole-shifts.js';
import { at, layer, rows, schedule } from '../core/helpers.js';

const DAY = 86_400_000;
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) };
const crossing = (shifts: Shift[], window: Window) => shifts.filter((s) => s.end > window.start && s.start < window.end);
const wideOf = (window: Window, margin: number) => ({ start: window.start - margin, end: window.end + margin });

describe('wholeShifts', () => {
  test('the shifts crossing the window are those of the wide window, long ones and overrides included', () => {
    const anchor = at('2026-11-16T12:00Z');
    fc.assert(
      fc.property(
        fc.constantFrom('6h', '1d', '3d', '1w', '2w', '1mo', 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0', 'FREQ=MONTHLY;BYMONTHDAY=20'),
        fc.integer({ min: -60, max: 10 }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom(1, 2, 3).map((n) => ['a', 'b', 'c'].slice(0, n)),
        fc.array(fc.record({ offset: fc.integer({ min: -50, max: 150 }), days: fc.integer({ min: 1, max: 40 }) }), { maxLength: 3 }),
        fc.constantFrom(2, 35, 60),
        (rotation, startDay, windowDay, windowDays, members, overrides, marginDays) => {
          const spec = rotation.startsWith('FREQ')
            ? { handoffs: rotation }
            : { shift: { count: Number.parseInt(rotation, 10), unit: rotation.replace(/^\d+/, '') as 'h' | 'd' | 'w' | 'mo' } };
          const start = new Date(anchor + startDay * DAY).toISOString().slice(0, 16);
          const input = schedule(
            [layer({ start, members, ...spec })],
            overrides.map((o, i) => ({ seq: i, person: 'z', start: anchor + o.offset * DAY, end: anchor + (o.offset + o.days) * DAY })),
          );
          const window = { start: anchor + windowDay * DAY, end: anchor + (windowDay + windowDays) * DAY };
          const wide = wideOf(window, marginDays * DAY);
          expect(rows(crossing(wholeShifts(input, window, wide), window), true))
            .toEqual(rows(crossing(resolveSchedule(input, wide), window), true));
        },
      ),
      RUNS,
    );
  });

  test('a stored rule that hands off every minute fails as it does over the wide window', () => {
    const minutes = Array.from({ length: 60 }, (_, m) => m).join(',');
    const input = schedule([layer({ start: '2026-01-05T00:00', handoffs: `FREQ=HOURLY;BYMINUTE=${minutes}` })]);
    // The wide window holds more shifts than one question may list; the near one would not.
    const window = { start: at('2026-03-01T00:00Z'), end: at('2026-04-20T00:00Z') };
    const wide = wideOf(window, 15 * DAY);
    expect(() => resolveSchedule(input, wide)).toThrow(/more than the 100000 one question may list/);
    expect(() => wholeShifts(input, window, wide)).toThrow(/more than the 100000 one question may list/);
  });
});
