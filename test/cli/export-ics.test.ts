// `oncall export ics` end to end (SPEC §6, issue 3), now = Mon 2026-11-23 12:00Z. Every feed is
// parsed back with ical.js (and, where installed, Debian's python3-icalendar).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, EXAMPLES, json, ok, ROOT, session, tempDir, writeYaml, type Session, type Shift } from './helpers.js';

afterAll(cleanup);

// small: weekly Mondays 09:00 Berlin from Mon 2 Nov (ann, ben, ann, ben…). Week of 23 Nov is ben's
// (k=3), 30 Nov ann's. CET = UTC+1, so handoffs are 08:00Z. The override puts ann on from Wed 25
// Nov 18:00 to Thu 26 Nov 09:00 Berlin (17:00Z → 08:00Z), splitting ben's week in three.
const small = (extra = '') => `version: 1
people:
  - {id: ann, name: Ann Arbor, timezone: Europe/Berlin}
  - {id: ben, name: Ben Böhm, timezone: Europe/Berlin}
teams: [{id: ops, name: Ops, members: [ann, ben]}]
schedules:
  - {id: small, team: ops, name: Small rota, timezone: Europe/Berlin,
     layers: [{id: weekly, start: 2026-11-02T09:00, shift: 1w, members: [ann, ben]}]${extra}}
`;
const SMALL_BASE = small();
const SMALL = small(',\n     overrides: [{person: ann, from: 2026-11-25T18:00, to: 2026-11-26T09:00, reason: "Dentist; ben is out, back Thursday"}]');

// Daily 09:00 handoffs across DST: Berlin falls back on Sun 25 Oct, New York springs forward on Sun 8 Mar.
const ODD = `version: 1
people:
  - {id: zoe, name: "Zoë O'Brien, Jr.; 🐙 on-call"}
  - {id: max, name: Max Mustermann}
teams: [{id: ops, name: Ops, members: [zoe, max]}]
schedules:
  - {id: berlin, team: ops, name: "Payments, EU primary", timezone: Europe/Berlin,
     layers: [{id: daily, start: 2026-10-20T09:00, shift: 1d, members: [zoe, max]}],
     overrides: [{person: max, from: 2026-10-22T12:00, to: 2026-10-22T13:00, reason: "Swap, see #ops;\\nback at 13:00"}]}
  - {id: newyork, team: ops, name: NY daily, timezone: America/New_York,
     layers: [{id: daily, start: 2026-03-02T09:00, shift: 1d, members: [zoe, max]}]}
  - {id: office, team: ops, name: Office, timezone: Europe/Berlin, layers: [{id: day, start: 2026-11-02T09:00, shift: 1d,
     members: [zoe, max], restrictions: [{days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00"}]}]}
`;

const ACME_NAMES = new Map<string, string>(
  YAML.parse(fs.readFileSync(EXAMPLES.acme, 'utf8')).people.map((p: { id: string; name: string }) => [p.id, p.name]),
);
const FROM = '2026-12-02T10:00:00Z';
const TO = '2027-01-05T15:30:00Z'; // between handoffs in every acme schedule: both edges are mid-shift
const PYTHON = '/usr/bin/python3';
const HAS_ICALENDAR = spawnSync(PYTHON, ['-c', 'import icalendar']).status === 0;

interface Ev { uid: string; start: string; end: string; summary: string; description: string; sequence: number; vevent: ICAL.Component }
// ical.js knows neither RFC 7986 NAME nor X-WR-CALNAME and would hand back their raw, escaped
// value; both are TEXT (python3-icalendar, Apple and Google unescape them), so say so.
for (const p of ['name', 'x-wr-calname']) ICAL.design.icalendar.property[p] = { defaultType: 'text' };
const iso = (t: ICAL.Time) => t.toJSDate().toISOString().replace('.000Z', 'Z');

function parse(text: string): { cal: ICAL.Component; events: Ev[] } {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents('vevent').map((vevent) => {
    const e = new ICAL.Event(vevent);
    return { uid: e.uid, start: iso(e.startDate), end: iso(e.endDate), summary: e.summary, description: e.description, sequence: e.sequence, vevent };
  });
  return { cal, events };
}

/** Logical content lines (unfolded by hand, not with the code under test). */
const logical = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
const veventBlocks = (text: string) => text.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT\r\n').slice(1).map((b) => b.split('\r\n'));

function expectWireFormat(text: string): void {
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare LF or CR anywhere
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
}

const exportIcs = (s: Session, args: string[], env = {}) => ok(s.run(['export', 'ics', ...args], env)).stdout;

