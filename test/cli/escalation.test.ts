// Escalation policies (issue #7): in YAML (apply, validation with file:line:col, export round
// trip, versions with --effective), on the command line (policy add/edit/rm/list/show) and
// resolved by `oncall escalate` (handoffs during the chain, gaps, repeats, skipped people).
//
// The fixture keeps every schedule in UTC and the viewer in UTC, so that times can be checked
// by hand. Now is Monday 2026-11-23 12:00Z.
//   primary: daily handoff at 12:10, members [ann, ben], shift k from 2026-11-02 12:10:
//            Sun 22 Nov 12:10 → Mon 23 Nov 12:10 is shift 20 (ann), then shift 21 (ben).
//   steady:  weekly from Mon 16 Nov 00:00, only dan.
//   nights:  cat, but only 20:00–08:00 (a gap 08:00–20:00).
//   team leads: [eve, fay].

import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { cleanup, json, ok, position, session, writeYaml, type Result, type Session } from './helpers.js';
import { log, refused, snapshot } from './manage-helpers.js';
import { OPS_POLICIES, OPS_ROTA } from './ops-fixture.js';

afterAll(cleanup);

const UTC = { ONCALL_TZ: 'UTC', ONCALL_USER: 'ann' };


const POLICIES = `escalation_policies:
${OPS_POLICIES}  - id: relay
    team: ops
    repeat: 1
    levels:
      - targets: [schedule:primary]
      - targets: [person:cat]
        after: 5m
  - id: slow
    team: ops
    repeat: 1
    repeat_after: 90m
    levels:
      - targets: [person:ann]
      - targets: [person:ben]
        after: 60m
`;

const BASE = OPS_ROTA + POLICIES;

function setup(): Session {
  const s = session(UTC);
  ok(s.run(['apply', '-f', writeYaml(BASE, 'team.yaml', s.dir)]));
  return s;
}

interface Step {
  level: number;
  run: number;
  at: string;
  targets: { target: string; people: string[] }[];
  people: string[];
  skipped: string[];
  gap: boolean;
}

interface Chain {
  policy: string;
  name: string;
  at: string;
  steps: Step[];
}

/** "level/run at [paged] skipped:[…] GAP", compact enough to compare whole chains. */
function brief(steps: Step[]): string[] {
  return steps.map(
    (s) => `${s.level}/${s.run} ${s.at} [${s.people.join(',')}]${s.skipped.length ? ` skipped:[${s.skipped.join(',')}]` : ''}${s.gap ? ' GAP' : ''}`,
  );
}

function escalate(s: Session, policy: string, at?: string): Chain {
  return json<Chain>(ok(s.run(['escalate', policy, ...(at ? ['--at', at] : []), '--json'])));
}

/** Table lines with the column padding squeezed to one space. */
function rows(r: Result): string[] {
  return r.stdout.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
}

