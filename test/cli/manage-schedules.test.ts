// Schedules and layers from the command line: the README walk-through from an empty database,
// the --restrict forms, --json on list/show, bad input (exit 2, one line, nothing changed),
// and the same validation messages as YAML files.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, json, ok, writeYaml, type Session } from './helpers.js';
import { acme, brief, exported, fresh, refused, shifts } from './manage-helpers.js';

afterAll(cleanup);

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

describe('schedule and layer commands', () => {
  test('a team from nothing: schedule add, layer add (with --restrict), list and show, then shifts', () => {
    const s = fresh();
    for (const id of ['alice', 'erin', 'bob']) ok(s.run(['person', 'add', id]));
    ok(s.run(['team', 'add', 'infra', '--name', 'Infrastructure', '--members', 'alice,erin,bob']));
    expect(ok(s.run(['schedule', 'add', 'infra-primary', '--team', 'infra', '--tz', 'America/New_York'])).stdout.trim()).toBe('Added schedule infra-primary.');
    expect(json(ok(s.run(['schedule', 'list', '--json'])))).toEqual([
      { id: 'infra-primary', team: 'infra', name: 'infra-primary', timezone: 'America/New_York', layers: 0, overrides: 0 },
    ]);

    const weekly = ok(s.run(['layer', 'add', 'infra-primary', 'weekly', '--start', '2026-12-07 09:00', '--shift', '1w', '--members', 'alice,erin']));
    expect(weekly.stdout.trim()).toBe('Added layer infra-primary/weekly.');
    ok(s.run(['layer', 'add', 'infra-primary', 'days', '--start', '2026-12-07 09:00', '--shift', '1d', '--members', 'bob', '--restrict', 'mon-fri 09:00-17:00']));

    const layers = [
      { id: 'weekly', start: '2026-12-07T09:00', shift: '1w', members: ['alice', 'erin'] },
      { id: 'days', start: '2026-12-07T09:00', shift: '1d', members: ['bob'], restrictions: [{ days: WEEKDAYS, from: '09:00', to: '17:00' }] },
    ];
    expect(json(ok(s.run(['layer', 'list', 'infra-primary', '--json'])))).toEqual(layers);
    // Its rotation begins on 7 Dec: nobody has a turn yet.
    expect(json(ok(s.run(['layer', 'show', 'infra-primary', 'days', '--json'])))).toEqual({ ...layers[1], turn: null, pending: [] });
    expect(json(ok(s.run(['schedule', 'show', 'infra-primary', '--json'])))).toEqual({
      id: 'infra-primary', team: 'infra', name: 'infra-primary', timezone: 'America/New_York', layers, overrides: [], pending: [],
    });
    expect(json(ok(s.run(['schedule', 'list', '--json'])))[0]).toMatchObject({ layers: 2, overrides: 0 });
    expect(json(ok(s.run(['team', 'show', 'infra', '--json']))).schedules).toEqual(['infra-primary']);
    expect(json(ok(s.run(['person', 'show', 'bob', '--json']))).layers).toEqual(['infra-primary/days']);

    expect(ok(s.run(['layer', 'list', 'infra-primary'])).stdout).toContain('layer weekly: every 1w from 2026-12-07T09:00\n  members: alice, erin\n');
    expect(ok(s.run(['schedule', 'show', 'infra-primary'])).stdout).toMatch(/infra-primary.*team infra.*America\/New_York/);

    // The layers start Monday 7 December 09:00 New York (14:00Z); the weekday layer wins 09-17.
    expect(brief(shifts(s, 'infra-primary', '2026-12-07T05:00:00Z', '2026-12-09T05:00:00Z'))).toEqual([
      '2026-12-07T05:00:00Z 2026-12-07T14:00:00Z null null',
      '2026-12-07T14:00:00Z 2026-12-07T22:00:00Z bob layer:days',
      '2026-12-07T22:00:00Z 2026-12-08T14:00:00Z alice layer:weekly',
      '2026-12-08T14:00:00Z 2026-12-08T22:00:00Z bob layer:days',
      '2026-12-08T22:00:00Z 2026-12-09T05:00:00Z alice layer:weekly',
    ]);
    expect(json(ok(s.run(['who', '--schedule', 'infra-primary', '--at', '2026-12-19T12:00:00Z', '--json'])))[0]).toMatchObject({ person: 'erin', source: 'layer:weekly' });

    ok(s.run(['schedule', 'edit', 'infra-primary', '--name', 'Infrastructure primary']));
    expect(exported(s).schedules).toEqual([
      { id: 'infra-primary', team: 'infra', name: 'Infrastructure primary', timezone: 'America/New_York', layers },
    ]);

    expect(ok(s.run(['layer', 'rm', 'infra-primary', 'days'])).stdout.trim()).toBe('Removed layer infra-primary/days.');
    expect(json<{ id: string }[]>(ok(s.run(['layer', 'list', 'infra-primary', '--json']))).map((l) => l.id)).toEqual(['weekly']);
    expect(ok(s.run(['schedule', 'rm', 'infra-primary'])).stdout.trim()).toBe('Removed schedule infra-primary.');
    expect(json(ok(s.run(['schedule', 'list', '--json'])))).toEqual([]);
    refused(s, ['schedule', 'show', 'infra-primary'], 'unknown schedule "infra-primary"');
    ok(s.run(['team', 'rm', 'infra']));
  });

  test('--restrict forms, repeated; --end; layer edit --no-restrict and --no-end', () => {
    const s = acme();
    ok(s.run(['layer', 'add', 'platform-primary', 'cover', '--start', '2026-12-07 09:00', '--shift', '1d', '--members', 'heidi',
      '--restrict', '09:00-17:00', '--restrict', 'sat,sun 00:00-00:00', '--restrict', 'fri 18:00-mon 09:00', '--end', '2027-02-01 00:00', '--priority', '5']));
    expect(json(ok(s.run(['layer', 'show', 'platform-primary', 'cover', '--json'])))).toEqual({
      id: 'cover', start: '2026-12-07T09:00', end: '2027-02-01T00:00', shift: '1d', members: ['heidi'], priority: 5,
      restrictions: [{ from: '09:00', to: '17:00' }, { days: ['sat', 'sun'], from: '00:00', to: '00:00' }, { from: 'fri 18:00', to: 'mon 09:00' }],
      turn: null, pending: [],
    });
    ok(s.run(['layer', 'edit', 'platform-primary', 'cover', '--no-restrict', '--no-end']));
    expect(json(ok(s.run(['layer', 'show', 'platform-primary', 'cover', '--json'])))).toEqual({
      id: 'cover', start: '2026-12-07T09:00', shift: '1d', members: ['heidi'], priority: 5, turn: null, pending: [],
    });
    ok(s.run(['layer', 'edit', 'platform-primary', 'cover', '--handoffs', 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0']));
    const layer = json(ok(s.run(['layer', 'show', 'platform-primary', 'cover', '--json'])));
    expect(layer.handoffs).toBe('FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0');
    expect(layer.shift).toBeUndefined();
  });
});

test('human output of every list, show and log fits 80 columns (SPEC §4; COLUMNS=80 when piped)', () => {
  const s = acme();
  ok(s.run(['override', 'add', '--schedule', 'platform-primary', '--person', 'grace', '--from', '2026-12-09T00:00:00Z', '--to', '2026-12-10T00:00:00Z', '--reason', 'a rather long reason that will not fit in a column']));
  const commands = [
    ['person', 'list'], ['person', 'show', 'alice'], ['team', 'list'], ['team', 'show', 'payments'], ['schedule', 'list'],
    ['schedule', 'show', 'payments-primary'], ['layer', 'list', 'payments-primary'], ['layer', 'show', 'payments-primary', 'business-hours'],
    ['override', 'list'], ['log'],
  ];
  const tooWide = commands.flatMap((args) =>
    ok(s.run(args, { COLUMNS: '80' })).stdout.split('\n').filter((line) => [...line].length > 80).map((line) => `oncall ${args.join(' ')}: ${line}`),
  );
  expect(tooWide).toEqual([]);
});

describe('bad input: exit 2, one line on stderr, nothing changed', () => {
  let s: Session;
  beforeAll(() => {
    s = acme();
  });
  const layerAdd = (...extra: string[]) => ['layer', 'add', 'platform-primary', 'l2', '--start', '2026-12-07 09:00', ...extra];

  test('unknown schedule and layer ids', () => {
    for (const args of [
      ['schedule', 'show', 'nope'], ['schedule', 'edit', 'nope', '--name', 'X'], ['schedule', 'rm', 'nope'], ['layer', 'list', 'nope'],
      ['layer', 'add', 'nope', 'l2', '--start', '2026-12-07 09:00', '--shift', '1d', '--members', 'frank'],
    ]) refused(s, args, 'unknown schedule "nope"');
    for (const verb of ['show', 'rm', 'disable', 'enable']) {
      refused(s, ['layer', verb, 'platform-primary', 'nope'], 'schedule "platform-primary" has no layer "nope" (layers: weekly)');
    }
    refused(s, ['layer', 'edit', 'platform-primary', 'nope', '--members', 'frank'], 'has no layer "nope"');
    refused(s, ['schedule', 'add', 's2', '--team', 'nope', '--tz', 'Europe/Berlin'], 'team "nope" is not a known team');
    refused(s, ['schedule', 'edit', 'platform-primary', '--team', 'nope'], 'team "nope" is not a known team');
    refused(s, layerAdd('--shift', '1d', '--members', 'frank,nobody'), 'member "nobody" is not a known person');
  });

  test('duplicate ids on add', () => {
    refused(s, ['schedule', 'add', 'payments-primary', '--team', 'payments', '--tz', 'Europe/Berlin'], 'schedule "payments-primary" already exists');
    refused(s, ['layer', 'add', 'payments-primary', 'weekly', '--start', '2026-12-07 09:00', '--shift', '1w', '--members', 'alice'],
      'schedule "payments-primary" already has a layer "weekly"');
  });

  test('zones: CET is refused, --tz is required on schedule add', () => {
    refused(s, ['schedule', 'add', 's2', '--team', 'payments', '--tz', 'CET'], 'time zone "CET" is not an IANA zone name');
    refused(s, ['schedule', 'edit', 'platform-primary', '--tz', 'CET'], 'time zone "CET" is not an IANA zone name');
    refused(s, ['schedule', 'add', 's2', '--team', 'payments'], 'needs --tz');
  });

  test('rotations: --shift, --handoffs, --restrict, members, --start/--end', () => {
    const shiftMessage = 'shift "1x" must be a positive number followed by h, d, w or mo';
    refused(s, layerAdd('--shift', '1x', '--members', 'frank'), shiftMessage);
    refused(s, ['layer', 'edit', 'platform-primary', 'weekly', '--shift', '1x'], shiftMessage);
    refused(s, layerAdd('--handoffs', 'FREQ=BOGUS', '--members', 'frank'), 'handoffs "FREQ=BOGUS" is not a valid RRULE');
    refused(s, layerAdd('--shift', '1d', '--members', 'frank', '--restrict', 'funday 9-5'), '--restrict "funday 9-5" is not a window');
    refused(s, layerAdd('--shift', '1d', '--members', 'frank', '--restrict', '25:00-08:00'), '"25:00" is not a time of day');
    refused(s, ['layer', 'edit', 'platform-primary', 'weekly', '--restrict', 'funday 9-5'], '--restrict "funday 9-5" is not a window');
    refused(s, layerAdd('--shift', '1d'), 'layer "l2" has no members');
    refused(s, ['layer', 'edit', 'platform-primary', 'weekly', '--members', ','], 'layer "weekly" has no members');
    refused(s, ['layer', 'add', 'platform-primary', 'l2', '--shift', '1d', '--members', 'frank'], 'needs --start');
    refused(s, layerAdd('--shift', '1d', '--members', 'frank', '--end', '2026-12-01 09:00'), 'end must be after start');
  });

  test('--effective in the past, and unparsable times', () => {
    const past = 'history is never rewritten';
    refused(s, ['layer', 'edit', 'platform-primary', 'weekly', '--members', 'frank', '--effective', '2026-11-01'], past);
    refused(s, ['layer', 'disable', 'platform-primary', 'weekly', '--effective', '-1d'], past);
    refused(s, ['layer', 'rm', 'platform-primary', 'weekly', '--effective', 'yesterday'], past);
    refused(s, ['schedule', 'edit', 'platform-primary', '--name', 'X', '--effective', '-2h'], past);
    refused(s, ['schedule', 'rm', 'platform-primary', '--effective', '2026-01-01'], past);
    refused(s, ['layer', 'edit', 'platform-primary', 'weekly', '--members', 'frank', '--effective', 'gibberish'], '--effective "gibberish" is not a time');
    refused(s, ['layer', 'add', 'platform-primary', 'l2', '--start', 'blah blah', '--shift', '1d', '--members', 'frank'], '--start "blah blah" is not a time');
    refused(s, layerAdd('--shift', '1d', '--members', 'frank', '--end', 'someday'), '--end "someday" is not a time');
  });
});

describe('the command line and YAML share validation and messages', () => {
  const BASE = `version: 1
people:
  - id: alice
    name: Alice
teams:
  - id: infra
    name: Infra
    members: [alice]
schedules:
  - id: infra-primary
    team: infra
    name: Infra primary
    timezone: America/New_York
    layers:
      - id: weekly
        start: 2026-12-07T09:00
        shift: 1w
        members: [alice]
`;
  const layer = (fields: string) => `${BASE}      - id: l2\n        start: 2026-12-07T09:00\n${fields}`;
  const add = (...extra: string[]) => ['layer', 'add', 'infra-primary', 'l2', '--start', '2026-12-07 09:00', ...extra];
  const cases: [string, string, string[]][] = [
    ['shift 1x', layer('        shift: 1x\n        members: [alice]\n'), add('--shift', '1x', '--members', 'alice')],
    ['bad rrule', layer('        handoffs: "FREQ=BOGUS"\n        members: [alice]\n'), add('--handoffs', 'FREQ=BOGUS', '--members', 'alice')],
    ['restriction 25:00', layer('        shift: 1d\n        members: [alice]\n        restrictions:\n          - from: "25:00"\n            to: "08:00"\n'),
      add('--shift', '1d', '--members', 'alice', '--restrict', '25:00-08:00')],
    ['no members', layer('        shift: 1d\n        members: []\n'), add('--shift', '1d')],
    ['unknown member', layer('        shift: 1d\n        members: [nobody]\n'), add('--shift', '1d', '--members', 'nobody')],
    ['end before start', layer('        shift: 1d\n        members: [alice]\n        end: 2026-12-01T09:00\n'),
      add('--shift', '1d', '--members', 'alice', '--end', '2026-12-01 09:00')],
    ['zone CET', BASE.replace('America/New_York', 'CET'), ['schedule', 'edit', 'infra-primary', '--tz', 'CET']],
    ['unknown team', BASE.replace('team: infra', 'team: nope'), ['schedule', 'edit', 'infra-primary', '--team', 'nope']],
    ['team member', BASE.replace('members: [alice]', 'members: [alice, nobody]'), ['team', 'edit', 'infra', '--add', 'nobody']],
    ['colour', BASE.replace('name: Alice', 'name: Alice\n    color: red'), ['person', 'edit', 'alice', '--color', 'red']],
  ];

  test.each(cases)('%s: the same message from apply -f and from the command', (_name, yaml, args) => {
    const viaYaml = fresh().run(['apply', '-f', writeYaml(yaml)]);
    expect(viaYaml.status).toBe(2);
    const located = viaYaml.stderr.split('\n').filter((line) => /setup\.yaml:\d+:\d+: /.test(line));
    expect(located, viaYaml.stderr).toHaveLength(1);
    const yamlMessage = located[0].replace(/^.*setup\.yaml:\d+:\d+: /, '');

    const s = fresh();
    ok(s.run(['apply', '-f', writeYaml(BASE)]));
    const viaCli = refused(s, args, yamlMessage);
    expect(viaCli.stderr.trim()).toBe(`oncall: ${yamlMessage}`);
  });
});
