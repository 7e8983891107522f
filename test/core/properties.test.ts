// Invariants of the final schedule for random layers, restrictions, overrides and windows.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  FOREVER,
  FOREVER_AGO,
  layerShifts,
  mergeNeighbours,
  resolveSchedule,
  restrictionIntervals,
  toFloating,
  offsetAt,
  shiftAt,
  type Layer,
  type Override,
  type Restriction,
  type ScheduleInput,
  type Shift,
  type Weekday,
  type Window,
} from '../../src/core/index.js';
import { BERLIN, LORD_HOWE, NY, at, iso } from './helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) };

// Each scenario uses one zone (a schedule's layers share its zone). Layers start and windows
// open near that zone's DST changes, and times of day lean towards the small hours, so that
// gaps and overlaps are hit often.
const ZONES: Record<string, { transitions: string[] }> = {
  [NY]: { transitions: ['2026-03-08T07:00Z', '2026-11-01T06:00Z'] },
  [BERLIN]: { transitions: ['2026-03-29T01:00Z', '2026-10-25T01:00Z'] },
  [LORD_HOWE]: { transitions: ['2026-10-03T15:30Z', '2026-04-04T15:00Z'] },
};

const pad = (n: number) => String(n).padStart(2, '0');
const quarter = fc.integer({ min: 0, max: 3 }).map((q) => q * 15);
const hour = fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 3 }));
const weekday = fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<Weekday>;
const minuteOfDay = fc.oneof(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 6, max: 14 })).map((q) => q * 15);
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A wall-clock time up to 20 days before (or 2 after) the day of `anchor`. */
const wallClock = (anchor: number) =>
  fc.tuple(fc.integer({ min: -20, max: 2 }), hour, quarter).map(([days, h, m]) => {
    const d = new Date(anchor + days * DAY).toISOString().slice(0, 10);
    return `${d}T${pad(h)}:${pad(m)}`;
  });

const minutes = fc.subarray([0, 15, 30, 45], { minLength: 1 });
const handoffRule = fc.oneof(
  fc.tuple(fc.subarray(BYDAY, { minLength: 1 }), hour, quarter).map(([d, h, m]) => `FREQ=WEEKLY;BYDAY=${d.join(',')};BYHOUR=${h};BYMINUTE=${m}`),
  fc.integer({ min: 1, max: 3 }).map((i) => `FREQ=DAILY;INTERVAL=${i}`),
  fc.tuple(fc.subarray(BYDAY, { minLength: 1 }), hour).map(([d, h]) => `FREQ=DAILY;BYDAY=${d.join(',')};BYHOUR=${h}`),
  minutes.map((m) => `FREQ=HOURLY;BYMINUTE=${m.join(',')}`),
  minutes.map((m) => `FREQ=HOURLY;BYMINUTE=${m.join(',')}`), // twice: sub-hourly handoffs meet DST gaps
  fc.tuple(fc.integer({ min: 2, max: 6 }), minutes).map(([i, m]) => `FREQ=HOURLY;INTERVAL=${i};BYMINUTE=${m.join(',')}`),
  fc.tuple(fc.subarray([0, 1, 2, 3, 9, 17, 21], { minLength: 1 }), minutes).map(([h, m]) => `FREQ=HOURLY;BYHOUR=${h.join(',')};BYMINUTE=${m.join(',')}`),
  fc.integer({ min: 1, max: 31 }).map((d) => `FREQ=MONTHLY;BYMONTHDAY=${d}`),
  fc.constantFrom('FREQ=MONTHLY;BYDAY=1MO', 'FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=2;BYMINUTE=30'),
);

const shiftSpec = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((count) => ({ count, unit: 'h' as const })),
  fc.integer({ min: 1, max: 3 }).map((count) => ({ count, unit: 'd' as const })),
  fc.integer({ min: 1, max: 2 }).map((count) => ({ count, unit: 'w' as const })),
  fc.integer({ min: 1, max: 2 }).map((count) => ({ count, unit: 'mo' as const })),
);

