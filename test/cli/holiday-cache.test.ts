// `report` keeps the public holidays it computed in $XDG_CACHE_HOME/oncall/holidays-<data>.json
// (src/app/holiday-years.ts), so later reports skip the holiday library. A cache that is
// missing, damaged, of another build or cannot be written never changes an answer.
//
// The rota: Christmas in Berlin, as in report-cover.test.ts. Window Thu 24 Dec 09:00 → Sun
// 27 Dec 09:00 Berlin. DE's public holidays there are 25 and 26 Dec: ben (New York) has 24
// holiday hours, ann (Berlin) 24.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, json, ok, session, writeYaml, type Session } from './helpers.js';

afterAll(cleanup);

const XMAS = `version: 1
people:
  - { id: ann, name: Ann, timezone: Europe/Berlin }
  - { id: ben, name: Ben, timezone: America/New_York }
teams:
  - { id: eu, name: EU, holidays: DE, members: [ann, ben] }
schedules:
  - id: xmas
    team: eu
    name: Christmas
    timezone: Europe/Berlin
    layers:
      - { id: daily, start: 2026-12-21T09:00, shift: 1d, members: [ann, ben] }
`;
const WINDOW = ['--from', '2026-12-24T08:00:00Z', '--to', '2026-12-27T08:00:00Z'];
const RIGHT = ['ben 24', 'ann 24'];

interface Kept {
  regions: Record<string, string>;
  years: Record<string, [number, number, string, string][]>;
}

function setup(): { s: Session; cacheHome: string; folder: string } {
  const s = session();
  ok(s.run(['apply', '-f', writeYaml(XMAS, 'team.yaml', s.dir)]));
  const cacheHome = path.join(s.dir, 'cache');
  return { s, cacheHome, folder: path.join(cacheHome, 'oncall') };
}

/** "person holiday-hours" per person, from `report --json`. */
function holidayHours(s: Session, cacheHome: string): string[] {
  const r = json<{ people: { person: string; holiday: number }[] }>(
    ok(s.run(['report', ...WINDOW, '--json'], { XDG_CACHE_HOME: cacheHome })),
  );
  return r.people.map((p) => `${p.person} ${p.holiday}`);
}

const keptFiles = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n.startsWith('holidays-')) : []);
const readKept = (folder: string): Kept => JSON.parse(fs.readFileSync(path.join(folder, keptFiles(folder)[0]), 'utf8'));

describe('report keeps the holidays it computed for later runs', () => {
  test('the first report writes them, named after the build\'s holiday data; the next one reads them', () => {
    const { s, cacheHome, folder } = setup();
    expect(holidayHours(s, cacheHome)).toEqual(RIGHT);
    expect(keptFiles(folder)).toEqual([expect.stringMatching(/^holidays-[0-9a-f]{16}\.json$/)]);
    const kept = readKept(folder);
    expect(kept.regions).toEqual({ DE: 'DE' });
    expect(Object.keys(kept.years)).toEqual(['DE|2026']);
    expect(kept.years['DE|2026'].map((h) => h[2])).toContain('2026-12-25');

    // Read, not computed again: with Christmas Day moved in the file, the answer moves too.
    const file = path.join(folder, keptFiles(folder)[0]);
    const moved = { ...kept, years: { ...kept.years, 'DE|2026': kept.years['DE|2026'].filter((h) => h[2] !== '2026-12-25') } };
    fs.writeFileSync(file, JSON.stringify(moved));
    expect(holidayHours(s, cacheHome)).not.toEqual(RIGHT);
  });

  test('a damaged file, rows of the wrong shape or a region it lacks: computed again and rewritten', () => {
    const { s, cacheHome, folder } = setup();
    expect(holidayHours(s, cacheHome)).toEqual(RIGHT);
    const file = path.join(folder, keptFiles(folder)[0]);
    const good = fs.readFileSync(file, 'utf8');
    for (const bad of ['{"regions":', 'null', '[]', '{"regions":{"DE":"DE"},"years":{"DE|2026":[[1,2,3]]}}', '{"regions":{},"years":{}}', '{"regions":{"DE":7},"years":{}}']) {
      fs.writeFileSync(file, bad);
      expect(holidayHours(s, cacheHome), bad).toEqual(RIGHT);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')), bad).toEqual(JSON.parse(good));
    }
  });

  test('files of other builds are removed when this one writes', () => {
    const { s, cacheHome, folder } = setup();
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'holidays-0000000000000000.json'), '{"regions":{"DE":"DE"},"years":{"DE|2026":[]}}');
    expect(holidayHours(s, cacheHome)).toEqual(RIGHT);
    expect(keptFiles(folder)).toHaveLength(1);
    expect(keptFiles(folder)[0]).not.toBe('holidays-0000000000000000.json');
  });

  test('a cache folder that cannot be made (the path is a file) changes nothing: same answer, nothing printed', () => {
    const { s, cacheHome } = setup();
    fs.writeFileSync(cacheHome, 'a file, not a folder');
    const r = ok(s.run(['report', ...WINDOW, '--json'], { XDG_CACHE_HOME: cacheHome }));
    expect(r.stderr).toBe('');
    expect(holidayHours(s, cacheHome)).toEqual(RIGHT);
    expect(fs.readFileSync(cacheHome, 'utf8')).toBe('a file, not a folder');
  });
});
