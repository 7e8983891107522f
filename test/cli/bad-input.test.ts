// Every bad input is refused with exit 2, a clear message on stderr that names the place
// (file:line:col for YAML) and what is wrong, and nothing changes in the database.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, dbState, EXAMPLES, json, ok, position, session, tempDir, writeYaml, type Result, type Session } from './helpers.js';

const BASE = `version: 1
people:
  - id: xavier
    name: Xavier
  - id: yara
    name: Yara
    timezone: Europe/Berlin
teams:
  - id: ops
    name: Ops
    members: [xavier, yara]
schedules:
  - id: ops-primary
    team: ops
    name: Ops primary
    timezone: Europe/Berlin
    layers:
      - id: weekly
        start: 2026-01-05T09:00
        shift: 1w
        members: [xavier, yara]
      - id: office
        start: 2026-01-05T09:00
        shift: 1d
        members: [yara]
        restrictions:
          - days: [mon, tue, wed, thu, fri]
            from: "09:00"
            to: "17:00"
    overrides:
      - person: yara
        from: 2026-12-24T00:00
        to: 2026-12-27T00:00
        replaces: xavier
`;

let s: Session;
let snapshot: string;
let who: string;
beforeAll(() => {
  s = session();
  ok(s.run(['apply', '-f', EXAMPLES.acme]));
  snapshot = dbState(s.db);
  who = ok(s.run(['who', '--json'])).stdout;
});
afterAll(cleanup);

function expectRefused(r: Result, message: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
  expect(r.stderr).not.toMatch(/unexpected error/);
  expect(dbState(s.db)).toBe(snapshot);
}

function mutate(from: string, to: string): string {
  expect(BASE).toContain(from);
  return BASE.replace(from, to);
}

test('the base fixture itself is valid', () => {
  const t = session();
  ok(t.run(['apply', '-f', writeYaml(BASE)]));
  expect(json(ok(t.run(['who', '--json'])))).toHaveLength(1);
});

interface Case {
  name: string;
  text: string;
  /** The token the error must point at (line, and column when `exact`). */
  at: string;
  after?: string;
  exact?: boolean;
  message: RegExp;
}

