// The static timeline picture (TimelineScreen) rendered with ink-testing-library from
// hand-made data. Colours are off here (chalk has no colour level in the test worker, and
// `color: false`); test/ui/timeline-color.test.ts forces colour on.
//
// At 113 columns the lane labels take 15 and the 14 days get 98 columns: 7 a day, so day
// boundaries fall exactly between columns and positions can be worked out by hand.

import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { ANSI } from '../cli/helpers.js';
import { DAY, lane, payments, ruler, screen, seg, single, T, TWO_WEEKS } from './fixtures.js';

afterEach(cleanup);

const LABEL = 15;
const frameOf = (props: Parameters<typeof screen>[0]) => render(screen(props)).lastFrame() ?? '';
/** Columns of day `n` (0 = Mon 23 Nov) in a lane or ruler line at 7 columns a day. */
const dayCells = (line: string, n: number) => line.slice(LABEL + 7 * n, LABEL + 7 * n + 7);

describe('the lanes', () => {
  const frame = frameOf({ width: 113 });

  test('a title, a now marker, a ruler, one lane per layer, then overrides and final', () => {
    const lines = frame.split('\n');
    expect(lines[0]).toBe('Payments (pay) · Europe/Berlin');
    expect(lines[1]).toMatch(/^ {15} {3}▼ now$/); // Mon 13:00 Berlin: 13/24 of the first 7 columns
    const labels = lines.map((l) => l.split(' ')[0]).filter((w) => /^[a-z-]+$/.test(w));
    expect(labels).toEqual(['weekly', 'business-hours', 'overrides', 'final']);
  });

  test('the ruler names every day in the viewer\'s zone, with a tick at each day', () => {
    const { labels, ticks } = ruler(frame);
    const days = ['Mon 23', 'Tue 24', 'Wed 25', 'Thu 26', 'Fri 27', 'Sat 28', 'Sun 29', 'Mon 30', 'Tue 1', 'Wed 2', 'Thu 3', 'Fri 4', 'Sat 5', 'Sun 6'];
    days.forEach((d, n) => {
      expect(dayCells(labels, n).trim()).toBe(d);
      expect(dayCells(ticks, n)[0]).toBe('│');
    });
    expect(dayCells(ticks, 0)).toBe('│━━━━━━'); // today
    expect(dayCells(ticks, 5)).toBe('│══════'); // weekend
    expect(dayCells(ticks, 2)).toBe('│──────');
  });

  test('names are written inside bars where they fit, initials in short bars, a legend lists everyone', () => {
    const weekly = lane(frame, 'weekly');
    expect(weekly.slice(LABEL)).toMatch(/^\|Alice Liddell +·{7}\|alice \|Bob Marley$/);
    expect(dayCells(lane(frame, 'business-hours'), 0)).toBe('···|C··'); // 09:00-17:00 only: columns 3 and 4 of 7
    expect(dayCells(lane(frame, 'business-hours'), 5)).toBe('·······');
    const legend = frame.split('\n').slice(-3).join(' ');
    for (const who of ['Alice Liddell (alice)', 'Bob Marley (bob)', 'Carol Danvers (carol)']) expect(legend).toContain(who);
  });

  test('a gap in the final lane is hatched and says "gap", exactly over its day', () => {
    const final = lane(frame, 'final');
    expect(dayCells(final, 5)).toBe('░░gap░░');
    expect(final.replace(/[^░]/g, '')).toHaveLength(4);
    expect(dayCells(final, 4).endsWith('░')).toBe(false);
    expect(dayCells(final, 6)).toBe('|alice ');
  });

  test('a one-minute gap is not hidden between two people', () => {
    const minute = 60_000;
    const s = { ...payments(), final: [seg('alice', TWO_WEEKS.start, T('2026-11-26T10:00:00Z')), seg('bob', T('2026-11-26T10:00:00Z') + minute, TWO_WEEKS.end)] };
    expect(lane(frameOf({ width: 113, schedules: [s] }), 'final')).toContain('░');
  });

  test('an override shows in the overrides lane and in the final lane on its day', () => {
    const overrides = lane(frame, 'overrides');
    expect(dayCells(overrides, 10)).toBe('|carol ');
    expect(overrides.slice(LABEL).replace(dayCells(overrides, 10), '')).toMatch(/^·+$/);
    const final = lane(frame, 'final');
    expect(dayCells(final, 10)).toBe('|carol ');
    expect(dayCells(final, 9).startsWith('|')).toBe(false); // bob runs on into Wed 2 Dec
    expect(dayCells(final, 11)[0]).toBe('|');
  });

  test('every schedule gets its own block', () => {
    const two = frameOf({ width: 113, schedules: [payments(), single('sec', 'Secondary', 'bob', TWO_WEEKS)] });
    expect(two).toContain('Payments (pay) · Europe/Berlin');
    expect(two).toContain('Secondary (sec) · Europe/Berlin');
    expect(lane(two, 'final', 1).slice(LABEL)).toMatch(/^\|Bob Marley$/);
    expect(frameOf({ width: 113, schedules: [] })).toContain('No schedules to draw.');
  });
});

