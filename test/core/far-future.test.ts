// The rotation finds the handoff for any instant arithmetically. These tests walk every handoff
// from the start instead (luxon calendar arithmetic for shifts, rrule's own iterator for RRULEs),
// then check that 2036 agrees, in DST zones and around their changes.
import { describe, expect, test } from 'vitest';
import { DateTime } from 'luxon';
import rrule from 'rrule';
import { fromFloating, layerShifts, makeRotation, type Layer, type ShiftLength } from '../../src/core/index.js';
import { BERLIN, LORD_HOWE, NY, at, iso, layer, rows, win } from './helpers.js';

const { RRule } = rrule;

const WALK_UNTIL = Date.UTC(2037, 0, 1);
const WINDOWS = [win('2036-03-01T00:00Z', '2036-04-10T00:00Z'), win('2036-09-25T00:00Z', '2036-11-10T00:00Z')];

const walked = new Map<Layer, number[]>();

/** Every handoff instant from the start, one by one, until 2037. */
function walk(l: Layer): number[] {
  const cached = walked.get(l);
  if (cached) return cached;
  const floating: number[] = [];
  const origin = DateTime.fromISO(l.start, { zone: 'utc' });
  if (l.shift) {
    const unit = ({ h: 'hours', d: 'days', w: 'weeks', mo: 'months' } as const)[l.shift.unit];
    for (let k = 0; ; k++) {
      const f = origin.plus({ [unit]: k * l.shift.count }).toMillis();
      floating.push(f);
      if (f > WALK_UNTIL) break;
    }
  } else {
    const rule = new RRule({ ...RRule.parseString(l.handoffs!), dtstart: origin.toJSDate(), tzid: null });
    rule.all((d) => floating.push(d.getTime()) > 0 && d.getTime() <= WALK_UNTIL);
  }
  const handoffs = floating.map((f) => fromFloating(f, l.timezone));
  walked.set(l, handoffs);
  return handoffs;
}

/** earliest[k] = the earliest of handoffs k, k+1, … (non-decreasing even where handoffs are not). */
function earliestFrom(handoffs: number[]): number[] {
  const out = new Array<number>(handoffs.length);
  let earliest = Infinity;
  for (let k = handoffs.length - 1; k >= 0; k--) out[k] = earliest = Math.min(earliest, handoffs[k]);
  return out;
}

/** Shifts in a window from the walked handoffs: shift k lasts until the earliest later handoff. */
function expectedShifts(l: Layer, handoffs: number[], start: number, end: number): (string | null)[][] {
  const earliest = earliestFrom(handoffs);
  const out: (string | null)[][] = [];
  for (let k = 0; k + 1 < handoffs.length; k++) {
    const s = Math.max(handoffs[k], start);
    const e = Math.min(earliest[k + 1], end);
    if (s < e) out.push([iso(s), iso(e), l.members[k % l.members.length]]);
  }
  return out;
}

const shift = (count: number, unit: ShiftLength['unit']) => ({ count, unit });
const cases: [string, Layer][] = [
  ['NY daily 09:00', layer({ timezone: NY, start: '2026-01-05T09:00', shift: shift(1, 'd') })],
  ['Berlin weekly Monday 09:00', layer({ timezone: BERLIN, start: '2026-01-05T09:00', shift: shift(1, 'w'), members: ['a', 'b', 'c', 'd'] })],
  ['Lord Howe every 5 h at :15 (some land in the gap)', layer({ timezone: LORD_HOWE, start: '2026-01-01T00:15', shift: shift(5, 'h') })],
  ['NY monthly on the 31st', layer({ timezone: NY, start: '2026-01-31T09:00', shift: shift(1, 'mo'), members: ['a', 'b', 'c', 'd', 'e'] })],
  ['Berlin Monday and Thursday', layer({ timezone: BERLIN, start: '2026-01-05T09:00', handoffs: 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0' })],
  ['NY weekdays at 09:00', layer({ timezone: NY, start: '2026-01-05T09:00', handoffs: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR' })],
  ['Lord Howe at 02:15, 09:15 and 21:15', layer({ timezone: LORD_HOWE, start: '2026-01-01T02:15', handoffs: 'FREQ=HOURLY;BYHOUR=2,9,21;BYMINUTE=15', members: ['a', 'b', 'c', 'd'] })],
  ['Berlin every 3 days', layer({ timezone: BERLIN, start: '2026-01-01T02:30', handoffs: 'FREQ=DAILY;INTERVAL=3', members: ['a', 'b'] })],
  ['NY last Friday of the month 17:00', layer({ timezone: NY, start: '2026-01-30T17:00', handoffs: 'FREQ=MONTHLY;BYDAY=-1FR' })],
  ['NY half-hourly from 2035', layer({ timezone: NY, start: '2035-06-01T00:00', handoffs: 'FREQ=HOURLY;BYMINUTE=0,30', members: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })],
];

describe('2036 agrees with walking the rotation from its start', () => {
  test.each(cases)('%s: layer shifts', (_name, l) => {
    const handoffs = walk(l);
    for (const w of WINDOWS) {
      const expected = expectedShifts(l, handoffs, w.start, w.end);
      expect(expected.length).toBeGreaterThan(0);
      expect(rows(layerShifts(l, w))).toEqual(expected);
    }
  });

  test.each(cases)('%s: indexAt at, just before and just after handoffs', (_name, l) => {
    const handoffs = walk(l);
    const rotation = makeRotation(l.timezone, l.start, l);
    const earliest = earliestFrom(handoffs);
    // The last handoff at or before t is the last k whose earliest[k] ≤ t (binary search).
    const lastAtOrBefore = (t: number) => {
      let lo = 0;
      let hi = earliest.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (earliest[mid] <= t) lo = mid + 1;
        else hi = mid;
      }
      return lo - 1;
    };
    const probes = handoffs.filter((h) => h >= at('2036-01-01T00:00Z')).slice(0, 400);
    for (const h of probes) {
      for (const t of [h - 1, h, h + 1]) expect(rotation.indexAt(t)).toBe(lastAtOrBefore(t));
    }
  });
});
