// The holiday data set is large (about 100 ms to load): only load it to check a `holidays:`
// region when some team has one.

export async function holidayRegionCheck(teams: unknown): Promise<((code: string) => boolean) | undefined> {
  const mentioned = Array.isArray(teams) && teams.some((t) => typeof t === 'object' && t !== null && 'holidays' in t);
  return mentioned ? (await import('../core/holidays.js')).isKnownHolidayRegion : undefined;
}