const cases: Case[] = [
  { name: 'unknown person in a layer', text: mutate('        members: [xavier, yara]', '        members: [xavier, zed]'), at: 'zed', exact: true, message: /layer "weekly": member "zed" is not a known person/ },
  { name: 'unknown person in a team', text: mutate('    members: [xavier, yara]', '    members: [xavier, zed]'), at: 'zed', exact: true, message: /team "ops": member "zed" is not a known person/ },
  { name: 'unknown team of a schedule', text: mutate('    team: ops', '    team: opz'), at: 'opz', exact: true, message: /team "opz" is not a known team/ },
  { name: 'unknown override person', text: mutate('      - person: yara', '      - person: zed'), at: 'zed', exact: true, message: /"zed" is not a known person/ },
  { name: 'unknown person replaced', text: mutate('replaces: xavier', 'replaces: zed'), at: 'zed', exact: true, message: /"zed" is not a known person/ },
  { name: 'duplicate person id', text: mutate('  - id: yara\n', '  - id: xavier\n'), at: 'xavier', after: 'name: Xavier', message: /person "xavier" is defined twice/ },
  { name: 'duplicate layer id', text: mutate('      - id: office', '      - id: weekly'), at: 'weekly', after: 'members: [xavier, yara]\n      -', message: /layer "weekly" is defined twice/ },
  { name: 'duplicate team id', text: mutate('schedules:\n', '  - id: ops\n    name: Ops again\n    members: [yara]\nschedules:\n'), at: 'ops', after: 'Ops\n', message: /team "ops" is defined twice/ },
  { name: 'time zone CET', text: mutate('    timezone: Europe/Berlin\n    layers', '    timezone: CET\n    layers'), at: 'CET', exact: true, message: /time zone "CET" is not an IANA zone/ },
  { name: 'time zone Mars/Base', text: mutate('    timezone: Europe/Berlin\n    layers', '    timezone: Mars/Base\n    layers'), at: 'Mars/Base', exact: true, message: /"Mars\/Base"/ },
  { name: "a person's time zone", text: mutate('    timezone: Europe/Berlin\nteams', '    timezone: +01:00\nteams'), at: '+01:00', exact: true, message: /"\+01:00" is not an IANA zone/ },
  { name: 'shift 1x', text: mutate('shift: 1w', 'shift: 1x'), at: '1x', exact: true, message: /shift "1x"/ },
  { name: 'shift 0w', text: mutate('shift: 1w', 'shift: 0w'), at: '0w', exact: true, message: /shift "0w"/ },
  { name: 'shift 1.5d', text: mutate('shift: 1d', 'shift: 1.5d'), at: '1.5d', exact: true, message: /shift "1.5d"/ },
  { name: 'malformed RRULE', text: mutate('shift: 1d', 'handoffs: "FREQ=SOMETIMES"'), at: 'FREQ=SOMETIMES', message: /"FREQ=SOMETIMES" is not a valid RRULE/ },
  { name: 'RRULE with a bad day', text: mutate('shift: 1d', 'handoffs: "FREQ=WEEKLY;BYDAY=XX"'), at: 'BYDAY=XX', message: /not a valid RRULE/ },
  { name: 'both shift and handoffs', text: mutate('shift: 1d', 'shift: 1d\n        handoffs: "FREQ=DAILY"'), at: '- id: office', message: /exactly one of "shift".*"handoffs"/ },
  { name: 'restriction day "funday"', text: mutate('[mon, tue, wed, thu, fri]', '[mon, funday]'), at: 'funday', message: /"funday" is not a day/ },
  { name: 'restriction time "25:00"', text: mutate('from: "09:00"', 'from: "25:00"'), at: '25:00', message: /"25:00" is not a time of day/ },
  { name: 'restriction time "17:60"', text: mutate('to: "17:00"', 'to: "17:60"'), at: '17:60', message: /"17:60" is not a time of day/ },
  { name: 'override ending before it starts', text: mutate('to: 2026-12-27T00:00', 'to: 2026-12-23T00:00'), at: '2026-12-23T00:00', exact: true, message: /before it starts/ },
  { name: 'override with an unparsable time', text: mutate('from: 2026-12-24T00:00', 'from: christmas eve'), at: 'christmas eve', exact: true, message: /"christmas eve" is not a time/ },
  { name: 'layer start that is no date', text: mutate('start: 2026-01-05T09:00\n        shift: 1w', 'start: 2026-13-05T09:00\n        shift: 1w'), at: '2026-13-05', exact: true, message: /start/ },
  { name: 'layer with no members', text: mutate('        members: [yara]', '        members: []'), at: '[]', message: /layer "office" has no members/ },
  { name: 'unknown key "memebers"', text: mutate('        members: [yara]', '        memebers: [yara]'), at: 'memebers', exact: true, message: /unknown key "memebers"/ },
  { name: 'unknown key in a person', text: mutate('    name: Xavier\n', '    name: Xavier\n    emial: x@example.com\n'), at: 'emial', exact: true, message: /unknown key "emial"/ },
  { name: 'unknown top-level key', text: `${BASE}escalation_polices: []\n`, at: 'escalation_polices', exact: true, message: /unknown key "escalation_polices"/ },
  { name: 'invalid person id', text: mutate('  - id: xavier', '  - id: Xavier!'), at: 'Xavier!', exact: true, message: /Xavier!/ },
];

