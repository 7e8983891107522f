// The timeline's pure parts: geometry (src/ui/layout.ts), windows (src/ui/window.ts) and
// colours (src/ui/colors.ts). Instants are written in UTC; the comments give the wall time.

import { describe, expect, test } from 'vitest';
import type { Shift } from '../../src/core/index.js';
import { addDays } from '../../src/core/index.js';
import {
  barText, laneHolders, makeColumns, MAX_DAYS, MIN_DAYS, nowColumn, rulerDays, rulerLine, toRuns, WEEK_RULER_DAYS, zoom, ZOOM_STEPS,
  type RulerDay,
} from '../../src/ui/layout.js';
import { defaultStart, windowOf } from '../../src/ui/window.js';
import { personColor, textOn } from '../../src/ui/colors.js';

const T = (iso: string) => Date.parse(iso);
const H = 3_600_000;
const BERLIN = 'Europe/Berlin';
const MON_23_NOV = T('2026-11-22T23:00:00Z'); // Mon 23 Nov 2026 00:00 Berlin
const NOW = T('2026-11-23T12:00:00Z'); // Mon 23 Nov 13:00 Berlin
const seg = (person: string | null, start: number, end: number): Shift => ({ start, end, person, source: person && 'layer:x' });

describe('makeColumns', () => {
  test('cuts the window into equal, contiguous columns from start to end', () => {
    const window = { start: MON_23_NOV, end: MON_23_NOV + 14 * 24 * H };
    const columns = makeColumns(window, 84);
    expect(columns).toHaveLength(84);
    expect(columns[0].start).toBe(window.start);
    expect(columns[83].end).toBe(window.end);
    columns.forEach((c, i) => {
      expect(c.end - c.start).toBe(4 * H);
      if (i > 0) expect(c.start).toBe(columns[i - 1].end);
    });
  });

  test('never makes zero columns', () => {
    expect(makeColumns({ start: 0, end: 10 * H }, 0)).toEqual([{ start: 0, end: 10 * H }]);
  });
});

describe('laneHolders and toRuns', () => {
  const columns = makeColumns({ start: 0, end: 12 * H }, 3); // 0-4h, 4-8h, 8-12h

  test('a column goes to the person holding most of it', () => {
    const shifts = [seg('alice', 0, 5 * H), seg('bob', 5 * H, 12 * H)];
    expect(laneHolders(shifts, columns, undefined)).toEqual(['alice', 'bob', 'bob']);
    expect(laneHolders([seg('alice', 0, 1 * H), seg('bob', 1 * H, 12 * H)], columns, undefined)).toEqual(['bob', 'bob', 'bob']);
  });

  test('in a layer lane, time nobody covers is undefined (restricted time stays empty)', () => {
    // alice holds only 1h of the first column and 3h of the second.
    const shifts = [seg('alice', 0, 1 * H), seg('alice', 5 * H, 8 * H)];
    expect(laneHolders(shifts, columns, undefined)).toEqual([undefined, 'alice', undefined]);
    expect(laneHolders([], columns, undefined)).toEqual([undefined, undefined, undefined]);
  });

  test('in the final lane any gap, however short, takes its column', () => {
    const oneMinuteGap = [seg('alice', 0, 6 * H), seg('bob', 6 * H + 60_000, 12 * H)];
    expect(laneHolders(oneMinuteGap, columns, null)).toEqual(['alice', null, 'bob']);
    const explicitGap = [seg('alice', 0, 9 * H), seg(null, 9 * H, 9 * H + 1), seg('bob', 9 * H + 1, 12 * H)];
    expect(laneHolders(explicitGap, columns, null)).toEqual(['alice', 'alice', null]);
    expect(laneHolders([], columns, null)).toEqual([null, null, null]);
  });

  test('toRuns groups equal neighbours, keeping gaps and uncovered apart', () => {
    expect(toRuns(['a', 'a', null, null, undefined, 'b', 'a'])).toEqual([
      { from: 0, to: 2, holder: 'a' },
      { from: 2, to: 4, holder: null },
      { from: 4, to: 5, holder: undefined },
      { from: 5, to: 6, holder: 'b' },
      { from: 6, to: 7, holder: 'a' },
    ]);
    expect(toRuns([])).toEqual([]);
  });
});