describe('escalation policies in YAML', () => {
  test('apply adds them, applying the same file again says "No changes.", list and show describe them', () => {
    const s = session(UTC);
    const file = writeYaml(BASE, 'team.yaml', s.dir);
    const first = ok(s.run(['apply', '-f', file]));
    for (const id of ['main', 'gappy', 'loop', 'relay', 'slow']) expect(first.stdout).toMatch(new RegExp(`\\+ escalation policy ${id}\\b`));
    expect(ok(s.run(['apply', '-f', file])).stdout.trim()).toBe('No changes.');

    const list = json(ok(s.run(['policy', 'list', '--json'])));
    // repeat_after is the run length: given (slow), else last + (last − previous), else last + 30m.
    expect(list.map((p: any) => `${p.id} ${p.team} ${p.name} ${p.repeat} ${p.repeat_after} ${p.levels.length}`).sort()).toEqual([
      'gappy ops gappy 0 30m 3',
      'loop ops Loop 2 40m 3',
      'main ops Main line 0 45m 3',
      'relay ops relay 1 10m 2',
      'slow ops slow 1 1h30m 2',
    ]);
    expect(json(ok(s.run(['policy', 'show', 'gappy', '--json'])))).toEqual({
      id: 'gappy',
      team: 'ops',
      name: 'gappy',
      repeat: 0,
      repeat_after: '30m',
      levels: [
        { targets: ['schedule:primary'], after: '0m' },
        { targets: ['schedule:nights'], after: '10m' },
        { targets: ['person:eve'], after: '20m' },
      ],
    });
    const show = ok(s.run(['policy', 'show', 'loop']));
    expect(show.stdout).toContain('Repeats up to 2 more times, every 40m.');
    expect(rows(show)).toContain('2 10m person:eve, schedule:steady');
  });

  test('export yaml writes them back; applying the export changes nothing, on this database or a new one', () => {
    const s = setup();
    const text = ok(s.run(['export', 'yaml'])).stdout;
    const policies = parse(text).escalation_policies;
    expect(policies.map((p: any) => p.id).sort()).toEqual(['gappy', 'loop', 'main', 'relay', 'slow']);
    // Delays come back normalised: the first level's missing "after" is 0m, 60m is 1h, 90m is 1h30m.
    expect(policies.find((p: any) => p.id === 'slow')).toEqual({
      id: 'slow',
      team: 'ops',
      name: 'slow',
      repeat: 1,
      repeat_after: '1h30m',
      levels: [
        { targets: ['person:ann'], after: '0m' },
        { targets: ['person:ben'], after: '1h' },
      ],
    });
    expect(policies.find((p: any) => p.id === 'main')).toEqual({
      id: 'main',
      team: 'ops',
      name: 'Main line',
      levels: [
        { targets: ['schedule:primary'], after: '0m' },
        { targets: ['schedule:primary', 'person:cat'], after: '15m' },
        { targets: ['team:leads'], after: '30m' },
      ],
    });
    const exportFile = writeYaml(text, 'export.yaml', s.dir);
    expect(ok(s.run(['apply', '-f', exportFile])).stdout.trim()).toBe('No changes.');

    const other = session(UTC);
    ok(other.run(['apply', '-f', exportFile]));
    expect(ok(other.run(['export', 'yaml'])).stdout).toBe(text);
    expect(escalate(other, 'loop')).toEqual(escalate(s, 'loop'));
  });

  test('a changed policy applied with --effective: escalate before that instant uses the old version', () => {
    const s = setup();
    // main, version 2: the leads are paged after 20 minutes instead of 30, together with dan.
    const v2 = BASE.replace('      - targets: [team:leads]\n        after: 30m', '      - targets: [team:leads, person:dan]\n        after: 20m');
    expect(v2).not.toBe(BASE);
    const file = writeYaml(v2, 'team.yaml', s.dir);
    const plan = ok(s.run(['apply', '-f', file, '--effective', '2026-11-24T00:00:00Z']));
    expect(plan.stdout).toMatch(/~ escalation policy main/);
    expect(ok(s.run(['apply', '-f', file, '--effective', '2026-11-24T00:00:00Z'])).stdout.trim()).toBe('No changes.');

    // At 23:50 the old version is in force (primary is ben's from 12:10), even for levels that
    // fire after midnight.
    expect(brief(escalate(s, 'main', '2026-11-23T23:50:00Z').steps)).toEqual([
      '1/0 2026-11-23T23:50:00Z [ben]',
      '2/0 2026-11-24T00:05:00Z [cat] skipped:[ben]',
      '3/0 2026-11-24T00:20:00Z [eve,fay]',
    ]);
    expect(brief(escalate(s, 'main', '2026-11-24T00:00:00Z').steps)).toEqual([
      '1/0 2026-11-24T00:00:00Z [ben]',
      '2/0 2026-11-24T00:15:00Z [cat] skipped:[ben]',
      '3/0 2026-11-24T00:20:00Z [eve,fay,dan]',
    ]);
    // Now (12:00) is before the change too.
    expect(brief(escalate(s, 'main').steps)[2]).toBe('3/0 2026-11-23T12:30:00Z [eve,fay]');
  });
});

