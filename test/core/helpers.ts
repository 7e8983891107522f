// Small builders shared by the core tests (not a test file itself).
import {
  FOREVER,
  FOREVER_AGO,
  type Layer,
  type Override,
  type ScheduleInput,
  type Shift,
  type Window,
} from '../../src/core/index.js';

export const NY = 'America/New_York';
export const BERLIN = 'Europe/Berlin';
export const LORD_HOWE = 'Australia/Lord_Howe';

/** "2026-03-08T07:30Z" (or with seconds) → epoch ms. */
export function at(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad test instant ${iso}`);
  return t;
}

/** epoch ms → "2026-03-08T07:30Z" (seconds only when non-zero). */
export function iso(t: number): string {
  const s = new Date(t).toISOString();
  return s.endsWith(':00.000Z') ? `${s.slice(0, 16)}Z` : `${s.slice(0, 19)}Z`;
}

export function win(start: string, end: string): Window {
  return { start: at(start), end: at(end) };
}

export function layer(fields: Partial<Layer> & { start: string }): Layer {
  return {
    id: 'l',
    timezone: 'UTC',
    members: ['a', 'b', 'c'],
    restrictions: [],
    priority: 0,
    position: 0,
    validFrom: FOREVER_AGO,
    validTo: FOREVER,
    ...fields,
  };
}

export function schedule(layers: Layer[], overrides: Override[] = [], timezone = 'UTC'): ScheduleInput {
  return { id: 's', timezone, layers, overrides };
}

/** Shifts as compact tuples: [start, end, person] or [start, end, person, source]. */
export function rows(shifts: Shift[], withSource = false): (string | null)[][] {
  return shifts.map((s) =>
    withSource ? [iso(s.start), iso(s.end), s.person, s.source] : [iso(s.start), iso(s.end), s.person],
  );
}

export const HOUR = 3_600_000;