let acme: Session;
beforeAll(() => {
  acme = session();
  ok(acme.run(['apply', '-f', EXAMPLES.acme]));
});

/** The feed's events are the non-gap shifts of `oncall shifts`; edge shifts are exported whole. */
function expectMatchesShifts(s: Session, id: string, from: string, to: string, names: (id: string) => string) {
  const window = ['--schedule', id, '--from', from, '--to', to];
  const { events } = parse(exportIcs(s, window));
  const all = json<Shift[]>(ok(s.run(['shifts', ...window, '--json'])));
  const shifts = all.filter((x) => x.person !== null);
  expect(events.length).toBe(shifts.length);
  shifts.forEach((x, i) => {
    const e = events[i];
    expect(e.summary.startsWith(`On call: ${names(x.person!)} — `)).toBe(true);
    if (x.start !== from) expect(e.start).toBe(x.start);
    else expect(Date.parse(e.start)).toBeLessThanOrEqual(Date.parse(from)); // whole shift across the edge
    if (x.end !== to) expect(e.end).toBe(x.end);
    else expect(Date.parse(e.end)).toBeGreaterThanOrEqual(Date.parse(to));
    expect(e.description).toContain(x.source === 'override' ? 'Source: override' : `layer "${x.source!.slice(6)}"`);
  });
  return { events, all };
}

describe('events match `oncall shifts`', () => {
  test.each([['payments-primary', true], ['payments-secondary', false], ['platform-primary', true]])('%s', (id, overrides) => {
    const { events, all } = expectMatchesShifts(acme, id as string, FROM, TO, (p) => ACME_NAMES.get(p)!);
    expect(all.some((x) => x.source === 'override')).toBe(overrides);
    expect(events[0].start < FROM && events[events.length - 1].end > TO).toBe(true);
  });

  test('gaps (restricted office hours) are not events', () => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(ODD)]));
    const names = (p: string) => (p === 'max' ? 'Max Mustermann' : "Zoë O'Brien, Jr.; 🐙 on-call");
    const { events, all } = expectMatchesShifts(s, 'office', '2026-11-18T12:00:00Z', '2026-11-25T12:00:00Z', names);
    expect(all.filter((x) => x.person === null).length).toBeGreaterThan(4);
    for (const e of events) expect(Date.parse(e.end) - Date.parse(e.start)).toBe(8 * 3600_000); // 09:00-17:00 CET
  });
});

describe('calendar and event properties', () => {
  test('the calendar has METHOD, PRODID, names, the schedule zone and refresh hints', () => {
    const text = exportIcs(acme, ['--schedule', 'platform-primary', '--from', FROM, '--to', TO]);
    const lines = logical(text);
    for (const line of ['METHOD:PUBLISH', 'NAME:On call: Platform primary', 'X-WR-CALNAME:On call: Platform primary',
      'X-WR-TIMEZONE:America/New_York', 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H']) {
      expect(lines.filter((l) => l === line)).toEqual([line]);
    }
    const { cal } = parse(text);
    expect(cal.getFirstPropertyValue('prodid')).toMatch(/oncall/);
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('America/New_York');
    expectWireFormat(text);
  });

  test('every event has UID, DTSTAMP = now, UTC times, summary, description, SEQUENCE, TRANSP', () => {
    const text = exportIcs(acme, ['--from', FROM, '--to', TO]);
    const blocks = veventBlocks(text);
    expect(blocks.length).toBeGreaterThan(10);
    for (const b of blocks) {
      expect(b.filter((l) => /^UID:\S+$/.test(l))).toHaveLength(1);
      expect(b).toContain('DTSTAMP:20261123T120000Z');
      expect(b.some((l) => /^DTSTART:\d{8}T\d{6}Z$/.test(l)) && b.some((l) => /^DTEND:\d{8}T\d{6}Z$/.test(l))).toBe(true);
      expect(b.some((l) => /^SEQUENCE:\d+$/.test(l))).toBe(true);
      expect(b).toContain('TRANSP:TRANSPARENT');
      expect(b.some((l) => l.startsWith('BEGIN:VALARM'))).toBe(false);
    }
    const { events } = parse(text);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    for (const e of events) expect(e.summary).toMatch(/^On call: .+ — (Payments primary|Payments secondary|Platform primary)$/);
    const swap = events.find((e) => e.description.includes('override'))!;
    expect(swap.description).toContain('Christmas swap, carol is travelling');
    expectWireFormat(text);
  });

  test('--alarm 15m adds a display VALARM 15 minutes before each shift', () => {
    const text = exportIcs(acme, ['--schedule', 'payments-primary', '--from', FROM, '--days', '7', '--alarm', '15m']);
    const { events } = parse(text);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const alarm = e.vevent.getFirstSubcomponent('valarm');
      expect(alarm?.getFirstPropertyValue('trigger')?.toString()).toBe('-PT15M');
    }
    expect(logical(text).filter((l) => l === 'TRIGGER:-PT15M')).toHaveLength(events.length);
    expectWireFormat(text);
  });

  test('--alarm 0 (at the start of the shift) gives a trigger parsers accept', () => {
    const { events } = parse(exportIcs(acme, ['--schedule', 'payments-primary', '--from', FROM, '--days', '1', '--alarm', '0']));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const trigger = e.vevent.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger') as ICAL.Duration;
      expect(trigger.toSeconds()).toBe(0);
    }
  });
});

