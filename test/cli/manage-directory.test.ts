// People and teams from the command line (README "Changing things from the command line"):
// add, edit, list, show, rm, with --json; refusals leave the database as it was; `person rm`
// is refused while something refers to the person, and `--force` keeps their past.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, json, NOW, ok, type Session } from './helpers.js';
import { acme, brief, exported, fresh, log, refused, shifts } from './manage-helpers.js';

afterAll(cleanup);

describe('person and team commands', () => {
  test('add, edit, list and show people and teams; export yaml shows them', () => {
    const s = fresh();
    const added = ok(s.run(['person', 'add', 'erin', '--name', 'Erin Example', '--email', 'erin@example.com', '--tz', 'America/New_York']));
    expect(added.stdout.trim()).toBe('Added person erin.');
    ok(s.run(['person', 'add', 'alice', '--name', 'Alice Liddell', '--tz', 'Europe/Berlin']));
    ok(s.run(['person', 'add', 'bob']));
    expect(ok(s.run(['person', 'edit', 'erin', '--color', '#61afef'])).stdout.trim()).toBe('Changed person erin.');

    expect(json(ok(s.run(['person', 'list', '--json'])))).toEqual([
      { id: 'alice', name: 'Alice Liddell', timezone: 'Europe/Berlin' },
      { id: 'bob', name: 'bob' },
      { id: 'erin', name: 'Erin Example', email: 'erin@example.com', timezone: 'America/New_York', color: '#61afef' },
    ]);

    expect(ok(s.run(['team', 'add', 'infra', '--name', 'Infrastructure', '--members', 'alice,erin'])).stdout.trim()).toBe('Added team infra.');
    expect(json(ok(s.run(['team', 'list', '--json'])))).toEqual([{ id: 'infra', name: 'Infrastructure', members: ['alice', 'erin'] }]);

    ok(s.run(['team', 'edit', 'infra', '--add', 'bob']));
    expect(json(ok(s.run(['team', 'show', 'infra', '--json']))).members).toEqual(['alice', 'erin', 'bob']);
    ok(s.run(['team', 'edit', 'infra', '--remove', 'alice']));
    expect(json(ok(s.run(['team', 'show', 'infra', '--json']))).members).toEqual(['erin', 'bob']);
    ok(s.run(['team', 'edit', 'infra', '--members', 'alice,bob', '--name', 'Infra']));
    expect(json(ok(s.run(['team', 'show', 'infra', '--json'])))).toEqual({ id: 'infra', name: 'Infra', members: ['alice', 'bob'], schedules: [] });

    expect(json(ok(s.run(['person', 'show', 'bob', '--json'])))).toEqual({ id: 'bob', name: 'bob', teams: ['infra'], layers: [] });
    expect(json(ok(s.run(['person', 'show', 'erin', '--json'])))).toMatchObject({ id: 'erin', color: '#61afef', teams: [], layers: [] });

    const list = ok(s.run(['person', 'list'])).stdout;
    expect(list).toMatch(/^ID\s+NAME\s+EMAIL\s+ZONE/);
    expect(list).toMatch(/erin\s+Erin Example\s+erin@example\.com\s+America\/New_York/);
    const show = ok(s.run(['person', 'show', 'bob'])).stdout;
    expect(show).toMatch(/teams:\s+infra/);
    expect(ok(s.run(['team', 'show', 'infra'])).stdout).toMatch(/members:\s+alice, bob/);
    expect(ok(s.run(['team', 'list'])).stdout).toMatch(/infra\s+Infra\s+alice, bob/);

    const yaml = exported(s);
    expect(yaml.people).toContainEqual({ id: 'erin', name: 'Erin Example', email: 'erin@example.com', timezone: 'America/New_York', color: '#61afef' });
    expect(yaml.teams).toEqual([{ id: 'infra', name: 'Infra', members: ['alice', 'bob'] }]);
  });

  test('every change is in the audit log with the actor, and a repeated edit says "No changes."', () => {
    const s = fresh();
    ok(s.run(['person', 'add', 'erin', '--name', 'Erin']));
    ok(s.run(['person', 'edit', 'erin', '--name', 'Erin Example'], { ONCALL_NOW: '2026-11-24T12:00:00Z' }));
    expect(ok(s.run(['person', 'edit', 'erin', '--name', 'Erin Example'])).stdout.trim()).toBe('No changes.');
    expect(log(s)).toEqual([
      { at: '2026-11-24T12:00:00Z', actor: 'lead', entity: 'person:erin', action: 'change', old: { id: 'erin', name: 'Erin' }, new: { id: 'erin', name: 'Erin Example' }, effective: '2026-11-24T12:00:00Z' },
      { at: NOW, actor: 'lead', entity: 'person:erin', action: 'add', old: null, new: { id: 'erin', name: 'Erin' }, effective: NOW },
    ]);
  });

  test('removing an unreferenced person and an empty team works; afterwards they are unknown', () => {
    const s = acme();
    ok(s.run(['person', 'add', 'zoe']));
    ok(s.run(['team', 'add', 'spare', '--members', 'zoe']));
    refused(s, ['person', 'rm', 'zoe'], /"zoe" is still in team spare/);
    ok(s.run(['team', 'edit', 'spare', '--remove', 'zoe']));
    expect(ok(s.run(['person', 'rm', 'zoe'])).stdout.trim()).toBe('Removed person zoe.');
    expect(ok(s.run(['team', 'rm', 'spare'])).stdout.trim()).toBe('Removed team spare.');
    refused(s, ['person', 'show', 'zoe'], 'unknown person "zoe"');
    refused(s, ['team', 'show', 'spare'], 'unknown team "spare"');
    expect(json<{ id: string }[]>(ok(s.run(['person', 'list', '--json']))).map((p) => p.id)).not.toContain('zoe');
    expect(log(s).slice(0, 2).map((e) => `${e.action} ${e.entity}`)).toEqual(['remove team:spare', 'remove person:zoe']);
  });
});

