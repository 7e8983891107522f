// The timeline's geometry, as plain functions (no React): the window cut into terminal
// columns, who holds each column of a lane, runs of equal columns, the day ruler.

import type { Shift, Window } from '../core/index.js';
import { DAY_MS, startOfDay, toFloating, weekdayOf } from '../core/index.js';

export interface Column {
  start: number;
  end: number;
}

export function makeColumns(window: Window, count: number): Column[] {
  const step = (window.end - window.start) / Math.max(1, count);
  return Array.from({ length: Math.max(1, count) }, (_, i) => ({
    start: Math.round(window.start + i * step),
    end: Math.round(window.start + (i + 1) * step),
  }));
}

/** A column's holder: a person id, `null` for a gap, `undefined` for "not covered". */
export type Holder = string | null | undefined;

/**
 * Who holds each column: the person covering most of it, or `uncovered` where nobody does.
 * In the final lane `uncovered` is null (a gap), and any gap in a column takes the whole
 * column, so that a gap can never hide between two people.
 */
export function laneHolders(shifts: Shift[], columns: Column[], uncovered: null | undefined): Holder[] {
  let next = 0;
  return columns.map((column) => {
    while (next < shifts.length && shifts[next].end <= column.start) next++;
    const share = new Map<string, number>();
    let covered = 0;
    for (let i = next; i < shifts.length && shifts[i].start < column.end; i++) {
      const p = shifts[i];
      const overlap = Math.min(p.end, column.end) - Math.max(p.start, column.start);
      if (overlap <= 0 || p.person === null) continue;
      share.set(p.person, (share.get(p.person) ?? 0) + overlap);
      covered += overlap;
    }
    const rest = column.end - column.start - covered;
    if (uncovered === null && rest > 0) return null;
    let best: Holder = uncovered;
    let bestShare = rest;
    for (const [person, amount] of share) {
      if (amount > bestShare) {
        best = person;
        bestShare = amount;
      }
    }
    return best;
  });
}

export interface Run {
  from: number;
  to: number;
  holder: Holder;
}

export function toRuns(holders: Holder[]): Run[] {
  const runs: Run[] = [];
  holders.forEach((holder, i) => {
    const last = runs[runs.length - 1];
    if (last && last.holder === holder) last.to = i + 1;
    else runs.push({ from: i, to: i + 1, holder });
  });
  return runs;
}

/** The text inside a bar: the name, else the id, else initials, cut to fit; padded to width. */
export function barText(name: string, id: string, width: number): string {
  const inner = width - 1; // one column of the bar stays free, as a visible boundary
  const initials = name.split(/\s+/).map((w) => w[0]).join('');
  const fits = [name, id, initials, initials.slice(0, 1)].find((t) => t.length <= inner) ?? '';
  return ` ${fits}`.slice(0, width).padEnd(width);
}

export interface RulerDay {
  from: number;
  to: number;
  weekend: boolean;
  today: boolean;
  label: string;
}

/**
 * The ruler's units across the columns: days of the viewer's zone, or weeks (from Monday)
 * for windows of WEEK_RULER_DAYS days and more, or when days are too narrow to tell apart;
 * each labelled as fully as the width allows.
 */
export function rulerDays(columns: Column[], zone: string, now: number): RulerDay[] {
  const today = startOfDay(toFloating(now, zone));
  const days = dayCount(columns, zone);
  const coarse = days >= WEEK_RULER_DAYS || columns.length / days < 3;
  const unitOf = (floating: number) => {
    const day = startOfDay(floating);
    return coarse ? day - (weekdayOf(day) - 1) * DAY_MS : day;
  };
  const units: (RulerDay & { unit: number })[] = [];
  columns.forEach((column, i) => {
    const floating = toFloating(column.start + (column.end - column.start) / 2, zone);
    const unit = unitOf(floating);
    const last = units[units.length - 1];
    if (last && last.unit === unit) {
      last.to = i + 1;
      return;
    }
    const weekend = !coarse && weekdayOf(floating) >= 6;
    const isToday = coarse ? unitOf(today) === unit : unit === today;
    units.push({ unit, from: i, to: i + 1, weekend, today: isToday, label: '' });
  });
  // One label format for every unit (the longest that fits the narrowest whole one), so
  // that the ruler reads evenly.
  const whole = units.length > 2 ? units.slice(1, -1) : units;
  const narrowest = Math.min(...whole.map((d) => d.to - d.from));
  return units.map(({ unit, ...d }) => ({ ...d, label: unitLabel(unit, narrowest, coarse) }));
}

function dayCount(columns: Column[], zone: string): number {
  if (columns.length === 0) return 1;
  const first = toFloating(columns[0].start, zone);
  const last = toFloating(columns[columns.length - 1].end, zone);
  return Math.max(1, Math.round((last - first) / DAY_MS));
}

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const LABEL_FORMATS: ((weekday: string, date: number, month: string) => string)[] = [
  (w, d, m) => `${w} ${d} ${m}`,
  (w, d) => `${w} ${d}`,
  (w, d) => `${w.slice(0, 2)}${d}`,
  (_w, d) => `${d}`,
];

function unitLabel(floatingDay: number, width: number, weeks: boolean): string {
  const d = new Date(floatingDay);
  const weekday = WEEKDAY[weekdayOf(floatingDay) - 1];
  const date = d.getUTCDate();
  const month = MONTH[d.getUTCMonth()];
  if (weeks) return '30 Sep'.length < width ? `${date} ${month}` : `${date}`;
  // Formats are judged by their longest case (a two-digit date) so every day uses the same one.
  const format = LABEL_FORMATS.find((f) => f('Wed', 30, 'Sep').length < width);
  return format ? format(weekday, date, month) : '';
}

/**
 * The ruler's label line: each day's label at its first column, running on into following
 * days when they have no label of their own, never over the next label.
 */
export function rulerLine(days: RulerDay[]): string {
  const width = days.length ? days[days.length - 1].to : 0;
  const chars = Array<string>(width).fill(' ');
  days.forEach((day, i) => {
    if (!day.label) return;
    const next = days.slice(i + 1).find((d) => d.label);
    const room = (next ? next.from : width) - day.from - 1; // keep one blank before the next
    [...day.label.slice(0, Math.max(0, room))].forEach((ch, k) => (chars[day.from + k] = ch));
  });
  return chars.join('');
}

/** The column holding `now`, or -1 when now is outside the window. */
export function nowColumn(columns: Column[], now: number): number {
  return columns.findIndex((c) => c.start <= now && now < c.end);
}

/** From this many days on, the ruler counts weeks, however wide the terminal. */
export const WEEK_RULER_DAYS = 28;

export const MIN_DAYS = 1;
export const MAX_DAYS = 56;
export const ZOOM_STEPS = [1, 2, 3, 7, 14, 28, 56];

/** The next zoom step: fewer days (direction -1, zoom in) or more (1, zoom out). */
export function zoom(days: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((d) => d > days) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  return [...ZOOM_STEPS].reverse().find((d) => d < days) ?? ZOOM_STEPS[0];
}

