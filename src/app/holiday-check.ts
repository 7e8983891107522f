// The holiday library and its list of regions take 20-30 ms to load (dist/vendor/, see
// scripts/vendor-date-holidays.js): only load them to check a `holidays:` region when one is
// given.

import { HOLIDAY_REGION_HINT } from '../core/values.js';
import { InputError } from '../errors.js';

export async function holidayRegionCheck(teams: unknown): Promise<((code: string) => boolean) | undefined> {
  const mentioned = Array.isArray(teams) && teams.some((t) => typeof t === 'object' && t !== null && 'holidays' in t);
  if (!mentioned) return undefined;
  const { isKnownHolidayRegion } = await import('../core/holidays.js');
  // Asked once per team, and a region's answer takes the data set's whole list of countries.
  const known = new Map<string, boolean>();
  return (code) => known.get(code) ?? known.set(code, isKnownHolidayRegion(code)).get(code)!;
}

/** Refuses a holiday region the data set does not know; nothing to check without one. */
export async function requireHolidayRegion(code: string | undefined): Promise<void> {
  if (code === undefined) return;
  const { isKnownHolidayRegion } = await import('../core/holidays.js');
  if (!isKnownHolidayRegion(code)) {
    throw new InputError('holidays', (flag) => `${flag ?? 'holiday region'} "${code}" is not a known region; ${HOLIDAY_REGION_HINT}`);
  }
}