describe('reproducible feeds', () => {
  test('two runs with the same database and now give identical bytes', () => {
    expect(exportIcs(acme, ['--alarm', '1h'])).toBe(exportIcs(acme, ['--alarm', '1h']));
  });

  test('UIDs and SEQUENCE of the same shift do not change when the window moves a day', () => {
    const key = (e: Ev) => `${e.start}|${e.end}|${e.summary}`;
    const today = new Map(parse(exportIcs(acme, [])).events.map((e) => [key(e), e]));
    const tomorrow = parse(exportIcs(acme, [], { ONCALL_NOW: '2026-11-24T12:00:00Z' })).events;
    const common = tomorrow.filter((e) => today.has(key(e)));
    expect(common.length).toBeGreaterThan(20);
    for (const e of common) expect([e.uid, e.sequence]).toEqual([today.get(key(e))!.uid, today.get(key(e))!.sequence]);
  });

  test('SEQUENCE grows for a shift an override shortens; a distant shift keeps its number', () => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(SMALL_BASE)]));
    const window = ['--schedule', 'small', '--from', '2026-11-16T00:00:00Z', '--to', '2026-12-20T00:00:00Z'];
    const before = new Map(parse(exportIcs(s, window)).events.map((e) => [e.uid, e]));
    ok(s.run(['apply', '-f', writeYaml(SMALL)])); // effective now (Mon 23 Nov 12:00Z), before the change
    const after = new Map(parse(exportIcs(s, window)).events.map((e) => [e.uid, e]));
    const cut = '20261123T080000Z-ben-small@oncall';
    const far = '20261214T080000Z-ann-small@oncall';
    expect([before.get(cut)?.end, after.get(cut)?.end]).toEqual(['2026-11-30T08:00:00Z', '2026-11-25T17:00:00Z']);
    expect(after.get(far)!.sequence).toBe(before.get(far)!.sequence);
    expect(after.get(cut)!.sequence).toBeGreaterThan(before.get(cut)!.sequence);
  });
});