const restriction: fc.Arbitrary<Restriction> = fc.oneof(
  fc.record({ kind: fc.constant('daily' as const), days: fc.uniqueArray(weekday, { minLength: 1, maxLength: 7 }), from: minuteOfDay, to: minuteOfDay }),
  fc.record({ kind: fc.constant('weekly' as const), fromDay: weekday, from: minuteOfDay, toDay: weekday, to: minuteOfDay }),
);

const layerArb = (anchor: number) =>
  fc.record({
    start: wallClock(anchor),
    spec: fc.oneof(shiftSpec.map((shift) => ({ shift })), handoffRule.map((handoffs) => ({ handoffs }))),
    members: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 }),
    restrictions: fc.oneof(fc.constant<Restriction[]>([]), fc.array(restriction, { minLength: 1, maxLength: 2 })),
    endDays: fc.option(fc.integer({ min: 1, max: 60 })),
    priority: fc.integer({ min: 0, max: 2 }),
    validFrom: fc.option(fc.integer({ min: -30 * DAY, max: 30 * DAY })),
    validFor: fc.option(fc.integer({ min: HOUR, max: 30 * DAY })),
  });
type RawLayer = ReturnType<typeof layerArb> extends fc.Arbitrary<infer T> ? T : never;

function buildLayer(raw: RawLayer, zone: string, position: number, anchor: number): Layer {
  const end = raw.endDays === null ? undefined : new Date(Date.parse(`${raw.start}Z`) + raw.endDays * DAY).toISOString().slice(0, 16);
  const validFrom = raw.validFrom === null ? FOREVER_AGO : anchor + raw.validFrom;
  const validTo = raw.validFor === null ? FOREVER : (raw.validFrom === null ? anchor : validFrom) + raw.validFor;
  return {
    id: `l${position}`,
    timezone: zone,
    start: raw.start,
    ...(end ? { end } : {}),
    ...raw.spec,
    members: raw.members,
    restrictions: raw.restrictions,
    priority: raw.priority,
    position,
    validFrom,
    validTo,
  };
}

const scenario = fc
  .constantFrom(NY, BERLIN, LORD_HOWE)
  .chain((zone) =>
    fc.record({
      zone: fc.constant(zone),
      anchor: fc.oneof(
        { arbitrary: fc.constantFrom(...ZONES[zone].transitions.map(at)), weight: 2 },
        fc.integer({ min: at('2025-12-01T00:00Z'), max: at('2027-01-01T00:00Z') }),
      ),
    }),
  )
  .chain(({ zone, anchor }) =>
    fc.record({
      zone: fc.constant(zone),
      windowAnchor: fc.constant(anchor),
      windowOffset: fc.integer({ min: -5 * DAY, max: DAY }),
      windowLength: fc.oneof(fc.integer({ min: 1, max: 6 * HOUR }), fc.integer({ min: HOUR, max: 30 * DAY })),
      layers: fc.array(layerArb(anchor), { minLength: 0, maxLength: 3 }),
      overrides: fc.array(
        fc.record({
          person: fc.constantFrom('a', 'b', 'e'),
          offset: fc.integer({ min: -DAY, max: 10 * DAY }),
          length: fc.integer({ min: 1, max: 5 * DAY }),
          replaces: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e')),
        }),
        { maxLength: 4 },
      ),
      overrideOrder: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
      probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 10 }),
    }),
  )
  .map((s) => {
    const start = s.windowAnchor + s.windowOffset;
    const window: Window = { start, end: start + s.windowLength };
    const layers = s.layers.map((raw, i) => buildLayer(raw, s.zone, i, start));
    const overrides: Override[] = s.overrides.map((o, i) => ({
      seq: s.overrideOrder[i] * 10 + i, // unique, in random order
      person: o.person,
      start: start + o.offset,
      end: start + o.offset + o.length,
      ...(o.replaces ? { replaces: o.replaces } : {}),
    }));
    const input: ScheduleInput = { id: 's', timezone: s.zone, layers, overrides };
    return { input, window, probes: s.probes.map((p) => start + Math.floor(p * s.windowLength)) };
  });

function describeCase(input: ScheduleInput, window: Window): string {
  return JSON.stringify({ window: [iso(window.start), iso(window.end)], input });
}

function containing(shifts: Shift[], t: number): Shift {
  const seg = shiftAt(shifts, t);
  if (!seg) throw new Error(`no shift contains ${iso(t)}`);
  return seg;
}

