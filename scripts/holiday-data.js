// Splits date-holidays' data set (every country, 800 KB) into one file per country for
// dist/vendor/holidays/, so a run loads only the countries its teams use (see
// scripts/vendor-date-holidays.js). Each file holds what date-holidays-parser reads for that
// country: its rules, the countries its rules borrow days from (`_days`), the shared names,
// and the moment-timezone zones its rules are computed in.

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

/**
 * The packed zones and links of moment-timezone's data that `text` names, with every name
 * linked to them: the zones of a country and its states, and the zones rules name ("march
 * equinox in America/Santiago"). GMT is always there: it is the parser's zone for equinoxes.
 */
function zonesFor(packed, text) {
  const names = new Set(['GMT', 'UTC', ...(text.match(/[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+/g) ?? [])]);
  // Links join names into groups (Etc/GMT-0|GMT); a group is needed when any name in it is.
  const group = new Map();
  const find = (name) => {
    while (group.has(name) && group.get(name) !== name) name = group.get(name);
    return name;
  };
  for (const link of packed.links) {
    const [a, b] = link.split('|');
    if (!group.has(a)) group.set(a, a);
    if (!group.has(b)) group.set(b, b);
    group.set(find(a), find(b));
  }
  const wanted = new Set([...names].map(find));
  const inWanted = (name) => wanted.has(find(name));
  return {
    version: packed.version,
    zones: packed.zones.filter((zone) => inWanted(zone.slice(0, zone.indexOf('|')))),
    links: packed.links.filter((link) => inWanted(link.slice(0, link.indexOf('|')))),
  };
}

/** The data set as date-holidays-parser takes it, for one country, with the zones it needs. */
export function countryFile(data, packedZones, country) {
  const holidays = Object.fromEntries(countriesFor(data.holidays, country).map((code) => [code, data.holidays[code]]));
  const subset = { version: data.version, license: data.license, holidays, names: data.names };
  return { data: subset, zones: zonesFor(packedZones, JSON.stringify(holidays)) };
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