describe('writing files', () => {
  test('-o replaces the file by rename (new inode), leaves no temp file and confirms', () => {
    const dir = tempDir();
    const file = path.join(dir, 'feed.ics');
    fs.writeFileSync(file, 'old content');
    const inode = fs.statSync(file).ino;
    const r = ok(acme.run(['export', 'ics', '--schedule', 'payments-primary', '-o', file]));
    expect(r.stdout).toMatch(/^Wrote .*feed\.ics \(\d+ shifts\)\.\n$/);
    expect(fs.readdirSync(dir)).toEqual(['feed.ics']);
    expect(fs.statSync(file).ino).not.toBe(inode);
    expect(fs.readFileSync(file, 'utf8')).toBe(exportIcs(acme, ['--schedule', 'payments-primary']));
  });

  test.each(['person', 'schedule'] as const)('--split-by %s writes one feed each and an index.json', (by) => {
    const dir = path.join(tempDir(), 'feeds');
    const r = ok(acme.run(['export', 'ics', '--from', FROM, '--to', TO, '--split-by', by, '--out-dir', dir]));
    expect(r.stdout).toMatch(/^Wrote \d+ feeds \(\d+ shifts\) and index\.json/);
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
    const ids = by === 'person' ? [...ACME_NAMES.keys()].sort() : ['payments-primary', 'payments-secondary', 'platform-primary'];
    expect(index.feeds.map((f: any) => f[by]).sort()).toEqual(ids);
    expect(fs.readdirSync(dir).sort()).toEqual([...ids.map((id) => `${id}.ics`), 'index.json'].sort());
    let total = 0;
    for (const f of index.feeds) {
      const text = fs.readFileSync(path.join(dir, f.file), 'utf8');
      const { events } = parse(text);
      expect(f.events).toBe(events.length);
      expect(f.name).toMatch(/^On call: /);
      if (by === 'person') for (const e of events) expect(e.summary).toContain(ACME_NAMES.get(f.person));
      expectWireFormat(text);
      total += events.length;
    }
    expect(total).toBe(parse(exportIcs(acme, ['--from', FROM, '--to', TO])).events.length);
  });

  test.runIf(HAS_ICALENDAR || !!process.env.CI)('python3-icalendar parses the single and every split feed', () => {
    expect(HAS_ICALENDAR, `${PYTHON} cannot import icalendar (apt-get install python3-icalendar)`).toBe(true);
    const dir = tempDir();
    ok(acme.run(['export', 'ics', '--alarm', '15m', '-o', path.join(dir, 'all.ics')]));
    ok(acme.run(['export', 'ics', '--split-by', 'person', '--out-dir', path.join(dir, 'p')]));
    ok(acme.run(['export', 'ics', '--split-by', 'schedule', '--out-dir', path.join(dir, 's')]));
    const odd = session();
    ok(odd.run(['apply', '-f', writeYaml(ODD)]));
    ok(odd.run(['export', 'ics', '--from', '2026-10-20', '--to', '2026-11-01', '-o', path.join(dir, 'odd.ics')]));
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ics')).map((f) => path.join(dir, f));
    expect(files.length).toBeGreaterThan(10);
    const r = spawnSync(PYTHON, [path.join(ROOT, 'scripts', 'check-ics.py'), ...files], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('golden file, DST and escaping', () => {
  test('a small schedule with an override gives exactly test/cli/golden/small.ics', () => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(SMALL)]));
    const text = exportIcs(s, ['--schedule', 'small', '--from', '2026-11-23T08:00:00Z', '--to', '2026-12-07T08:00:00Z']);
    // Hand-computed: ben 23 Nov 08:00Z → 25 Nov 17:00Z, ann (override) → 26 Nov 08:00Z, ben → 30 Nov 08:00Z, ann → 7 Dec 08:00Z.
    expect(parse(text).events.map((e) => `${e.start} ${e.end} ${e.summary}`)).toEqual([
      '2026-11-23T08:00:00Z 2026-11-25T17:00:00Z On call: Ben Böhm — Small rota',
      '2026-11-25T17:00:00Z 2026-11-26T08:00:00Z On call: Ann Arbor — Small rota',
      '2026-11-26T08:00:00Z 2026-11-30T08:00:00Z On call: Ben Böhm — Small rota',
      '2026-11-30T08:00:00Z 2026-12-07T08:00:00Z On call: Ann Arbor — Small rota',
    ]);
    expect(parse(text).events[1].description).toContain('Dentist; ben is out, back Thursday');
    expect(text).toBe(fs.readFileSync(path.join(ROOT, 'test', 'cli', 'golden', 'small.ics'), 'utf8'));
  });

  let odd: Session;
  beforeAll(() => {
    odd = session();
    ok(odd.run(['apply', '-f', writeYaml(ODD)]));
  });
  const instants = (id: string, from: string, to: string) =>
    parse(exportIcs(odd, ['--schedule', id, '--from', from, '--to', to])).events.map((e) => `${e.start} ${e.end}`);

  test('Berlin fall-back (25 Oct 2026): 09:00 CEST is 07:00Z, 09:00 CET is 08:00Z, the shift between is 25 h', () => {
    expect(instants('berlin', '2026-10-23T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
      '2026-10-23T07:00:00Z 2026-10-24T07:00:00Z',
      '2026-10-24T07:00:00Z 2026-10-25T08:00:00Z',
      '2026-10-25T08:00:00Z 2026-10-26T08:00:00Z',
      '2026-10-26T08:00:00Z 2026-10-27T08:00:00Z',
    ]);
  });

  test('New York spring-forward (8 Mar 2026): 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z, the shift between is 23 h', () => {
    expect(instants('newyork', '2026-03-06T18:00:00Z', '2026-03-09T18:00:00Z')).toEqual([
      '2026-03-06T14:00:00Z 2026-03-07T14:00:00Z',
      '2026-03-07T14:00:00Z 2026-03-08T13:00:00Z',
      '2026-03-08T13:00:00Z 2026-03-09T13:00:00Z',
      '2026-03-09T13:00:00Z 2026-03-10T13:00:00Z',
    ]);
  });

  test('names and reasons with commas, semicolons, newlines, accents and emoji come back unchanged', () => {
    const text = exportIcs(odd, ['--schedule', 'berlin', '--from', '2026-10-21T12:00:00Z', '--days', '2']);
    const { cal, events } = parse(text);
    const [max, zoe] = ['On call: Max Mustermann — Payments, EU primary', "On call: Zoë O'Brien, Jr.; 🐙 on-call — Payments, EU primary"];
    expect(events.map((e) => e.summary)).toEqual([max, zoe, max, zoe, max]);
    expect(events[2].description).toBe('Schedule: Payments, EU primary (berlin)\nSource: override: Swap, see #ops;\nback at 13:00');
    expect(logical(text)).toContain('X-WR-CALNAME:On call: Payments\\, EU primary');
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('On call: Payments, EU primary');
    expect(cal.getFirstPropertyValue('name')).toBe('On call: Payments, EU primary');
    expect(events[1].description).toContain('Payments, EU primary (berlin)');
    expectWireFormat(text);
  });
});

describe('hostile text cannot forge calendar content', () => {
  // A lone CR is a line break to text-mode readers: it must not start a property or an event.
  // ESC and BEL must not reach a terminal that shows the feed. The reminder's DESCRIPTION is
  // escaped like every other TEXT value.
  const HOSTILE = String.raw`version: 1
people:
  - {id: ann, name: Ann Arbor}
teams: [{id: ops, name: Ops, members: [ann]}]
schedules:
  - {id: evil, team: ops, name: "Evil\e]0;owned\a, rota; x", timezone: UTC,
     layers: [{id: weekly, start: 2026-11-02T09:00, shift: 1w, members: [ann]}],
     overrides: [{person: ann, from: 2026-11-24T10:00, to: 2026-11-24T12:00,
                  reason: "one\rUID:injected\rLOCATION:http://evil.example\rEND:VEVENT\rBEGIN:VEVENT\r\tx"}]}
`;

  test('CR, ESC and BEL are neutralised in SUMMARY, DESCRIPTION, the reminder and the calendar name', () => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(HOSTILE)]));
    const dir = tempDir();
    const file = path.join(dir, 'evil.ics');
    ok(s.run(['export', 'ics', '--alarm', '15m', '--from', '2026-11-23T00:00:00Z', '--days', '7', '-o', file]));
    const text = fs.readFileSync(file, 'utf8');
    expectWireFormat(text);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const lines = logical(text);
    expect(lines.filter((l) => l.startsWith('UID:')).some((l) => l.includes('injected'))).toBe(false);
    expect(lines.some((l) => /^(LOCATION|UID:injected)/.test(l))).toBe(false);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3); // ann, the override, ann
    const { cal, events } = parse(text);
    const name = 'Evil]0;owned, rota; x';
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(`On call: ${name}`);
    expect(events.map((e) => e.summary)).toEqual(Array(3).fill(`On call: Ann Arbor — ${name}`));
    expect(events[1].description).toBe(`Schedule: ${name} (evil)\nSource: override: one\nUID:injected\nLOCATION:http://evil.example\nEND:VEVENT\nBEGIN:VEVENT\n x`);
    for (const e of events) expect(e.vevent.getFirstSubcomponent('valarm')!.getFirstPropertyValue('description')).toBe(e.summary);
    if (HAS_ICALENDAR || process.env.CI) {
      const r = spawnSync(PYTHON, [path.join(ROOT, 'scripts', 'check-ics.py'), file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(': 3 events');
    }
  });
});

