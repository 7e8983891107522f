// Timeline windows in the viewer's zone: whole calendar days, starting on a Monday when the
// window is a week or longer (the default is the current week and the next).

import type { Window } from '../core/index.js';
import { addDays, DAY_MS, fromFloating, startOfDay, toFloating, weekdayOf } from '../core/index.js';

export const DEFAULT_DAYS = 14;

export function defaultStart(now: number, days: number, zone: string): number {
  const today = startOfDay(toFloating(now, zone));
  const monday = today - (weekdayOf(today) - 1) * DAY_MS;
  return fromFloating(days >= 7 ? monday : today, zone);
}

export function windowOf(start: number, days: number, zone: string): Window {
  return { start, end: addDays(start, days, zone) };
}