describe('barText', () => {
  test('the name, else the id, else initials, after one leading space, padded to the width', () => {
    expect(barText('Alice Liddell', 'alice', 20)).toBe(' Alice Liddell      ');
    expect(barText('Alice Liddell', 'alice', 14)).toBe(' Alice Liddell');
    expect(barText('Alice Liddell', 'alice', 13)).toBe(' alice       ');
    expect(barText('Alice Liddell', 'alice', 6)).toBe(' alice');
    expect(barText('Alice Liddell', 'alice', 5)).toBe(' AL  ');
    expect(barText('Alice Liddell', 'alice', 2)).toBe(' A');
    expect(barText('Alice Liddell', 'alice', 1)).toBe(' ');
  });

  test('is always exactly as wide as the bar', () => {
    for (let width = 0; width <= 30; width++) expect(barText('Maximiliana Theodora von H', 'maximiliana-v', width)).toHaveLength(width);
  });
});

/** The ruler for `days` days from `start` cut into `columns` columns (equal real time each). */
function ruler(start: number, days: number, columns: number, zone = BERLIN, now = NOW): RulerDay[] {
  return rulerDays(makeColumns(windowOf(start, days, zone), columns), zone, now);
}

describe('rulerDays', () => {
  test('one unit per day, weekends and today flagged, one label format for all', () => {
    const days = ruler(MON_23_NOV, 14, 84);
    expect(days).toHaveLength(14);
    expect(days.map((d) => [d.from, d.to])).toEqual(Array.from({ length: 14 }, (_, i) => [i * 6, i * 6 + 6]));
    expect(days.map((d) => d.weekend)).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1].map(Boolean));
    expect(days.map((d) => d.today)).toEqual(days.map((_, i) => i === 0));
    expect(days.map((d) => d.label)).toEqual(['Mo23', 'Tu24', 'We25', 'Th26', 'Fr27', 'Sa28', 'Su29', 'Mo30', 'Tu1', 'We2', 'Th3', 'Fr4', 'Sa5', 'Su6']);
  });

  test('wide days get the full label "Mon 23 Nov"', () => {
    const days = ruler(MON_23_NOV, 14, 14 * 12);
    expect(days[0].label).toBe('Mon 23 Nov');
    expect(days[8].label).toBe('Tue 1 Dec');
  });

  test('days are those of the viewer\'s zone', () => {
    // The same 7 New York days, seen from Tokyo (14 hours ahead): a short Monday first.
    const start = T('2026-11-23T05:00:00Z'); // Mon 23 Nov 00:00 New York = 14:00 Tokyo
    const ny = ruler(start, 7, 70, 'America/New_York');
    expect(ny.map((d) => [d.from, d.to, d.label])).toEqual(
      ['Mon 23', 'Tue 24', 'Wed 25', 'Thu 26', 'Fri 27', 'Sat 28', 'Sun 29'].map((l, i) => [i * 10, i * 10 + 10, l]),
    );
    const tokyo = rulerDays(makeColumns(windowOf(start, 7, 'America/New_York'), 70), 'Asia/Tokyo', NOW);
    expect(tokyo).toHaveLength(8);
    expect(tokyo[0]).toMatchObject({ from: 0, to: 4 });
    expect(tokyo[0].label.endsWith('23')).toBe(true);
    expect(tokyo[1]).toMatchObject({ from: 4, to: 14 });
    expect(tokyo.filter((d) => d.weekend).map((d) => d.label)).toEqual(['Sat 28', 'Sun 29']);
    expect(tokyo[5]).toMatchObject({ from: 44, to: 54, weekend: true });
  });

  test('zoomed far out, the ruler counts weeks from Monday instead of days', () => {
    const weeks = ruler(MON_23_NOV, 56, 8 * 12);
    expect(weeks).toHaveLength(8);
    expect(weeks.map((w) => w.to - w.from)).toEqual(Array(8).fill(12));
    expect(weeks.map((w) => w.label)).toEqual(['23 Nov', '30 Nov', '7 Dec', '14 Dec', '21 Dec', '28 Dec', '4 Jan', '11 Jan']);
    expect(weeks.map((w) => w.today)).toEqual(weeks.map((_, i) => i === 0));
    expect(weeks.some((w) => w.weekend)).toBe(false);
  });

  test('at 28 days and more the ruler counts weeks, even when every day would fit', () => {
    // 6 columns a day is plenty for "Mo23"-style day labels; 28 days still get a week ruler.
    for (const days of [28, 56]) {
      const weeks = ruler(MON_23_NOV, days, days * 6);
      expect(weeks).toHaveLength(days / 7);
      expect(weeks.map((w) => w.to - w.from)).toEqual(Array(days / 7).fill(42));
      expect(weeks[0].label).toBe('23 Nov');
      expect(weeks.some((w) => w.weekend)).toBe(false);
    }
    // Below 28 days a wide terminal still shows days.
    expect(ruler(MON_23_NOV, 14, 14 * 6)).toHaveLength(14);
    expect(WEEK_RULER_DAYS).toBe(28);
  });

  test('week labels also share one format (all with the month, or none)', () => {
    // 6 columns a week: "23 Nov" does not leave a blank, "7 Dec" does.
    const labels = ruler(MON_23_NOV, 56, 48).map((w) => w.label);
    const withMonth = labels.filter((l) => / [A-Z][a-z]{2}$/.test(l));
    expect(withMonth.length === 0 || withMonth.length === labels.length, labels.join(' | ')).toBe(true);
  });
});