describe('bad YAML content: exit 2, file:line:col, nothing changed', () => {
  for (const c of cases) {
    test(c.name, () => {
      const file = writeYaml(c.text, 'team.yaml');
      const r = s.run(['apply', '-f', file]);
      const { line, col } = position(c.text, c.at, c.after);
      const where = c.exact ? `${file}:${line}:${col}: ` : `${file}:${line}:`;
      expectRefused(r, c.message);
      const errorLine = r.stderr.split('\n').find((l) => c.message.test(l)) ?? '';
      expect(errorLine.startsWith(where), `expected "${where}…", got:\n${r.stderr}`).toBe(true);
      expect(r.stderr).toMatch(/nothing was changed/);
    });
  }

  test('--dry-run reports the same errors', () => {
    const text = mutate('shift: 1w', 'shift: 1x');
    expectRefused(s.run(['apply', '-f', writeYaml(text, 'team.yaml'), '--dry-run']), /team\.yaml:\d+:\d+: .*shift "1x"/);
  });

  test('several errors in one file are all reported at once', () => {
    let text = BASE.replace('    timezone: Europe/Berlin\nteams', '    timezone: CET\nteams');
    text = text.replace('    members: [xavier, yara]', '    members: [xavier, zed]');
    text = text.replace('shift: 1w', 'shift: 1x');
    text = text.replace('to: 2026-12-27T00:00', 'to: 2026-12-23T00:00');
    const r = s.run(['apply', '-f', writeYaml(text, 'team.yaml')]);
    expectRefused(r, /4 errors/);
    for (const m of [/"CET"/, /"zed"/, /"1x"/, /before it starts/]) expect(r.stderr).toMatch(new RegExp(`team\\.yaml:\\d+:\\d+: .*${m.source}`));
  });

  test('a typo in one layer does not hide the errors in the rest of the schedule', () => {
    let text = BASE.replace('        members: [yara]', '        memebers: [yara]');
    text = text.replace('shift: 1w', 'shift: 1x');
    text = text.replace('    timezone: Europe/Berlin\n    layers', '    timezone: Mars/Base\n    layers');
    text = text.replace('to: 2026-12-27T00:00', 'to: 2026-12-23T00:00');
    const r = s.run(['apply', '-f', writeYaml(text, 'team.yaml')]);
    expectRefused(r, /unknown key "memebers"/);
    for (const m of [/shift "1x"/, /"Mars\/Base"/, /before it starts/]) expect(r.stderr).toMatch(m);
  });

  test('a layer missing "members" still has its other errors reported, each at its place', () => {
    // The bug: a required key missing made the whole layer unreadable, so its bad day only
    // showed on the next run, after "members" was added.
    let text = mutate('        members: [yara]\n', '');
    text = text.replace('[mon, tue, wed, thu, fri]', '[mon, funday]');
    const file = writeYaml(text, 'team.yaml');
    const r = s.run(['apply', '-f', file]);
    expectRefused(r, /2 errors/);
    const funday = position(text, 'funday');
    expect(r.stderr).toMatch(new RegExp(`team\\.yaml:${funday.line}:\\d+: layer "office": "funday" is not a day`));
    const office = position(text, 'id: office');
    expect(r.stderr).toMatch(new RegExp(`team\\.yaml:${office.line}:\\d+: "members" is required`));
  });

  test('a schedule missing its zone, an override missing "to" and a malformed restriction hide nothing', () => {
    let text = mutate('    timezone: Europe/Berlin\n    layers', '    layers');
    text = text.replace('shift: 1w', 'shift: 1x');
    text = text.replace('        to: 2026-12-27T00:00\n', '');
    text = text.replace('      - person: yara', '      - person: zed');
    text = text.replace('            to: "17:00"\n', '          - {days: [sun], from: "25:00", to: "08:00"}\n');
    const file = writeYaml(text, 'team.yaml');
    const r = s.run(['apply', '-f', file]);
    expectRefused(r, /6 errors/);
    for (const [token, message] of [
      ['1x', 'layer "weekly": shift "1x"'],
      ['zed', 'override: person "zed" is not a known person'],
    ]) {
      const at = position(text, token);
      expect(r.stderr).toContain(`${file}:${at.line}:${at.col}: ${message}`);
    }
    expect(r.stderr).toMatch(new RegExp(`team\\.yaml:${position(text, '25:00').line}:\\d+: layer "office": "25:00" is not a time of day`));
    expect(r.stderr).toMatch(/"timezone" is required/);
    expect(r.stderr).toMatch(/"to" is required/);
  });

  test('errors in several files are all reported, each with its own file name', () => {
    const dir = tempDir();
    const a = writeYaml(mutate('shift: 1w', 'shift: 1x'), 'a.yaml', dir);
    const b = writeYaml('version: 1\npeople:\n  - id: zoe\n    nmae: Zoe\n', 'b.yaml', dir);
    const r = s.run(['apply', '-f', a, '-f', b]);
    expectRefused(r, /a\.yaml:20:16: .*"1x"/);
    expect(r.stderr).toMatch(/b\.yaml:4:5: .*unknown key "nmae"/);
  });
});

