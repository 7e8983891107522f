// The window options --from, --to and --days, read the same way by every command that has
// them. Each command keeps its own defaults; days are calendar days in the viewer's zone (a
// week over a DST change is 167 or 169 h).

import { addDays, type Window } from '../core/index.js';
import { UserError } from '../errors.js';
import type { Invocation } from './globals.js';

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

/** Refuses a window whose end is not after its start. */
export function requireAfter(start: number, end: number, message: string = WINDOW_ORDER): void {
  if (end <= start) throw new UserError(message);
}

export async function windowOption(run: Invocation, options: WindowFlags, defaults: WindowDefaults): Promise<Window> {
  if (options.to && options.days) throw new UserError('give either --to or --days, not both');
  const { now, zone } = run.ctx;
  const start = options.from ? await run.time(options.from, '--from') : defaults.start(now, zone);
  const end = options.to
    ? await run.time(options.to, '--to')
    : options.days
      ? addDays(start, options.days, zone)
      : defaults.end(start, now, zone);
  requireAfter(start, end);
  return { start, end };
}