describe('colours off', () => {
  test('no ANSI escape codes, and bars start with "|"', () => {
    const frame = frameOf({ width: 113, color: false });
    expect(frame).not.toMatch(ANSI);
    expect(lane(frame, 'final')[LABEL]).toBe('|');
    expect(lane(frame, 'weekly')[LABEL]).toBe('|');
  });
});

describe('a DST week: Europe/Berlin, Mon 19 Oct to Mon 2 Nov 2026 (clocks go back on Sun 25 Oct)', () => {
  const start = T('2026-10-18T22:00:00Z'); // Mon 19 Oct 00:00 CEST
  const handoff = T('2026-10-25T23:00:00Z'); // Mon 26 Oct 00:00 CET, 169 hours later
  const end = T('2026-11-01T23:00:00Z'); // Mon 2 Nov 00:00 CET
  const window = { start, end };
  const s = {
    ...single('dst', 'DST', 'alice', window),
    final: [seg('alice', start, handoff), seg('bob', handoff, end)],
  };
  // Only a "weekly" layer: lane labels take 10 columns, leaving 98 for the 14 days.
  const frame = frameOf({ width: 108, schedules: [s], window, now: T('2026-10-21T12:00:00Z') });

  test('one label per day, each day once', () => {
    const labels = ruler(frame).labels.match(/[A-Z][a-z]{2} \d+/g);
    expect(labels).toEqual(['Mon 19', 'Tue 20', 'Wed 21', 'Thu 22', 'Fri 23', 'Sat 24', 'Sun 25', 'Mon 26', 'Tue 27', 'Wed 28', 'Thu 29', 'Fri 30', 'Sat 31', 'Sun 1']);
  });

  test('the Monday-midnight handoff is drawn where the ruler starts Mon 26', () => {
    const { labels, ticks } = ruler(frame);
    const column = labels.indexOf('Mon 26');
    expect(ticks[column]).toBe('│');
    const final = lane(frame, 'final');
    expect(final.indexOf('|Bob Marley')).toBe(column);
    // 169 of 337 hours: column 49 of 98 (±1 for rounding).
    expect(Math.abs(column - 10 - Math.round((98 * (handoff - start)) / (end - start)))).toBeLessThanOrEqual(1);
  });
});

describe('terminal width', () => {
  const long = new Map([
    ['alice', { name: 'Alice Liddell-Featherstonehaugh' }],
    ['bob', { name: 'Bob Marley' }],
    ['carol', { name: 'Carol Danvers' }],
  ]);

  test('narrow (60 columns): nothing wider than the terminal, short day labels', () => {
    const frame = frameOf({ width: 60, people: long });
    for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(lane(frame, 'final')).toContain('░');
    expect(ruler(frame).labels).not.toContain('Nov');
    expect(ruler(frame).labels.trim().split(/\s+/).length).toBeGreaterThanOrEqual(7);
  });

  test('wide (200 columns): nothing wider, full day labels like "Mon 23 Nov", full names in bars', () => {
    const frame = frameOf({ width: 200, people: long });
    for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(200);
    const { labels } = ruler(frame);
    for (const label of ['Mon 23 Nov', 'Sat 28 Nov', 'Tue 1 Dec', 'Sun 6 Dec']) expect(labels).toContain(label);
    expect(lane(frame, 'weekly')).toContain('|Alice Liddell-Featherstonehaugh');
    expect(lane(frame, 'final')).toContain('gap');
    expect(Math.max(...frame.split('\n').map((l) => l.length))).toBeGreaterThan(150);
  });
});

test('windows not on whole days still map time to columns', () => {
  // One day shown over 100 columns (lane labels take 10): bob's handoff at 12:00 is in the middle.
  const window = { start: TWO_WEEKS.start, end: TWO_WEEKS.start + DAY };
  const s = { ...single('h', 'Half', 'alice', window), final: [seg('alice', window.start, window.start + DAY / 2), seg('bob', window.start + DAY / 2, window.end)] };
  const final = lane(frameOf({ width: 110, schedules: [s], window }), 'final');
  expect(final.indexOf('|Bob')).toBe(10 + 50);
});