describe('malformed YAML', () => {
  test('a syntax error names file:line:col', () => {
    const text = mutate('    name: Ops\n', '    name: [Ops\n');
    const file = writeYaml(text, 'broken.yaml');
    const r = s.run(['apply', '-f', file]);
    expectRefused(r, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: `));
  });

  test('bad indentation is a syntax error too', () => {
    const file = writeYaml(mutate('    name: Yara\n', '      name: Yara\n'), 'indent.yaml');
    expectRefused(s.run(['apply', '-f', file]), /indent\.yaml:\d+:\d+: /);
  });

  test('a duplicate key is reported', () => {
    const file = writeYaml(mutate('    name: Xavier\n', '    name: Xavier\n    name: X\n'), 'dup.yaml');
    expectRefused(s.run(['apply', '-f', file]), /dup\.yaml:5:\d+: /);
  });

  test('a file that is not a mapping, or the wrong version, is refused', () => {
    expectRefused(s.run(['apply', '-f', writeYaml('- alice\n- bob\n', 'list.yaml')]), /list\.yaml/);
    expectRefused(s.run(['apply', '-f', writeYaml(BASE.replace('version: 1', 'version: 7'), 'v.yaml')]), /v\.yaml:1:\d+: /);
  });

  test('a file that does not exist is refused', () => {
    expectRefused(s.run(['apply', '-f', path.join(tempDir(), 'missing.yaml')]), /missing\.yaml/);
  });
});

describe('bad command lines: exit 2, one line on stderr, nothing changed', () => {
  const cli: [string, string[], RegExp][] = [
    ['an unparsable --at', ['who', '--at', 'blorp'], /--at "blorp" is not a time/],
    ['a date inside other words', ['who', '--at', 'blorp tomorrow'], /--at "blorp tomorrow"/],
    ['an unparsable --from', ['shifts', '--schedule', 'payments-primary', '--from', 'someday'], /--from "someday"/],
    ['an unparsable --now', ['who', '--now', 'blorp'], /--now "blorp"/],
    ['an unknown --schedule for who', ['who', '--schedule', 'nope'], /unknown schedule "nope"/],
    ['an unknown --schedule among known ones', ['who', '--schedule', 'payments-primary,nope'], /unknown schedule "nope"/],
    ['an unknown --schedule for shifts', ['shifts', '--schedule', 'nope'], /unknown schedule "nope"/],
    ['an unknown --team', ['who', '--team', 'nope'], /"nope"/],
    ['an unknown option', ['who', '--frobnicate'], /unknown option '--frobnicate'/],
    ['an unknown command', ['frob'], /unknown command 'frob'/],
    ['--tz Mars/Base', ['--tz', 'Mars/Base', 'who'], /time zone "Mars\/Base"/],
    ['--tz after the command', ['who', '--tz', 'Mars/Base'], /time zone "Mars\/Base"/],
    ['--tz +01:00 (an offset, not a zone)', ['who', '--tz', '+01:00'], /"\+01:00"/],
    ['--days 0', ['shifts', '--schedule', 'payments-primary', '--days', '0'], /--days "0"/],
    ['--to before --from', ['shifts', '--schedule', 'payments-primary', '--from', '2026-12-02', '--to', '2026-12-01'], /--to must be after --from/],
    ['--to and --days', ['shifts', '--schedule', 'payments-primary', '--to', '2026-12-30', '--days', '3'], /either --to or --days/],
    ['--count abc', ['next', '--person', 'alice', '--count', 'abc'], /--count "abc"/],
    ['shifts without --schedule', ['shifts'], /--schedule/],
    ['apply without -f', ['apply'], /--file/],
  ];
  for (const [name, args, message] of cli) {
    test(name, () => {
      const r = s.run(args);
      expectRefused(r, message);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    });
  }

  test('ONCALL_TZ=Mars/Base is refused like --tz', () => {
    expectRefused(s.run(['who'], { ONCALL_TZ: 'Mars/Base' }), /"Mars\/Base"/);
  });

  test('who --json is the same after all the refused commands', () => {
    expect(ok(s.run(['who', '--json'])).stdout).toBe(who);
  });
});

describe('--db that is not a SQLite database', () => {
  for (const args of [['who'], ['apply', '-f', EXAMPLES.acme], ['export', 'yaml']]) {
    test(`${args[0]} refuses it with exit 2 and leaves the file as it was`, () => {
      const dir = tempDir();
      const file = path.join(dir, 'notes.txt');
      fs.writeFileSync(file, 'shopping list: milk, eggs, more eggs\n'.repeat(50));
      fs.utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
      const bytes = fs.readFileSync(file);
      const mtime = fs.statSync(file).mtimeMs;
      const r = s.run(['--db', file, ...args]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(/not an oncall database|not a (SQLite )?database/i);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
      expect(fs.statSync(file).mtimeMs).toBe(mtime);
      expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
    });
  }
});