describe('rulerLine', () => {
  const day = (from: number, to: number, label: string): RulerDay => ({ from, to, label, weekend: false, today: false });

  test('each label at its first column, cut to leave a blank before the next', () => {
    expect(rulerLine([day(0, 4, 'Mon 23 Nov'), day(4, 8, 'Tue 24 Nov')])).toBe('Mon Tue ');
    expect(rulerLine([day(0, 11, 'Mon 23 Nov'), day(11, 22, 'Tue 24 Nov')])).toBe('Mon 23 Nov Tue 24 Nov ');
  });

  test('a label runs on over following days without a label, never over the next label', () => {
    expect(rulerLine([day(0, 3, '23 Nov'), day(3, 6, ''), day(6, 9, '7 Dec')])).toBe('23 No 7  ');
    expect(rulerLine([])).toBe('');
  });
});

describe('nowColumn', () => {
  const columns = makeColumns({ start: 0, end: 10 * H }, 10);
  test('is the column holding now, or -1 outside the window', () => {
    expect(nowColumn(columns, 0)).toBe(0);
    expect(nowColumn(columns, 3.5 * H)).toBe(3);
    expect(nowColumn(columns, 10 * H - 1)).toBe(9);
    expect(nowColumn(columns, 10 * H)).toBe(-1);
    expect(nowColumn(columns, -1)).toBe(-1);
  });
});

describe('zoom', () => {
  test('steps between 1 day and 8 weeks and stops at both ends', () => {
    expect([MIN_DAYS, MAX_DAYS]).toEqual([1, 56]);
    const ins = [14];
    while (ins.length < 7) ins.push(zoom(ins[ins.length - 1], -1));
    expect(ins).toEqual([14, 7, 3, 2, 1, 1, 1]);
    const outs = [14];
    while (outs.length < 4) outs.push(zoom(outs[outs.length - 1], 1));
    expect(outs).toEqual([14, 28, 56, 56]);
    expect(ZOOM_STEPS[0]).toBe(1);
    expect(ZOOM_STEPS[ZOOM_STEPS.length - 1]).toBe(56);
  });

  test('from a --days value between steps, the next step each way (10: in 7, out 14)', () => {
    expect(zoom(10, -1)).toBe(7);
    expect(zoom(10, 1)).toBe(14);
    expect(zoom(5, 1)).toBe(7);
    expect(zoom(40, 1)).toBe(56);
  });
});

