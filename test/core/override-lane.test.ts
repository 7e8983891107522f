import { describe, expect, test } from 'vitest';
import { overrideLane, type Override } from '../../src/core/index.js';
import { at, iso, win } from './helpers.js';

const DAY = win('2026-01-05T00:00Z', '2026-01-06T00:00Z');
const ov = (seq: number, person: string, from: string, to: string, reason?: string): Override => ({
  seq, person, start: at(`2026-01-05T${from}Z`), end: at(`2026-01-05T${to}Z`), ...(reason && { reason }),
});

describe('the override lane', () => {
  const cases: { name: string; overrides: Override[]; expected: string[] }[] = [
    { name: 'no overrides: an empty lane', overrides: [], expected: [] },
    { name: 'clipped to the window', overrides: [{ seq: 1, person: 'a', start: at('2026-01-04T20:00Z'), end: at('2026-01-05T02:00Z') }], expected: ['00:00Z-02:00Z a'] },
    { name: 'outside the window: nothing', overrides: [{ seq: 1, person: 'a', start: at('2026-01-06T00:00Z'), end: at('2026-01-06T02:00Z') }], expected: [] },
    { name: 'a newer one inside an older one splits it', overrides: [ov(1, 'a', '01:00', '09:00'), ov(2, 'b', '03:00', '05:00')], expected: ['01:00Z-03:00Z a', '03:00Z-05:00Z b', '05:00Z-09:00Z a'] },
    { name: 'the newest wins by sequence, not by list order', overrides: [ov(2, 'b', '03:00', '05:00'), ov(1, 'a', '01:00', '09:00')], expected: ['01:00Z-03:00Z a', '03:00Z-05:00Z b', '05:00Z-09:00Z a'] },
    { name: 'an older one wholly covered disappears', overrides: [ov(1, 'a', '02:00', '04:00'), ov(2, 'b', '01:00', '05:00')], expected: ['01:00Z-05:00Z b'] },
    { name: 'the reason is kept', overrides: [ov(1, 'a', '01:00', '02:00', 'swap')], expected: ['01:00Z-02:00Z a (swap)'] },
  ];
  test.each(cases)('$name', ({ overrides, expected }) => {
    const lane = overrideLane(overrides, DAY);
    expect(lane.every((p) => p.source === 'override')).toBe(true);
    expect(lane.map((p) => `${iso(p.start).slice(11)}-${iso(p.end).slice(11)} ${p.person}${p.reason ? ` (${p.reason})` : ''}`)).toEqual(expected);
  });
});