describe('validation: file:line:col, exit 2, nothing changed', () => {
  const BAD = `${BASE}  - id: p-unknown
    team: ops
    levels:
      - targets: [schedule:primary, schedule:nope]
  - id: p-kind
    team: ops
    levels:
      - targets: [pager:ann]
  - id: p-twice
    team: ops
    levels:
      - targets: [person:ann, person:ben, person:ann]
  - id: p-order
    team: ops
    levels:
      - targets: [person:ann]
      - targets: [person:ben]
        after: 20m
      - targets: [person:cat]
        after: 19m
  - id: p-same
    team: ops
    levels:
      - targets: [person:ann]
        after: 5m
      - targets: [person:ben]
        after: 5m
  - id: p-empty-targets
    team: ops
    levels:
      - targets: []
  - id: p-unit
    team: ops
    levels:
      - targets: [person:ann]
      - targets: [person:ben]
        after: 15
  - id: p-no-levels
    team: ops
    levels: []
  - id: p-repeat
    team: ops
    repeat: 1
    repeat_after: 25m
    levels:
      - targets: [person:ann]
      - targets: [person:ben]
        after: 25m
  - id: p-lonely
    team: ops
    repeat_after: 2h
    levels:
      - targets: [person:ann]
  - id: p-team
    team: nosuch
    levels:
      - targets: [person:ann]
`;

  const at = (token: string, after?: string) => position(BAD, token, after);
  const unitAt = at('after: 15\n', '- id: p-unit');
  const expected: { where: { line: number; col: number }; message: RegExp }[] = [
    { where: at('schedule:nope'), message: /escalation policy "p-unknown", level 1: schedule "nope" is not a known schedule/ },
    { where: at('pager:ann'), message: /escalation policy "p-kind", level 1: target "pager:ann" must be schedule:<id>, person:<id> or team:<id>/ },
    { where: at('person:ann]', '- id: p-twice'), message: /escalation policy "p-twice", level 1: "person:ann" is listed twice/ },
    { where: at('19m'), message: /escalation policy "p-order", level 3: after 19m must be later than level 2 \(20m\)/ },
    { where: at('5m', 'targets: [person:ben]\n        after: 5m'), message: /escalation policy "p-same", level 2: after 5m must be later than level 1 \(5m\)/ },
    { where: at('[]', '- id: p-empty-targets'), message: /level 1 has no targets; name a schedule:, person: or team:/ },
    { where: { line: unitAt.line, col: unitAt.col + 'after: '.length }, message: /escalation policy "p-unit", level 2: after 15 has no unit; write 15m/ },
    { where: at('[]', '- id: p-no-levels'), message: /"p-no-levels" has no levels; list at least one/ },
    { where: at('25m', '- id: p-repeat'), message: /escalation policy "p-repeat": repeat_after must be longer than the last level's delay \(25m\)/ },
    { where: at('2h', '- id: p-lonely'), message: /escalation policy "p-lonely": repeat_after needs "repeat"/ },
    { where: at('nosuch'), message: /escalation policy "p-team": team "nosuch" is not a known team/ },
  ];

  test('every error in the file at once, each at its place, and the database unchanged', () => {
    const s = setup();
    const before = snapshot(s);
    const file = writeYaml(BAD, 'bad.yaml', s.dir);
    const r = s.run(['apply', '-f', file]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^oncall: ${expected.length} errors; nothing was changed`));
    const errors = lines.slice(0, -1);
    expect(errors, r.stderr).toHaveLength(expected.length);
    for (const e of expected) {
      const prefix = `${file}:${e.where.line}:${e.where.col}: `;
      const line = errors.find((l) => l.startsWith(prefix) && e.message.test(l));
      expect(line, `expected "${prefix}" + ${e.message}\n${r.stderr}`).toBeDefined();
    }
    expect(snapshot(s)).toBe(before);
    // --dry-run refuses it the same way.
    expect(s.run(['apply', '-f', file, '--dry-run']).status).toBe(2);
  });

  test('a policy with no levels still has its unknown team reported (all errors at once)', () => {
    const s = setup();
    const text = `${BASE}  - id: p-bare
    team: nosuch
    levels: []
`;
    const file = writeYaml(text, 'bad.yaml', s.dir);
    const r = s.run(['apply', '-f', file]);
    expect(r.status, r.stderr).toBe(2);
    const levels = position(text, '[]', '- id: p-bare');
    const team = position(text, 'nosuch');
    expect(r.stderr).toContain(`${file}:${levels.line}:${levels.col}: `);
    expect(r.stderr, 'the unknown team is not reported').toContain(`${file}:${team.line}:${team.col}: escalation policy "p-bare": team "nosuch" is not a known team`);
  });
});

describe('oncall escalate', () => {
  test('a handoff during the escalation: level 2 reaches the person on call when it fires', () => {
    const s = setup();
    const chain = escalate(s, 'main');
    expect(chain).toMatchObject({ policy: 'main', name: 'Main line', at: '2026-11-23T12:00:00Z' });
    // primary hands over from ann to ben at 12:10, between level 1 (12:00) and level 2 (12:15).
    expect(brief(chain.steps)).toEqual([
      '1/0 2026-11-23T12:00:00Z [ann]',
      '2/0 2026-11-23T12:15:00Z [ben,cat]',
      '3/0 2026-11-23T12:30:00Z [eve,fay]',
    ]);
    expect(chain.steps[1].targets).toEqual([
      { target: 'schedule:primary', people: ['ben'] },
      { target: 'person:cat', people: ['cat'] },
    ]);
    expect(chain.steps.every((step) => step.gap === false)).toBe(true);

    const r = ok(s.run(['escalate', 'main']));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Main line (main) for an incident at Mon 23 Nov 12:00');
    const lines = rows(r);
    expect(lines).toContain('1 +0m 12:00 schedule:primary Ann Arbor');
    expect(lines).toContain('2 +15m 12:15 schedule:primary Ben Bow');
    expect(lines).toContain('person:cat Cat Cole');
    expect(lines).toContain('3 +30m 12:30 team:leads Eve Ent, Fay Fox');
    expect(r.stdout).not.toContain('*');
  });

  test('without a handoff in between, level 2 skips the person level 1 already paged', () => {
    const s = setup();
    // At 11:00 ann is on call for both 11:00 and 11:15.
    expect(brief(escalate(s, 'main', '2026-11-23T11:00:00Z').steps)).toEqual([
      '1/0 2026-11-23T11:00:00Z [ann]',
      '2/0 2026-11-23T11:15:00Z [cat] skipped:[ann]',
      '3/0 2026-11-23T11:30:00Z [eve,fay]',
    ]);
    const r = ok(s.run(['escalate', 'main', '--at', '2026-11-23T11:00:00Z']));
    expect(rows(r)).toContain('2 +15m 11:15 schedule:primary Ann Arbor*');
    expect(r.stdout).toMatch(/\* already paged above in the same run/);
  });

  // Issue 13: the second target's REACHES cell used to be empty.
  test('a level that reaches someone through two targets pages them once; each row still names them', () => {
    const s = session(UTC);
    const policy = 'escalation_policies:\n  - id: twice\n    team: ops\n    repeat: 1\n    levels:\n      - targets: [schedule:primary, person:ben, team:ops]\n';
    ok(s.run(['apply', '-f', writeYaml(OPS_ROTA + policy, 'team.yaml', s.dir)]));
    // At 12:15 ben is on call in primary, is a target himself, and is in team ops.
    expect(brief(escalate(s, 'twice', '2026-11-23T12:15:00Z').steps)).toEqual(['1/0 2026-11-23T12:15:00Z [ben,ann,cat,dan]', '1/1 2026-11-23T12:45:00Z [ben,ann,cat,dan]']);
    const r = ok(s.run(['escalate', 'twice', '--at', '2026-11-23T12:15:00Z']));
    const table = r.stdout.split('\n').slice(1, 7);
    expect(table.map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      'LEVEL AFTER FIRES TARGET REACHES',
      '1 +0m 12:15 schedule:primary Ben Bow',
      'person:ben Ben Bow*',
      'team:ops Ann Arbor, Cat Cole, Dan Dee, Ben Bow*',
      // The repeat pages everyone again: the same marks, for the same reason.
      '1 ↻1 +30m 12:45 schedule:primary Ben Bow',
      'person:ben Ben Bow*',
    ]);
    expect(r.stdout).toContain('* already paged above in the same run: not paged again');
  });

  test('a level that reaches nobody: the chain is printed, then "reaches nobody" on stderr, exit 3', () => {
    const s = setup();
    const r = s.run(['escalate', 'gappy', '--json']);
    expect(r.status, r.stderr).toBe(3);
    const chain = json<Chain>(r);
    // nights covers 20:00–08:00 only: at 12:10 it is in its gap.
    expect(brief(chain.steps)).toEqual([
      '1/0 2026-11-23T12:00:00Z [ann]',
      '2/0 2026-11-23T12:10:00Z [] GAP',
      '3/0 2026-11-23T12:20:00Z [eve]',
    ]);
    expect(chain.steps[1].targets).toEqual([{ target: 'schedule:nights', people: [] }]);
    const stderr = r.stderr.trimEnd().split('\n');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^oncall: .*gappy.*level 2.*\+10m.*reaches nobody/);

    const human = s.run(['escalate', 'gappy']);
    expect(human.status).toBe(3);
    expect(rows(human)).toContain('2 +10m 12:10 schedule:nights nobody (gap)');
    expect(rows(human)).toContain('3 +20m 12:20 person:eve Eve Ent');
    expect(human.stderr.trim()).toBe(stderr[0]);

    // From 20:00 cat covers nights: starting at 19:55, level 2 (20:05) reaches her.
    const evening = s.run(['escalate', 'gappy', '--at', '2026-11-23T19:55:00Z', '--json']);
    expect(evening.status, evening.stderr).toBe(0);
    expect(evening.stderr).toBe('');
    expect(brief(json<Chain>(evening).steps)).toEqual([
      '1/0 2026-11-23T19:55:00Z [ben]',
      '2/0 2026-11-23T20:05:00Z [cat]',
      '3/0 2026-11-23T20:15:00Z [eve]',
    ]);
  });

  test('repeats: each run starts one run length after the last; skipping starts afresh in each run', () => {
    const s = setup();
    // loop: levels at 0m, 10m, 25m, no repeat_after → runs 25 + 15 = 40 minutes apart, 3 runs.
    expect(brief(escalate(s, 'loop').steps)).toEqual([
      '1/0 2026-11-23T12:00:00Z [dan]',
      '2/0 2026-11-23T12:10:00Z [eve] skipped:[dan]',
      '3/0 2026-11-23T12:25:00Z [fay] skipped:[eve]',
      '1/1 2026-11-23T12:40:00Z [dan]',
      '2/1 2026-11-23T12:50:00Z [eve] skipped:[dan]',
      '3/1 2026-11-23T13:05:00Z [fay] skipped:[eve]',
      '1/2 2026-11-23T13:20:00Z [dan]',
      '2/2 2026-11-23T13:30:00Z [eve] skipped:[dan]',
      '3/2 2026-11-23T13:45:00Z [fay] skipped:[eve]',
    ]);
    const r = ok(s.run(['escalate', 'loop']));
    const lines = rows(r);
    expect(lines).toContain('2 +10m 12:10 person:eve Eve Ent');
    expect(lines).toContain('schedule:steady Dan Dee*');
    expect(lines).toContain('1 ↻1 +40m 12:40 schedule:steady Dan Dee');
    expect(lines).toContain('3 ↻2 +1h45m 13:45 team:leads Fay Fox, Eve Ent*');

    // slow: repeat_after 90m is the run length.
    expect(brief(escalate(s, 'slow').steps)).toEqual([
      '1/0 2026-11-23T12:00:00Z [ann]',
      '2/0 2026-11-23T13:00:00Z [ben]',
      '1/1 2026-11-23T13:30:00Z [ann]',
      '2/1 2026-11-23T14:30:00Z [ben]',
    ]);

    // relay (0m, 5m → 10-minute runs) from 12:05: the second run's level 1 fires after the
    // 12:10 handoff and pages ben; cat is paged in both runs.
    expect(brief(escalate(s, 'relay', '2026-11-23T12:05:00Z').steps)).toEqual([
      '1/0 2026-11-23T12:05:00Z [ann]',
      '2/0 2026-11-23T12:10:00Z [cat]',
      '1/1 2026-11-23T12:15:00Z [ben]',
      '2/1 2026-11-23T12:20:00Z [cat]',
    ]);
  });

  test('unknown policy: exit 2, one line', () => {
    const s = setup();
    refused(s, ['escalate', 'nope'], 'unknown escalation policy "nope"');
  });
});

describe('policies on the command line', () => {
  test('policy add with levels, repeat and repeat-after; list, show and escalate; the audit log', () => {
    const s = setup();
    const added = ok(s.run(['policy', 'add', 'cli', '--team', 'ops', '--name', 'From the CLI', '--level', 'schedule:steady',
      '--level', 'person:eve,schedule:primary@15m', '--repeat', '1', '--repeat-after', '1h']));
    expect(added.stdout.trim()).toBe('Added escalation policy cli.');
    const expected = {
      id: 'cli',
      team: 'ops',
      name: 'From the CLI',
      repeat: 1,
      repeat_after: '1h',
      levels: [
        { targets: ['schedule:steady'], after: '0m' },
        { targets: ['person:eve', 'schedule:primary'], after: '15m' },
      ],
    };
    expect(json(ok(s.run(['policy', 'show', 'cli', '--json'])))).toEqual(expected);
    expect(json(ok(s.run(['policy', 'list', '--json']))).find((p: any) => p.id === 'cli')).toEqual(expected);
    expect(rows(ok(s.run(['policy', 'list'])))).toContain('cli ops 2 ×1 From the CLI');
    expect(brief(escalate(s, 'cli').steps)).toEqual([
      '1/0 2026-11-23T12:00:00Z [dan]',
      '2/0 2026-11-23T12:15:00Z [eve,ben]',
      '1/1 2026-11-23T13:00:00Z [dan]',
      '2/1 2026-11-23T13:15:00Z [eve,ben]',
    ]);
    expect(parse(ok(s.run(['export', 'yaml'])).stdout).escalation_policies.find((p: any) => p.id === 'cli')).toEqual({
      id: 'cli', team: 'ops', name: 'From the CLI', repeat: 1, repeat_after: '1h', levels: expected.levels,
    });

    // One level, no repeat_after: the run is that level's delay plus 30 minutes.
    ok(s.run(['policy', 'add', 'solo', '--team', 'ops', '--level', 'person:dan@5m', '--repeat', '1']));
    expect(json(ok(s.run(['policy', 'show', 'solo', '--json'])))).toMatchObject({ repeat: 1, repeat_after: '35m' });
    expect(brief(escalate(s, 'solo').steps)).toEqual(['1/0 2026-11-23T12:05:00Z [dan]', '1/1 2026-11-23T12:40:00Z [dan]']);

    const entry = log(s).find((e) => e.entity === 'policy:cli');
    expect(entry).toMatchObject({ action: 'add', actor: 'ann', at: '2026-11-23T12:00:00Z', old: null });
    expect(entry?.new).toMatchObject({ id: 'cli', levels: expected.levels });
  });

  test('policy edit --level replaces every level; with --effective, escalate before it uses the old levels', () => {
    const s = setup();
    const edit = ok(s.run(['policy', 'edit', 'main', '--level', 'schedule:steady', '--level', 'team:leads@5m', '--effective', '2026-11-24T00:00:00Z']));
    expect(edit.stdout).toContain('Changed escalation policy main.');
    expect(brief(escalate(s, 'main', '2026-11-23T23:59:00Z').steps)).toEqual([
      '1/0 2026-11-23T23:59:00Z [ben]',
      '2/0 2026-11-24T00:14:00Z [cat] skipped:[ben]',
      '3/0 2026-11-24T00:29:00Z [eve,fay]',
    ]);
    expect(brief(escalate(s, 'main', '2026-11-24T00:00:00Z').steps)).toEqual([
      '1/0 2026-11-24T00:00:00Z [dan]',
      '2/0 2026-11-24T00:05:00Z [eve,fay]',
    ]);
    expect(json(ok(s.run(['policy', 'show', 'main', '--json']))).levels).toEqual([
      { targets: ['schedule:steady'], after: '0m' },
      { targets: ['team:leads'], after: '5m' },
    ]);
    const entry = log(s).find((e) => e.entity === 'policy:main' && e.action === 'change');
    expect(entry?.old.levels).toHaveLength(3);
    expect(entry?.new.levels).toEqual([
      { targets: ['schedule:steady'], after: '0m' },
      { targets: ['team:leads'], after: '5m' },
    ]);

    // --repeat 0 drops the repeat (and the interval).
    ok(s.run(['policy', 'edit', 'slow', '--repeat', '0']));
    expect(json(ok(s.run(['policy', 'show', 'slow', '--json'])))).toMatchObject({ repeat: 0 });
    expect(escalate(s, 'slow').steps).toHaveLength(2);
    expect(parse(ok(s.run(['export', 'yaml'])).stdout).escalation_policies.find((p: any) => p.id === 'slow').repeat_after).toBeUndefined();
  });

  test('policy rm: gone from the list and from then on, still there before it', () => {
    const s = setup();
    expect(ok(s.run(['policy', 'rm', 'gappy', '--effective', '2026-11-25T00:00:00Z'])).stdout).toContain('Removed escalation policy gappy.');
    expect(json(ok(s.run(['policy', 'list', '--json']))).map((p: any) => p.id)).not.toContain('gappy');
    const before = s.run(['escalate', 'gappy', '--at', '2026-11-24T19:55:00Z', '--json']);
    expect(before.status, before.stderr).toBe(0);
    expect(json<Chain>(before).steps).toHaveLength(3);
    const after = s.run(['escalate', 'gappy', '--at', '2026-11-25T00:00:00Z']);
    expect(after.status).toBe(2);
    expect(after.stderr).toMatch(/^oncall: .*"gappy"/);
    expect(log(s).find((e) => e.entity === 'policy:gappy' && e.action === 'remove')).toBeDefined();
  });

  test('bad input: exit 2, one line, nothing changed', () => {
    const s = setup();
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'schedule:nope'], 'schedule "nope" is not a known schedule');
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'pager:ann'], 'target "pager:ann" must be schedule:<id>, person:<id> or team:<id>');
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'schedule:primary', '--level', 'person:ann'], 'needs a delay');
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'schedule:primary', '--level', 'person:ann@0m'], 'must be later than level 1');
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'schedule:primary', '--level', 'person:ann@20m', '--level', 'person:ben@10m'], 'must be later than level 2');
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'schedule:primary', '--level', 'person:ann,person:ann@10m'], '"person:ann" is listed twice');
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'schedule:primary', '--level', 'person:ann@15'], '"15" is not a delay');
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'schedule:primary', '--level', 'person:ann@15m', '--repeat', '1', '--repeat-after', '15m'],
      "repeat_after must be longer than the last level's delay (15m)");
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'schedule:primary', '--repeat', '10'], '--repeat "10" must be a whole number from 0 to 9');
    refused(s, ['policy', 'add', 'x', '--team', 'nope', '--level', 'schedule:primary'], 'team "nope" is not a known team');
    refused(s, ['policy', 'add', 'main', '--team', 'ops', '--level', 'schedule:primary'], 'escalation policy "main" already exists');
    for (const args of [['policy', 'show', 'nope'], ['policy', 'edit', 'nope', '--name', 'X'], ['policy', 'rm', 'nope']]) {
      refused(s, args, 'unknown escalation policy "nope"');
    }
    refused(s, ['policy', 'edit', 'main', '--name', 'X', '--effective', '2026-11-01T00:00:00Z'], 'history is never rewritten');
  });

  test('--repeat-after on a policy that does not repeat is refused, as repeat_after without repeat is in YAML', () => {
    const s = setup();
    // YAML: 'escalation policy "p-lonely": repeat_after needs "repeat"' (see the validation tests).
    refused(s, ['policy', 'add', 'x', '--team', 'ops', '--level', 'schedule:primary', '--level', 'person:ann@15m', '--repeat-after', '1h'], /repeat.?after/);
    refused(s, ['policy', 'edit', 'main', '--repeat-after', '2h'], /repeat.?after/);
  });
});
