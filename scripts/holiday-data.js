// Splits date-holidays' data set (every country, 800 KB) into one file per country for
// dist/vendor/holidays/, so a run loads only the countries its teams use (see
// scripts/vendor-date-holidays.js). Each file holds what date-holidays-parser reads for that
// country: its rules, the countries its rules borrow days from (`_days`), and the shared
// names.

/** The countries whose data `country` needs: itself and every country its `_days` point to. */
function countriesFor(holidays, country) {
  const needed = new Set();
  const visit = (code) => {
    if (needed.has(code) || !Object.hasOwn(holidays, code)) return;
    needed.add(code);
    const refer = (node) => {
      if (node === null || typeof node !== 'object') return;
      if (node._days !== undefined) visit([node._days].flat()[0]);
      for (const [key, value] of Object.entries(node)) if (key !== 'days') refer(value);
    };
    refer(holidays[code]);
  };
  visit(country);
  return [...needed];
}

/** The data set as date-holidays-parser takes it, for one country. */
export function countryFile(data, country) {
  const holidays = Object.fromEntries(countriesFor(data.holidays, country).map((code) => [code, data.holidays[code]]));
  return { version: data.version, license: data.license, holidays, names: data.names };
}

/**
 * Every country and its states and regions with their names and languages only: what the
 * parser's getCountries, getStates and getRegions read, without any rules.
 */
export function catalogueFile(data) {
  const namesOnly = (node) => {
    const out = {};
    for (const key of ['name', 'names', 'langs']) if (node[key] !== undefined) out[key] = node[key];
    for (const key of ['states', 'regions']) {
      if (node[key]) out[key] = Object.fromEntries(Object.entries(node[key]).map(([code, child]) => [code, namesOnly(child)]));
    }
    return out;
  };
  const holidays = Object.fromEntries(Object.entries(data.holidays).map(([code, country]) => [code, namesOnly(country)]));
  return { version: data.version, license: data.license, holidays, names: {} };
}
