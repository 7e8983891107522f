// Public holidays for `report` and `cover`, kept across runs in the cache folder
// ($XDG_CACHE_HOME/oncall/holidays-<data>.json). A region's year costs the holiday library
// 5-50 ms (Japan's equinoxes are astronomy), and loading it 20 ms more: a fifth of a report
// over five regions. The answer depends only on the library and its data, so the file is
// named after the build's holiday data (set by scripts/build.js): another build never reads
// it. Run from source (the unit tests), there is no such name and nothing is cached.
//
// A missing, damaged or unwritable cache only means computing again; it is never an error.
// The file holds what the library computed (dates and holiday names), nothing a user typed.

import fs from 'node:fs';
import path from 'node:path';
import type { PublicHoliday } from '../core/holiday-window.js';
import { holidaysInWindow, holidayYearsOf } from '../core/holiday-window.js';
import type { Instant } from '../core/types.js';
import { writeFileAtomic } from './atomic-write.js';

declare const __ONCALL_HOLIDAY_DATA__: string | undefined;
const DATA = typeof __ONCALL_HOLIDAY_DATA__ === 'string' ? __ONCALL_HOLIDAY_DATA__ : undefined;
const PREFIX = 'holidays-';

/** Region-years the file keeps (about 1 KB each); past that it starts again from this run's. */
const MAX_YEARS = 500;

type Row = [start: number, end: number, date: string, name: string];
interface Kept {
  /** As written in a team's `holidays:` ("de-be") → the library's key ("DE-BE"). */
  regions: Record<string, string>;
  /** "DE-BE|2026" → that year's public holidays. */
  years: Record<string, Row[]>;
}

const isRow = (row: unknown): row is Row =>
  Array.isArray(row) && row.length === 4 && typeof row[0] === 'number' && typeof row[1] === 'number' && typeof row[2] === 'string' && typeof row[3] === 'string';
const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

function readKept(file: string | undefined): Kept {
  const empty: Kept = { regions: Object.create(null), years: Object.create(null) };
  if (!file) return empty;
  try {
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Kept> | null;
    if (typeof kept?.regions !== 'object' || kept.regions === null || typeof kept.years !== 'object' || kept.years === null) return empty;
    return kept as Kept;
  } catch {
    return empty;
  }
}

function writeKept(file: string, kept: Kept): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Files of other builds' data are of no further use.
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (name.startsWith(PREFIX) && name.endsWith('.json') && name !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
    writeFileAtomic(file, JSON.stringify(kept));
  } catch {
    // A read-only or full cache folder: the next run computes again.
  }
}

/**
 * The public holidays of each region (as a team names it) that overlap [from, to), sorted,
 * one per local date. Throws for a region the data set does not know.
 */
export async function publicHolidaysOf(cacheFolder: string | undefined, regions: Iterable<string>, from: Instant, to: Instant): Promise<Map<string, PublicHoliday[]>> {
  const file = DATA && cacheFolder ? path.join(cacheFolder, `${PREFIX}${DATA}.json`) : undefined;
  const kept = readKept(file);
  const years = holidayYearsOf(from, to);
  const found = new Map<string, PublicHoliday[]>();
  const keptYears = (code: string): Row[][] | undefined => {
    const key = own(kept.regions, code);
    const rows = typeof key === 'string' ? years.map((year) => own(kept.years, `${key}|${year}`)) : undefined;
    return rows?.every((r) => Array.isArray(r) && r.every(isRow)) ? (rows as Row[][]) : undefined;
  };
  const missing: string[] = [];
  for (const code of regions) {
    const rows = keptYears(code);
    if (rows) found.set(code, holidaysInWindow(rows.map((year) => year.map(([start, end, date, name]) => ({ start, end, date, name }))), from, to));
    else missing.push(code);
  }
  if (missing.length === 0) return found;

  const library = await import('../core/holidays.js');
  if (Object.keys(kept.years).length + missing.length * years.length > MAX_YEARS) {
    kept.regions = Object.create(null);
    kept.years = Object.create(null);
  }
  for (const code of missing) {
    const ofYears = years.map((year) => library.publicHolidaysOfYear(code, year));
    found.set(code, holidaysInWindow(ofYears, from, to));
    const key = library.holidayRegionKey(code)!;
    kept.regions[code] = key;
    years.forEach((year, i) => (kept.years[`${key}|${year}`] = ofYears[i].map((h) => [h.start, h.end, h.date, h.name])));
  }
  if (file) writeKept(file, kept);
  return found;
}
