// Public holidays of a window, from the holidays of the local years it touches. The years come
// from the holiday library (holidays.ts) or from the cache of earlier runs (app/holiday-years.ts).

import type { Instant } from './types.js';
import { DAY_MS } from './wall-clock.js';

export interface PublicHoliday {
  /** As the library gives it in the region's own zone: mostly local midnight to midnight. */
  start: Instant;
  end: Instant;
  /** Local date, "YYYY-MM-DD". */
  date: string;
  /** In the region's language, as the library gives it ("1. Weihnachtstag" for DE). */
  name: string;
}

/**
 * The local calendar years a window can touch in any region. A region's year starts up to 14
 * hours away from the UTC one, so a day of margin on each side catches every one.
 */
export function holidayYearsOf(from: Instant, to: Instant): number[] {
  if (to <= from) return [];
  const years: number[] = [];
  for (let year = new Date(from - DAY_MS).getUTCFullYear(); year <= new Date(to + DAY_MS).getUTCFullYear(); year++) years.push(year);
  return years;
}

/**
 * The holidays of `years` (each year's list in the library's order) that overlap [from, to),
 * sorted, one per local date.
 */
export function holidaysInWindow(years: readonly (readonly PublicHoliday[])[], from: Instant, to: Instant): PublicHoliday[] {
  const byDate = new Map<string, PublicHoliday>();
  for (const year of years) {
    for (const h of year) {
      const { start, end, date } = h;
      if (end <= from || start >= to) continue;
      // A date can carry two public holidays (a moving feast on a national day). They become
      // one entry whose span covers both: Islamic holidays start at 18:00 the evening before.
      const same = byDate.get(date);
      byDate.set(
        date,
        same
          ? { start: Math.min(same.start, start), end: Math.max(same.end, end), date, name: `${same.name}, ${h.name}` }
          : { ...h },
      );
    }
  }
  return [...byDate.values()].sort((a, b) => a.start - b.start);
}
