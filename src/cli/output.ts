// Human output: aligned columns that fit the terminal, times in the viewer's zone with the
// zone named, and colour only when stdout is a terminal and NO_COLOR / --no-color are absent.

import { MINUTE_MS, terminalSafe, toFloating } from '../core/index.js';
import type { Io, Output } from './io.js';
import { joinText, trimEndText, type Colors, type Paint, type TerminalText } from './terminal-text.js';

export { colorsFor, type Colors } from './terminal-text.js';

export function wantColor(flag: boolean, env: Io['env'], stream: Output): boolean {
  return flag && !('NO_COLOR' in env && env.NO_COLOR !== '') && Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

// Built from the core's cached zone offsets rather than a luxon DateTime per value: `who`
// formats hundreds of times and luxon objects made that a quarter of its run time.
function wallParts(instant: number, zone: string, now: number) {
  const t = new Date(toFloating(instant, zone));
  const year = t.getUTCFullYear();
  const thisYear = new Date(toFloating(now, zone)).getUTCFullYear() === year;
  const date = `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]}${thisYear ? '' : ` ${year}`}`;
  return { weekday: WEEKDAYS[t.getUTCDay()], date, clock: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}` };
}

/** "Mon 23 Nov 09:00", with the year when it is not the current one. */
export function formatTime(instant: number | null, zone: string, now: number): string {
  if (instant === null) return '—';
  const p = wallParts(instant, zone, now);
  return `${p.weekday} ${p.date} ${p.clock}`;
}

/** "23 Nov 09:00" (no weekday), with the year when it is not the current one. */
export function formatShortTime(instant: number | null, zone: string, now: number): string {
  if (instant === null) return '—';
  const p = wallParts(instant, zone, now);
  return `${p.date} ${p.clock}`;
}

/** "Mon 23 Nov 09:00 → Mon 30 Nov 09:00": an interval as every command prints it. */
export function formatInterval(
  start: number,
  end: number,
  zone: string,
  now: number,
  format: (instant: number, zone: string, now: number) => string = formatTime,
): string {
  return `${format(start, zone, now)} → ${format(end, zone, now)}`;
}

/** The footer naming the zone of every time shown (no abbreviation: a window may span CET and CEST). */
export function timesIn(zone: string): string {
  return `Times in ${zone}.`;
}

export interface Cell {
  /** Any text: it is made safe for the terminal (on one line) before it is measured. */
  text: string;
  paint?: Paint;
}

export interface Column {
  header: string;
  /** Columns that may be cut (with "…") when the table is too wide. */
  shrink?: boolean;
  min?: number;
}

/** Renders rows under headers, cutting shrinkable columns so the table fits `width`. */
export function table(columns: Column[], cells: Cell[][], colors: Colors, width = 80): TerminalText {
  // Safe first, so that widths count what is shown and colour goes around safe text only.
  const texts = cells.map((r) => r.map((cell) => terminalSafe(cell.text)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...texts.map((r) => r[i].length)));
  const gap = 2;
  let total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
  for (let i = columns.length - 1; i >= 0 && total > width; i--) {
    if (!columns[i].shrink) continue;
    const min = Math.max(columns[i].min ?? 8, columns[i].header.length);
    const cut = Math.min(widths[i] - min, total - width);
    if (cut > 0) {
      widths[i] -= cut;
      total -= cut;
    }
  }
  const line = (row: string[], paints: (Paint | undefined)[]) =>
    trimEndText(
      joinText(
        row.map((text, i) => {
          const fitted = fit(text, widths[i]);
          const padded = i === row.length - 1 ? fitted : fitted.padEnd(widths[i]);
          const paint = paints[i];
          return paint ? paint(padded) : padded;
        }),
        ' '.repeat(gap),
      ),
    );
  const header = line(columns.map((c) => c.header), columns.map(() => colors.dim));
  return joinText([header, ...texts.map((row, r) => line(row, cells[r].map((cell) => cell.paint)))]);
}

/** A line made safe for the terminal, then cut to `width` with "…" (see `terminalWidth`). */
export function fitWidth(text: string, width: number): string {
  return fit(terminalSafe(text), width);
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * How wide human output may be: the terminal's width; when stdout is not a terminal, COLUMNS
 * if it is set to a whole number, else no limit (`oncall log | grep` keeps whole lines).
 */
export function terminalWidth(stream: Output, env: Io['env']): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number(env.COLUMNS);
  if (env.COLUMNS && Number.isInteger(columns) && columns > 0) return columns;
  return stream.isTTY ? 80 : Infinity;
}

/** A length of time for people: "45s", "4m", "1h 12m", "2d 3h". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  return hours % 24 ? `${Math.floor(hours / 24)}d ${hours % 24}h` : `${hours / 24}d`;
}
