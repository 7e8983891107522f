// `--restrict` on the command line: "mon-fri 09:00-17:00", "09:00-17:00" (every day),
// "sat,sun 00:00-00:00", or the weekly form "fri 18:00-mon 09:00". The result is checked by
// the same code as restrictions in YAML.

import type { RestrictionConfig } from '../core/index.js';
import { WEEKDAYS } from '../core/index.js';
import { UserError } from '../errors.js';

const WEEKLY = /^([a-z]{3})\s+(\d{1,2}:\d{2})\s*-\s*([a-z]{3})\s+(\d{1,2}:\d{2})$/i;
const DAILY = /^(?:([a-z,\s-]+?)\s+)?(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/i;

export function parseRestrictOption(text: string, previous: RestrictionConfig[] = []): RestrictionConfig[] {
  const weekly = WEEKLY.exec(text.trim());
  if (weekly) return [...previous, { from: `${weekly[1].toLowerCase()} ${weekly[2]}`, to: `${weekly[3].toLowerCase()} ${weekly[4]}` }];
  const daily = DAILY.exec(text.trim());
  if (!daily) {
    throw new UserError(`--restrict "${text}" is not a window; use "mon-fri 09:00-17:00", "09:00-17:00" or "fri 18:00-mon 09:00"`);
  }
  const days = daily[1] ? expandDays(daily[1]) : undefined;
  return [...previous, { ...(days && { days }), from: daily[2].padStart(5, '0'), to: daily[3].padStart(5, '0') }];
}

/** "mon-fri" → mon…fri; "sat,sun" → sat, sun. Unknown names are passed on to be reported. */
function expandDays(text: string): string[] {
  return text
    .toLowerCase()
    .split(',')
    .map((part) => part.trim())
    .flatMap((part) => {
      const range = /^([a-z]{3})-([a-z]{3})$/.exec(part);
      if (!range) return [part];
      const from = WEEKDAYS.indexOf(range[1] as (typeof WEEKDAYS)[number]);
      const to = WEEKDAYS.indexOf(range[2] as (typeof WEEKDAYS)[number]);
      if (from < 0 || to < 0) return [range[1], range[2]];
      const days: string[] = [];
      for (let i = from; ; i = (i + 1) % 7) {
        days.push(WEEKDAYS[i]);
        if (i === to) break;
      }
      return days;
    });
}