describe('bad input: exit 2, one line on stderr, nothing written', () => {
  const cases: [string, (dir: string) => string[]][] = [
    ['--split-by team', (d) => ['--split-by', 'team', '--out-dir', d]],
    ['--split-by without --out-dir', () => ['--split-by', 'person']],
    ['--out-dir without --split-by', (d) => ['--out-dir', d]],
    ['-o with --split-by', (d) => ['-o', `${d}.ics`, '--split-by', 'person', '--out-dir', d]],
    ['--alarm soon', (d) => ['--alarm', 'soon', '-o', `${d}.ics`]],
    ['unknown --person', (d) => ['--person', 'zed', '-o', `${d}.ics`]],
    ['unknown --person with --split-by', (d) => ['--person', 'zed', '--split-by', 'person', '--out-dir', d]],
    ['unknown --schedule', (d) => ['--schedule', 'nope', '-o', `${d}.ics`]],
    ['--to before --from', (d) => ['--from', '2026-12-10', '--to', '2026-12-01', '-o', `${d}.ics`]],
  ];
  test.each(cases)('%s', (_name, args) => {
    const parent = tempDir();
    const r = acme.run(['export', 'ics', ...args(path.join(parent, 'out'))]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim().length).toBeGreaterThan(10);
    expect(fs.readdirSync(parent)).toEqual([]);
  });
});
