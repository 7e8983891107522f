// The built CLI loads holidays from dist/vendor/: date-holidays' parser with one country's
// data per file (scripts/vendor-date-holidays.js), and moment-timezone's calls answered by
// our own zone arithmetic (scripts/vendor-moment-timezone.js), not the package with every
// country and every zone. It must answer exactly as the package does. The regions below are
// those the docs, tests and benchmark use, plus every way one country's data reaches into
// another's (`_days`), holidays computed in a zone other than the country's (Chile's
// solstice, Japan's equinoxes at +09:00), the Chinese and Korean calendars (which, like the
// equinoxes, read astronomia's Earth series from the vendor folder), the Hebrew and Islamic
// calendars, whose days start the evening before, and zones whose clocks change at midnight (Santiago, Beirut, Havana,
// Cairo, Asunción, Tehran until 2022).

import { createRequire } from 'node:module';
import path from 'node:path';
import Holidays from 'date-holidays';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../cli/helpers.js';

const Vendored = createRequire(import.meta.url)(path.join(ROOT, 'dist', 'vendor', 'date-holidays.cjs')) as typeof Holidays;

const REGIONS: string[][] = [
  ['DE'], ['DE', 'BE'], ['DE', 'BY', 'A'], ['US'], ['US', 'CA'], ['GB'], ['GB', 'SCT'], ['JP'], ['AU'], ['AU', 'NSW'],
  ['NZ'], ['AL'], ['CL'], ['IL'], ['SA'], ['IN'], ['LB'], ['CU'], ['EG'], ['PY'], ['IR'], ['CN'], ['KR'], ['VN'],
  // Borrowing days: from Spain's Canary Islands, Great Britain, the US, France, Australia.
  ['ES', 'CN', 'GC'], ['GG'], ['JE'], ['GU'], ['NC'], ['BL'], ['NF'],
];
const YEARS = [2005, 2025, 2026, 2027, 2036];

/** Everything the library gives for a year, dates as ISO text so a difference shows. */
const year = (calendar: Holidays, y: number) =>
  calendar.getHolidays(y).map((h) => ({ ...h, start: h.start.toISOString(), end: h.end.toISOString() }));

describe('the vendored holidays are the package’s', () => {
  test.each(REGIONS.map((codes) => [codes.join('-'), codes]))('%s', (_name, codes) => {
    // The library's own spelling of a country, state and region: "DE.BY.A".
    const theirs = new Holidays(codes.join('.'));
    const ours = new Vendored(codes.join('.'));
    for (const y of YEARS) expect(year(ours, y), `${y}`).toEqual(year(theirs, y));
  });

  test('the same countries, states and regions', () => {
    const theirs = new Holidays();
    const ours = new Vendored();
    expect(ours.getCountries()).toEqual(theirs.getCountries());
    for (const country of ['DE', 'US', 'GB', 'ES', 'CK', 'FR']) {
      expect(ours.getStates(country), country).toEqual(theirs.getStates(country));
    }
    expect(ours.getRegions('DE', 'BY')).toEqual(theirs.getRegions('DE', 'BY'));
  });

  test('a country the data set does not have has no holidays, as in the package', () => {
    expect(new Vendored('XX').getHolidays(2026)).toEqual(new Holidays('XX').getHolidays(2026));
  });
});
