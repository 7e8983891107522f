// The window options --from, --to and --days, read the same way by every command that has
// them. Each command keeps its own defaults; days are calendar days in the viewer's zone (a
// week over a DST change is 167 or 169 h). Every window is at most MAX_WINDOW_DAYS long and
// lies inside the range of times oncall reads, so no option can make a command work for
// hours, run out of memory or print dates that do not exist.

import { addDays, DAY_MS, HOUR_MS, MAX_WINDOW_DAYS, timeRangeProblem, TIME_RANGE, type Window } from '../core/index.js';
import { UserError } from '../errors.js';
import type { Invocation } from './globals.js';

export { MAX_WINDOW_DAYS };

export interface WindowFlags {
  from?: string;
  to?: string;
  days?: number;
}

export interface WindowDefaults {
  /** The start when --from is not given. */
  start(now: number, zone: string): number;
  /** The end when neither --to nor --days is given. */
  end(start: number, now: number, zone: string): number;
}

export const WINDOW_ORDER = 'the window ends before it starts; --to must be after --from';

/** A commander parser for a number of days: digits only, 1 to `max`. */
export function dayCount(option: string, max: number = MAX_WINDOW_DAYS, span = '3 years') {
  return (value: string): number => {
    const n = /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= max)) throw new UserError(`${option} "${value}" must be a whole number of days from 1 to ${max} (${span})`);
    return n;
  };
}

/** Refuses a window whose end is not after its start. */
export function requireAfter(start: number, end: number, message: string = WINDOW_ORDER): void {
  if (end <= start) throw new UserError(message);
}

export interface WindowWords {
  /** Said when the end is not after the start. */
  order?: string;
  /** What to do about a window too long: the options this command has. */
  fix?: string;
}

/** Refuses a window that is empty or reversed, longer than MAX_WINDOW_DAYS, or beyond the times oncall reads. */
export function requireWindow(start: number, end: number, zone: string, words: WindowWords = {}): void {
  const { order = WINDOW_ORDER, fix = 'move --from and --to closer' } = words;
  requireAfter(start, end, order);
  if (timeRangeProblem(start) || timeRangeProblem(end)) {
    throw new UserError(`the window runs outside the times oncall reads (${TIME_RANGE}); start and end it inside that range`);
  }
  if (end > addDays(start, MAX_WINDOW_DAYS, zone)) {
    const days = Math.ceil((end - start) / DAY_MS);
    throw new UserError(`the window is ${days} days long, more than ${MAX_WINDOW_DAYS} (3 years); ${fix}`);
  }
}

export async function windowOption(run: Invocation, options: WindowFlags, defaults: WindowDefaults): Promise<Window> {
  if (options.to !== undefined && options.days !== undefined) throw new UserError('give either --to or --days, not both');
  const { now, zone } = run.ctx;
  const start = options.from !== undefined ? await run.time(options.from, '--from') : defaults.start(now, zone);
  const end = options.to !== undefined
    ? await run.time(options.to, '--to')
    : options.days !== undefined
      ? addDays(start, options.days, zone)
      : defaults.end(start, now, zone);
  requireWindow(start, end, zone, { fix: 'move --from and --to closer, or ask for fewer --days' });
  return { start, end };
}

/** A window that starts at a given instant and lasts a duration: `--horizon 28d`. */
export interface Horizon {
  window: Window;
  /** The duration in words, for a heading: "28 days", "2 weeks", "36 hours". */
  words: string;
}

const HORIZON = /^\s*(\d{1,9})\s*(h|hours?|d|days?|w|weeks?)\s*$/i;

/**
 * `--horizon 28d`, `2w`, `36h` from `start`: days and weeks are calendar days in the viewer's
 * zone, like `+2w` as a time. Held to the same limits as every other window.
 */
export function horizonOption(text: string, start: number, zone: string, option = '--horizon'): Horizon {
  const match = HORIZON.exec(text);
  if (!match) throw new UserError(`${option} "${text}" is not a duration; write one like 7d, 2w or 36h`);
  const count = Number(match[1]);
  const unit = match[2][0].toLowerCase();
  const words = `${count} ${{ h: 'hour', d: 'day', w: 'week' }[unit]}${count === 1 ? '' : 's'}`;
  const hours = count * (unit === 'h' ? 1 : unit === 'd' ? 24 : 168);
  const fix = `give a shorter ${option}`;
  // Refused before any calendar arithmetic, which must not see a count like 10^9 days.
  if (hours * HOUR_MS > (MAX_WINDOW_DAYS + 1) * DAY_MS) {
    throw new UserError(`${option} "${text.trim()}" is longer than ${MAX_WINDOW_DAYS} days (3 years); ${fix}`);
  }
  const end = unit === 'h' ? start + hours * HOUR_MS : addDays(start, hours / 24, zone);
  if (timeRangeProblem(end)) {
    throw new UserError(`${option} ${text.trim()} ends past the times oncall reads (${TIME_RANGE}); ${fix}`);
  }
  requireWindow(start, end, zone, {
    order: `${option} must be longer than zero; write one like 7d, 2w or 36h`,
    fix,
  });
  return { window: { start, end }, words };
}