describe('bad input: exit 2, one line on stderr, nothing changed', () => {
  let s: Session;
  beforeAll(() => {
    s = acme();
  });

  test('unknown person and team ids', () => {
    for (const args of [['person', 'show', 'zed'], ['person', 'edit', 'zed', '--name', 'Z'], ['person', 'rm', 'zed']]) {
      refused(s, args, 'unknown person "zed"');
    }
    for (const args of [['team', 'show', 'nope'], ['team', 'edit', 'nope', '--add', 'alice'], ['team', 'rm', 'nope']]) {
      refused(s, args, 'unknown team "nope"');
    }
    refused(s, ['team', 'add', 'ops', '--members', 'alice,nobody'], 'member "nobody" is not a known person');
    refused(s, ['team', 'edit', 'payments', '--add', 'nobody'], 'member "nobody" is not a known person');
  });

  test('duplicate ids on add', () => {
    refused(s, ['person', 'add', 'alice', '--name', 'Another Alice'], 'person "alice" already exists');
    refused(s, ['team', 'add', 'payments'], 'team "payments" already exists');
  });

  test('invalid zone, id and colour', () => {
    refused(s, ['person', 'add', 'zed', '--tz', 'CET'], 'time zone "CET" is not an IANA zone name');
    refused(s, ['person', 'edit', 'alice', '--tz', 'CET'], 'time zone "CET" is not an IANA zone name');
    refused(s, ['person', 'add', 'Zed'], 'person id "Zed" must be lowercase');
    refused(s, ['person', 'add', 'zed', '--color', 'red'], 'color "red" must be a hex colour');
  });

  test('a team with schedules cannot be removed', () => {
    refused(s, ['team', 'rm', 'platform'], 'team "platform" still has schedules platform-primary');
    refused(s, ['team', 'rm', 'payments'], /still has schedules payments-primary, payments-secondary/);
  });
});

