// Time input on the command line: the exact forms (ISO, "now", "+2h") are parsed by the
// core; anything else is plain English, parsed by chrono-node, loaded only when needed.
// Whatever the form, the whole text must be understood, the time must exist (no 30 February,
// no 25:00) and lie in the range oncall reads; anything else is refused, never guessed.

import { addDays, fromFloating, impossibleDate, MINUTE_MS, offsetAt, OUTSIDE_TIMES, readExactTime, startOfDayIn, timeRangeProblem, toFloating } from '../core/index.js';
import { UserError } from '../errors.js';

export interface TimeReading {
  /** Plain English means the latest such time up to now ("12:40" is earlier today). */
  past?: boolean;
  /** A day named without a time ("friday", "tomorrow") means its start, or with `end` its end. */
  wholeDay?: 'start' | 'end';
}

/** Longer text is no time anyone types; it would only make the English parser slow. */
const MAX_LENGTH = 100;
const EXAMPLES = 'try 2026-12-01T09:00, "now", "+2h", "-3d" or "next friday 18:00"';

// Words that fix the direction whatever the command's default: "last friday" is always
// behind us, "next friday" always ahead. ("last day of the month" is a day, not a direction.)
const PAST_WORDS = /\b(last|past|previous|ago|yesterday)\b/i;
const FUTURE_WORDS = /\b(next|tomorrow|later|from now)\b|^in\s+\d/i;
const LAST_DAY_OF = /\blast\s+day\s+of\b/i;
// chrono reads "end of month" as its last day at noon; it means the moment the month ends.
const END_OF_MONTH = /^end\s+of\s+(the\s+)?month$/i;
// chrono's words that name a part of the day ("tonight", "this morning"), not just a day.
const DAY_WORDS = new Set(['today', 'tomorrow', 'yesterday']);

/** `past`: plain English means the latest such time up to now ("12:40" is earlier today), for things that already happened. */
export async function parseTimeOption(text: string, option: string, now: number, zone: string, reading: boolean | TimeReading = false): Promise<number> {
  const { past = false, wholeDay } = typeof reading === 'boolean' ? { past: reading } : reading;
  const input = text.trim();
  if (input === '') throw new UserError(`${option} is empty; ${EXAMPLES}`);
  if (input.length > MAX_LENGTH) throw new UserError(`${option} is ${input.length} characters long; a time is at most ${MAX_LENGTH}: ${EXAMPLES}`);
  const exact = readExactTime(input, now, zone);
  if (exact && !exact.ok) throw new UserError(`${option} "${input}" ${exact.error}`);
  const instant = exact ? exact.value : await parseEnglish(input, option, now, zone, past, wholeDay);
  const outside = timeRangeProblem(instant);
  if (outside) throw new UserError(`${option} "${input}" ${outside}`);
  return instant;
}

/**
 * A --since: always a time up to now. A bare amount looks back ("7d" and "-7d" both mean 7
 * days ago); "+7d" and anything else in the future are refused rather than read as a window
 * that has not begun.
 */
export async function parseSinceOption(text: string, option: string, now: number, zone: string): Promise<number> {
  const input = text.trim();
  const hint = `${option} looks back: give 7d, "last monday" or a date`;
  if (input.startsWith('+')) throw new UserError(`${option} "${input}" is in the future; ${hint}`);
  const amount = /^\d/.test(input) && readExactTime(`-${input}`, now, zone) !== undefined ? `-${input}` : input;
  const instant = await parseTimeOption(amount, option, now, zone, true);
  if (instant > now) throw new UserError(`${option} "${input}" is in the future; ${hint}`);
  return instant;
}

async function parseEnglish(input: string, option: string, now: number, zone: string, past: boolean, wholeDay?: 'start' | 'end'): Promise<number> {
  const notUnderstood = () => new UserError(`${option} "${input}" is not a time I understand; ${EXAMPLES}`);
  if (END_OF_MONTH.test(input)) return endOfMonth(now, zone);
  const direction = input.replace(LAST_DAY_OF, '');
  const backward = PAST_WORDS.test(direction);
  const forward = !backward && FUTURE_WORDS.test(direction);
  const chrono = await import('chrono-node');
  const reference = { instant: new Date(now), timezone: offsetAt(zone, now) / MINUTE_MS };
  const results = chrono.parse(input, reference, { forwardDate: backward ? false : forward || !past });
  const [result] = results;
  // Only the whole input, understood as one time: not a date somewhere inside other words
  // ("friday 25:00" is "friday" and an hour chrono could not read), and not a range.
  if (results.length !== 1 || result.index !== 0 || result.text.length !== input.length) throw notUnderstood();
  if (result.end) throw new UserError(`${option} "${input}" is a range; give one time`);
  const c = result.start;
  const [year, month, day] = [c.get('year')!, c.get('month')!, c.get('day')!];
  const [hour, minute, second] = [c.get('hour') ?? 0, c.get('minute') ?? 0, c.get('second') ?? 0];
  // Far years are refused before any arithmetic: "in 999999 years" is past the end of Date.
  if (year < 1969 || year > 2100) throw new UserError(`${option} "${input}" ${OUTSIDE_TIMES}`);
  // chrono rolls impossible dates over or reads them differently ("December 32" as 2032).
  const impossible = impossibleDate(year, month, day, hour, minute, second);
  if (impossible) throw new UserError(`${option} "${input}" is not a real time: ${impossible}`);
  const tags = result.tags();
  const relative = tags.has('result/relativeDate');
  if (!relative && c.isCertain('year') && twoDigitYear(input, year)) throw new UserError(`${option} "${input}" has a year of two digits; write it with four`);
  const partOfDay = [...tags].some((t) => t.startsWith('casualReference/') && !DAY_WORDS.has(t.slice('casualReference/'.length)));
  // Time off asks for whole days whenever no hour is given ("in 3 days" too).
  const namesDay = !c.isCertain('hour') && (wholeDay !== undefined || (!relative && !partOfDay));
  let instant: number;
  if (namesDay) {
    // A day named without a time is that whole day: its start, or with `end` its end.
    const midnight = fromFloating(Date.UTC(year, month - 1, day), zone);
    instant = wholeDay === 'end' ? addDays(midnight, 1, zone) : midnight;
  } else {
    instant = fromFloating(Date.UTC(year, month - 1, day, hour, minute, second), zone);
  }
  if (backward && instant > now) throw new UserError(`${option} "${input}" is not in the past; ${EXAMPLES}`);
  if (forward && instant < now) throw new UserError(`${option} "${input}" is not in the future; ${EXAMPLES}`);
  return instant;
}

/** Whether the year was written with two digits ("December 32" is read as December 2032). */
function twoDigitYear(input: string, year: number): boolean {
  const numbers = input.replace(/\d{1,2}:\d{2}(:\d{2})?/g, '').match(/\d+/g) ?? [];
  return !numbers.some((n) => n.length === 4) && numbers.some((n) => n.length === 2 && Number(n) === year % 100);
}

/** 00:00 on the first of next month in the zone: the instant this month ends. */
function endOfMonth(now: number, zone: string): number {
  const today = new Date(toFloating(startOfDayIn(now, zone), zone));
  return fromFloating(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1), zone);
}