describe('resolveSchedule properties', () => {
  test('tiles the window exactly, without zero-length pieces, with neighbours merged', () => {
    fc.assert(
      fc.property(scenario, ({ input, window }) => {
        const out = resolveSchedule(input, window);
        const where = describeCase(input, window);
        expect(out.length, where).toBeGreaterThan(0);
        expect(out[0].start, where).toBe(window.start);
        expect(out[out.length - 1].end, where).toBe(window.end);
        for (let i = 0; i < out.length; i++) {
          expect(out[i].start, where).toBeLessThan(out[i].end);
          expect(out[i].person === null, where).toBe(out[i].source === null);
          if (i + 1 < out.length) {
            expect(out[i].end, where).toBe(out[i + 1].start);
            const same = out[i].person === out[i + 1].person && out[i].source === out[i + 1].source;
            expect(same, `${where} merged at ${iso(out[i].end)}`).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  test('a query for [t, t+1ms) agrees with the shift of the big window containing t', () => {
    fc.assert(
      fc.property(scenario, ({ input, window, probes }) => {
        const out = resolveSchedule(input, window);
        const boundaries = out.slice(0, 15).map((s) => s.start);
        for (const t of [...probes, ...boundaries, window.end - 1]) {
          const one = resolveSchedule(input, { start: t, end: t + 1 });
          const big = containing(out, t);
          expect(one, `${describeCase(input, window)} at ${iso(t)}`).toEqual([{ start: t, end: t + 1, person: big.person, source: big.source }]);
        }
      }),
      RUNS,
    );
  });

  test('splitting the window in two and joining the halves gives the same schedule', () => {
    fc.assert(
      fc.property(scenario, ({ input, window, probes }) => {
        const mid = probes[0] === window.start ? window.start + 1 : probes[0];
        if (mid >= window.end) return;
        const halves = [...resolveSchedule(input, { start: window.start, end: mid }), ...resolveSchedule(input, { start: mid, end: window.end })];
        expect(mergeNeighbours(halves), describeCase(input, window)).toEqual(resolveSchedule(input, window));
      }),
      RUNS,
    );
  });

  test('shifts resolved over a wide horizon and cut to a window inside it are the window\'s own (what who reads from kept shifts)', () => {
    fc.assert(
      fc.property(scenario, ({ input, window, probes }) => {
        const [a, b] = [probes[0], probes[1] ?? window.end - 1].sort((x, y) => x - y);
        const inner = { start: a, end: Math.max(b, a + 1) };
        if (inner.end > window.end) return;
        const cut = resolveSchedule(input, window)
          .filter((s) => s.end > inner.start && s.start < inner.end)
          .map((s) => ({ ...s, start: Math.max(s.start, inner.start), end: Math.min(s.end, inner.end) }));
        expect(cut, describeCase(input, inner)).toEqual(resolveSchedule(input, inner));
      }),
      RUNS,
    );
  });

  test('each layer yields sorted, disjoint, non-empty pieces of its own members', () => {
    fc.assert(
      fc.property(scenario, ({ input, window }) => {
        for (const l of input.layers) {
          const ofLayer = layerShifts(l, window);
          const where = `${describeCase(input, window)} layer ${l.id}`;
          for (let i = 0; i < ofLayer.length; i++) {
            expect(ofLayer[i].start, where).toBeLessThan(ofLayer[i].end);
            expect(ofLayer[i].start, where).toBeGreaterThanOrEqual(Math.max(window.start, l.validFrom));
            expect(ofLayer[i].end, where).toBeLessThanOrEqual(Math.min(window.end, l.validTo));
            expect(l.members, where).toContain(ofLayer[i].person);
            if (i + 1 < ofLayer.length) expect(ofLayer[i].end, where).toBeLessThanOrEqual(ofLayer[i + 1].start);
          }
        }
      }),
      RUNS,
    );
  });

  test('overrides without replaces always win inside their window (the newest one)', () => {
    fc.assert(
      fc.property(scenario, ({ input, window, probes }) => {
        const out = resolveSchedule(input, window);
        for (const t of probes) {
          const active = input.overrides.filter((o) => !o.replaces && o.start <= t && t < o.end);
          if (active.length === 0) continue;
          const newest = active.reduce((x, y) => (y.seq > x.seq ? y : x));
          const seg = containing(out, t);
          // A newer override with replaces may have swapped it again.
          const swappedLater = input.overrides.some((o) => o.replaces === newest.person && o.seq > newest.seq && o.start <= t && t < o.end);
          if (!swappedLater) expect({ person: seg.person, source: seg.source }).toEqual({ person: newest.person, source: 'override' });
        }
      }),
      RUNS,
    );
  });
});

// Spring-forward days, aimed at directly: handoffs several times an hour and windows that open
// in the gap are moved forward by it, past handoffs and window ends that follow them.
const SPRING = [
  { zone: NY, change: at('2026-03-08T07:00Z'), dayBefore: '2026-03-07' },
  { zone: BERLIN, change: at('2026-03-29T01:00Z'), dayBefore: '2026-03-28' },
  { zone: LORD_HOWE, change: at('2026-10-03T15:30Z'), dayBefore: '2026-10-03' },
];

describe('around spring forward', () => {
  const spring = fc.record({
    day: fc.constantFrom(...SPRING),
    minutes: fc.subarray([0, 10, 15, 20, 30, 45, 50], { minLength: 1 }),
    members: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 5 }),
    from: fc.integer({ min: 18, max: 42 }).map((f) => f * 5), // 01:30 … 03:30
    length: fc.integer({ min: 1, max: 36 }).map((l) => l * 5),
  });

  test('sub-hourly handoffs: shifts are disjoint, tile the window, and agree with point queries', () => {
    fc.assert(
      fc.property(spring, ({ day, minutes, members }) => {
        const l: Layer = {
          id: 'x', timezone: day.zone, start: `${day.dayBefore}T00:00`, handoffs: `FREQ=HOURLY;BYMINUTE=${minutes.join(',')}`,
          members, restrictions: [], priority: 0, position: 0, validFrom: FOREVER_AGO, validTo: FOREVER,
        };
        const window = { start: day.change - 3 * HOUR, end: day.change + 3 * HOUR };
        const ofLayer = layerShifts(l, window);
        const where = JSON.stringify(l);
        expect(ofLayer[0].start, where).toBe(window.start);
        expect(ofLayer[ofLayer.length - 1].end, where).toBe(window.end);
        for (let i = 0; i + 1 < ofLayer.length; i++) expect(ofLayer[i].end, where).toBe(ofLayer[i + 1].start);
        for (const p of ofLayer) {
          expect(p.start, where).toBeLessThan(p.end);
          for (const t of [p.start, p.end - 1]) {
            expect(layerShifts(l, { start: t, end: t + 1 }).map((q) => q.person), `${where} at ${iso(t)}`).toEqual([p.person]);
          }
        }
      }),
      RUNS,
    );
  });

  test('restriction windows in the small hours are well formed and within their wall-clock span', () => {
    fc.assert(
      fc.property(spring, ({ day, from, length }) => {
        const to = from + length;
        const r: Restriction = { kind: 'daily', days: [1, 2, 3, 4, 5, 6, 7], from, to };
        const range = { start: day.change - 2 * DAY, end: day.change + 2 * DAY };
        const windows = restrictionIntervals([r], day.zone, range);
        const where = `${day.zone} ${from}–${to}`;
        // A time that falls in the gap moves forward by the gap's length, so read each instant
        // both with its own offset and with the offset in force before the change.
        const minuteOf = (floating: number) => Math.floor((((floating % DAY) + DAY) % DAY) / MINUTE);
        const inSpan = (t: number) =>
          [toFloating(t, day.zone), t + offsetAt(day.zone, day.change - 1)].some((f) => minuteOf(f) >= from && minuteOf(f) < to);
        windows.forEach((w, i) => {
          expect(w.start, where).toBeLessThan(w.end);
          if (i > 0) expect(windows[i - 1].end, where).toBeLessThan(w.start);
          for (const t of [w.start, w.end - 1]) expect(inSpan(t), `${where} at ${iso(t)}`).toBe(true);
        });
        expect(windows.length, where).toBeGreaterThanOrEqual(3); // at least the days around the change
      }),
      RUNS,
    );
  });
});