describe('person rm', () => {
  test('is refused while the person is in a team, a layer or an override, listing each', () => {
    const s = acme();
    const r = refused(s, ['person', 'rm', 'carol'], /--force/);
    for (const ref of ['team payments', 'layer payments-primary/weekly', 'layer payments-secondary/weekly', '1 override on payments-primary']) {
      expect(r.stderr).toContain(ref);
    }
    const dave = refused(s, ['person', 'rm', 'dave'], 'layer payments-primary/business-hours');
    expect(dave.stderr).toContain('1 override on payments-primary');
  });

  test('is refused for a person who is only in a future override', () => {
    const s = acme();
    ok(s.run(['person', 'add', 'zoe']));
    ok(s.run(['override', 'add', '--schedule', 'platform-primary', '--person', 'zoe', '--from', '2026-12-22T00:00:00Z', '--to', '2026-12-25T00:00:00Z']));
    refused(s, ['person', 'rm', 'zoe'], /"zoe" is still in 1 override on platform-primary/);
  });

  test('--force takes them out of future rotations from now on; past shifts still show them', () => {
    const s = acme();
    const past = shifts(s, 'platform-primary', '2026-11-01T00:00:00Z', NOW);
    expect(past.map((x) => x.person)).toContain('grace');
    expect(shifts(s, 'platform-primary', NOW, '2027-01-31T00:00:00Z').map((x) => x.person)).toContain('grace');

    const r = ok(s.run(['person', 'rm', 'grace', '--force']));
    expect(r.stdout).toContain('Removed person grace');
    expect(r.stdout).toContain('team platform');
    expect(r.stdout).toContain('layer platform-primary/weekly');

    expect(shifts(s, 'platform-primary', '2026-11-01T00:00:00Z', NOW)).toEqual(past);
    expect(json(ok(s.run(['who', '--schedule', 'platform-primary', '--at', '2026-11-10T00:00:00Z', '--json'])))[0]).toMatchObject({ person: 'grace' });
    const future = shifts(s, 'platform-primary', NOW, '2027-01-31T00:00:00Z');
    expect(future.map((x) => x.person)).not.toContain('grace');
    expect(future.some((x) => x.person === null)).toBe(false);
    // The rotation keeps its position: frank, on call this week, finishes it; heidi follows
    // (re-counting [frank, heidi] from the layer's start would have handed frank's week to heidi).
    expect(brief(future.slice(0, 3))).toEqual([
      '2026-11-23T12:00:00Z 2026-11-24T15:00:00Z frank layer:weekly',
      '2026-11-24T15:00:00Z 2026-12-01T15:00:00Z heidi layer:weekly',
      '2026-12-01T15:00:00Z 2026-12-08T15:00:00Z frank layer:weekly',
    ]);

    const yaml = exported(s);
    expect(yaml.people.map((p: { id: string }) => p.id)).not.toContain('grace');
    expect(yaml.teams.find((t: { id: string }) => t.id === 'platform').members).toEqual(['frank', 'heidi']);
    // Written as the rotation now runs, from week 0 of its grid (6 Jan): frank has the odd weeks.
    expect(yaml.schedules.find((x: { id: string }) => x.id === 'platform-primary').layers[0].members).toEqual(['heidi', 'frank']);
    refused(s, ['person', 'show', 'grace'], 'unknown person "grace"');
    expect(log(s, ['--entity', 'person:grace']).map((e) => e.action)).toEqual(['remove', 'add']);
  });

  test('--force ends an override in progress now (its past stays) and drops future ones', () => {
    const s = acme({ ONCALL_NOW: '2026-11-20T12:00:00Z' });
    const then = { ONCALL_NOW: '2026-11-20T12:00:00Z' };
    ok(s.run(['person', 'add', 'zoe'], then));
    ok(s.run(['override', 'add', '--schedule', 'platform-primary', '--person', 'zoe', '--from', '2026-11-22T00:00:00Z', '--to', '2026-11-25T00:00:00Z'], then));
    ok(s.run(['override', 'add', '--schedule', 'platform-primary', '--person', 'zoe', '--from', '2026-12-22T00:00:00Z', '--to', '2026-12-25T00:00:00Z'], then));

    expect(ok(s.run(['person', 'rm', 'zoe', '--force'])).stdout).toContain('2 overrides on platform-primary');
    expect(brief(shifts(s, 'platform-primary', '2026-11-21T00:00:00Z', '2026-11-26T00:00:00Z'))).toEqual([
      '2026-11-21T00:00:00Z 2026-11-22T00:00:00Z frank layer:weekly',
      '2026-11-22T00:00:00Z 2026-11-23T12:00:00Z zoe override',
      '2026-11-23T12:00:00Z 2026-11-24T15:00:00Z frank layer:weekly',
      '2026-11-24T15:00:00Z 2026-11-26T00:00:00Z grace layer:weekly',
    ]);
    expect(shifts(s, 'platform-primary', '2026-12-21T00:00:00Z', '2026-12-26T00:00:00Z').map((x) => x.person)).not.toContain('zoe');
  });

  test('--force is refused when a layer would be left without members', () => {
    const s = fresh();
    ok(s.run(['person', 'add', 'solo']));
    ok(s.run(['team', 'add', 'ops', '--members', 'solo']));
    ok(s.run(['schedule', 'add', 'ops-primary', '--team', 'ops', '--tz', 'America/New_York']));
    ok(s.run(['layer', 'add', 'ops-primary', 'weekly', '--start', '2026-12-07 09:00', '--shift', '1w', '--members', 'solo']));
    refused(s, ['person', 'rm', 'solo', '--force'], 'layer ops-primary/weekly would have no members left');
  });
});