describe('window.ts', () => {
  test('a week or longer starts on Monday 00:00 of this week in the viewer\'s zone', () => {
    expect(defaultStart(T('2026-11-25T12:00:00Z'), 14, BERLIN)).toBe(MON_23_NOV);
    expect(defaultStart(T('2026-11-29T22:30:00Z'), 7, BERLIN)).toBe(MON_23_NOV); // Sun 23:30 Berlin
    expect(defaultStart(T('2026-11-29T23:30:00Z'), 7, BERLIN)).toBe(T('2026-11-29T23:00:00Z')); // Mon 00:30
    // 22 Nov 23:30Z is Monday in Berlin but still Sunday in New York: that week's Monday.
    expect(defaultStart(T('2026-11-22T23:30:00Z'), 14, 'America/New_York')).toBe(T('2026-11-16T05:00:00Z'));
  });

  test('shorter windows start at today\'s midnight', () => {
    expect(defaultStart(T('2026-11-25T12:00:00Z'), 3, BERLIN)).toBe(T('2026-11-24T23:00:00Z'));
  });

  test('moving by days across a DST change keeps midnight', () => {
    const mon19Oct = T('2026-10-18T22:00:00Z'); // Mon 19 Oct 00:00 CEST
    expect(addDays(mon19Oct, 7, BERLIN)).toBe(T('2026-10-25T23:00:00Z')); // Mon 26 Oct 00:00 CET
    expect(addDays(T('2026-10-25T23:00:00Z'), -7, BERLIN)).toBe(mon19Oct);
    expect(addDays(T('2026-10-24T22:00:00Z'), 1, BERLIN)).toBe(T('2026-10-25T23:00:00Z')); // a 25-hour Sunday
    expect(addDays(T('2026-03-28T23:00:00Z'), 1, BERLIN)).toBe(T('2026-03-29T22:00:00Z')); // a 23-hour Sunday
    expect(windowOf(mon19Oct, 14, BERLIN)).toEqual({ start: mon19Oct, end: T('2026-11-01T23:00:00Z') });
  });
});

describe('colors.ts', () => {
  const ids = Array.from({ length: 40 }, (_, i) => `person-${i}`);

  test('a person\'s own colour comes first', () => {
    expect(personColor('alice', '#123456')).toBe('#123456');
  });

  test('otherwise a stable colour from the id, varied across people', () => {
    for (const id of ids) {
      expect(personColor(id)).toMatch(/^#[0-9a-f]{6}$/i);
      expect(personColor(id)).toBe(personColor(id));
    }
    expect(personColor('alice')).toBe('#cc6666'); // pinned: the same on every machine and run
    expect(new Set(ids.map((id) => personColor(id))).size).toBeGreaterThanOrEqual(8);
  });

  test('derived colours are mid-tones, visible on dark and light backgrounds', () => {
    for (const id of ids) {
      const n = Number.parseInt(personColor(id).slice(1), 16);
      const luma = 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
      expect(luma, personColor(id)).toBeGreaterThan(60);
      expect(luma, personColor(id)).toBeLessThan(215);
    }
  });

  test('text on a bar is black on light colours and white on dark ones', () => {
    expect(textOn('#ffffff')).toBe('black');
    expect(textOn('#ffff00')).toBe('black');
    expect(textOn('#e5c07b')).toBe('black');
    expect(textOn('#000000')).toBe('white');
    expect(textOn('#0000ff')).toBe('white');
    expect(textOn('#1e3a8a')).toBe('white');
  });
});
