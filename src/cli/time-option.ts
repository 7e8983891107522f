// Time input on the command line: the exact forms (ISO, "now", "+2h") are parsed by the
// core; anything else is plain English, parsed by chrono-node, loaded only when needed.

import { addDays, fromFloating, MINUTE_MS, offsetAt, parseExactTime } from '../core/index.js';
import { UserError } from '../errors.js';

export interface TimeReading {
  /** Plain English means the latest such time up to now ("12:40" is earlier today). */
  past?: boolean;
  /** A day named without a time ("friday", "tomorrow") means its start, or with `end` its end. */
  wholeDay?: 'start' | 'end';
}

/** `past`: plain English means the latest such time up to now ("12:40" is earlier today), for things that already happened. */
export async function parseTimeOption(text: string, option: string, now: number, zone: string, reading: boolean | TimeReading = false): Promise<number> {
  const { past = false, wholeDay } = typeof reading === 'boolean' ? { past: reading } : reading;
  const exact = parseExactTime(text, now, zone);
  if (exact !== undefined) return exact;
  const english = await parseEnglish(text, now, zone, past, wholeDay);
  if (english === undefined) {
    throw new UserError(
      `${option} "${text}" is not a time I understand; try 2026-12-01T09:00, "now", "+2h", "-3d" or "next friday 18:00"`,
    );
  }
  return english;
}

async function parseEnglish(text: string, now: number, zone: string, past: boolean, wholeDay?: 'start' | 'end'): Promise<number | undefined> {
  const chrono = await import('chrono-node');
  const reference = { instant: new Date(now), timezone: offsetAt(zone, now) / MINUTE_MS };
  const [result] = chrono.parse(text, reference, { forwardDate: !past });
  // Accept only when the whole input was understood, not a date somewhere inside it.
  if (!result || result.index !== 0 || result.text.trim().length !== text.trim().length) return undefined;
  const c = result.start;
  if (wholeDay && !c.isCertain('hour')) {
    const midnight = fromFloating(Date.UTC(c.get('year')!, c.get('month')! - 1, c.get('day')!), zone);
    return wholeDay === 'end' ? addDays(midnight, 1, zone) : midnight;
  }
  const wall = Date.UTC(
    c.get('year')!,
    c.get('month')! - 1,
    c.get('day')!,
    c.get('hour') ?? 0,
    c.get('minute') ?? 0,
    c.get('second') ?? 0,
  );
  return fromFloating(wall, zone);
}
