// dist/vendor/date-holidays.cjs: date-holidays' Holidays class, loading one country's data at
// a time. The package itself carries every country's rules (800 KB) and, through
// moment-timezone, every zone (700 KB): loading both took about 100 ms of every `oncall
// report`. Built from the same package's parser and data (scripts/holiday-data.js splits it
// into dist/vendor/holidays/<country>.json), it gives the same answers for every region
// (test/smoke/vendor-holidays.test.ts compares them with the package's).
//
// The build bundles this file with scripts/vendor-moment-timezone.js in moment-timezone's
// place. Bundled as CommonJS, so __dirname is the bundle's folder, dist/vendor/.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import HolidaysParser from 'date-holidays-parser';

const folder = join(__dirname, 'holidays');
const read = (name) => JSON.parse(readFileSync(join(folder, `${name}.json`), 'utf8'));

// Only names and languages of every country and state: for the lists, not for holidays.
let catalogue;
const catalogueData = () => (catalogue ??= read('catalogue'));
const countries = new Map();

/** The data of the country a constructor's arguments name, as the parser spells it. */
function dataFor(country) {
  const name = typeof country === 'object' && country !== null ? country.country : country;
  if (typeof name !== 'string') return catalogueData();
  const code = name.split(/[.-]/)[0].toUpperCase();
  // A country the data set does not have gets no holidays, as from the package.
  if (!Object.hasOwn(catalogueData().holidays, code)) return { holidays: {}, names: {} };
  let data = countries.get(code);
  if (!data) {
    data = read(code);
    countries.set(code, data);
  }
  return data;
}

/** As date-holidays' Holidays: new Holidays('DE', 'BE'); new Holidays() lists countries. */
export default class Holidays extends HolidaysParser {
  constructor(country, state, region, opts) {
    super(dataFor(country), country, state, region, opts);
  }

  // init() with another country would read this instance's data, which has only its own.
  init(country, state, region, opts) {
    if (this._data !== undefined) this._data = dataFor(country);
    return super.init(country, state, region, opts);
  }
}
