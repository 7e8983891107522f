// Command-line changes and `apply` are the same kind of change: history is kept (--effective),
// `export yaml` reflects them and re-applies to "No changes.", and both write the audit log.
// payments-secondary/weekly (Mondays 09:00 Berlin = 08:00Z from 2026-01-05) is
// [bob, carol, alice]: week 46 (23 Nov) carol, 47 alice, 48 bob, 49 carol, 50 alice.
// With erin added (4 members) from week 47 on: 47 erin, 48 bob, 49 carol, 50 alice.

import fs from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, EXAMPLES, json, NOW, ok, writeYaml } from './helpers.js';
import { acme, brief, exported, log, shifts, snapshot } from './manage-helpers.js';

afterAll(cleanup);

const ACME = fs.readFileSync(EXAMPLES.acme, 'utf8');
const secondaryWeeks = (s: ReturnType<typeof acme>) =>
  shifts(s, 'payments-secondary', '2026-11-23T08:00:00Z', '2026-12-28T08:00:00Z').map((x) => `${x.start} ${x.person}`);

describe('layer edit --effective', () => {
  test('shifts before T are unchanged, from T the rotation goes on from the person on call in the new order', () => {
    const s = acme();
    const past = () => shifts(s, 'payments-secondary', '2026-10-01T00:00:00Z', '2026-11-30T08:00:00Z');
    const before = past();
    expect(secondaryWeeks(s)).toEqual([
      '2026-11-23T08:00:00Z carol', '2026-11-30T08:00:00Z alice', '2026-12-07T08:00:00Z bob', '2026-12-14T08:00:00Z carol', '2026-12-21T08:00:00Z alice',
    ]);

    const r = ok(s.run(['layer', 'edit', 'payments-secondary', 'weekly', '--members', 'bob,carol,alice,erin', '--effective', '2026-11-30T08:00:00Z']));
    expect(r.stdout.trim()).toBe('Changed layer payments-secondary/weekly.');
    expect(past()).toEqual(before);
    // carol's week ends at T; after her in [bob, carol, alice, erin] come alice, erin, bob, carol.
    expect(secondaryWeeks(s)).toEqual([
      '2026-11-23T08:00:00Z carol', '2026-11-30T08:00:00Z alice', '2026-12-07T08:00:00Z erin', '2026-12-14T08:00:00Z bob', '2026-12-21T08:00:00Z carol',
    ]);
    expect(json(ok(s.run(['who', '--schedule', 'payments-secondary', '--json'])))[0]).toMatchObject({
      person: 'carol', next: { person: 'alice', start: '2026-11-30T08:00:00Z' },
    });

    // The export spells the rotation out as it now runs: erin has week 0 of the grid.
    const layer = exported(s).schedules.find((x: { id: string }) => x.id === 'payments-secondary').layers[0];
    expect(layer).toEqual({ id: 'weekly', start: '2026-01-05T09:00', shift: '1w', members: ['erin', 'bob', 'carol', 'alice'] });
    const file = writeYaml(ok(s.run(['export', 'yaml'])).stdout, 'exported.yaml');
    expect(ok(s.run(['apply', '-f', file])).stdout.trim()).toBe('No changes.');
    expect(past()).toEqual(before);
  });

  test('--effective in plain English is read in the viewer zone ("next monday 03:00" in New York = 08:00Z)', () => {
    const s = acme();
    ok(s.run(['layer', 'edit', 'payments-secondary', 'weekly', '--members', 'bob,carol,alice,erin', '--effective', 'next monday 03:00']));
    expect(secondaryWeeks(s).slice(0, 3)).toEqual(['2026-11-23T08:00:00Z carol', '2026-11-30T08:00:00Z alice', '2026-12-07T08:00:00Z erin']);
  });

  test('a later change replaces a change planned for later', () => {
    const s = acme();
    ok(s.run(['layer', 'edit', 'payments-secondary', 'weekly', '--members', 'bob,carol,alice,erin', '--effective', '2026-12-14T08:00:00Z']));
    ok(s.run(['layer', 'edit', 'payments-secondary', 'weekly', '--members', 'bob,carol', '--effective', '2026-11-30T08:00:00Z']));
    // [bob, carol] from 30 Nov on, after carol's week: bob, carol, bob, carol; erin never comes.
    expect(secondaryWeeks(s)).toEqual([
      '2026-11-23T08:00:00Z carol', '2026-11-30T08:00:00Z bob', '2026-12-07T08:00:00Z carol', '2026-12-14T08:00:00Z bob', '2026-12-21T08:00:00Z carol',
    ]);
  });
});

describe('the audit log', () => {
  test('entries from apply and from commands: actor, entity, action, old and new; newest first; filters', () => {
    const s = acme({ ONCALL_USER: 'ci' });
    const day = (d: number) => ({ ONCALL_NOW: `2026-11-${d}T12:00:00Z` });
    ok(s.run(['person', 'edit', 'bob', '--name', 'Bobby'], day(24)));
    ok(s.run(['apply', '-f', writeYaml(ACME.replace('        members: [frank, grace, heidi]', '        members: [frank, heidi, grace]'))], { ...day(26), ONCALL_USER: 'ci-bot' }));
    ok(s.run(['override', 'add', '--schedule', 'platform-primary', '--person', 'frank', '--from', '2026-12-03T00:00:00Z', '--to', '2026-12-04T00:00:00Z', '--as', 'manager'], day(27)));

    const all = log(s, [], day(27));
    const ats = all.map((e) => Date.parse(e.at));
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);
    expect(all[0]).toMatchObject({ at: '2026-11-27T12:00:00Z', actor: 'manager', entity: 'override:platform-primary', action: 'add', old: null });
    expect(all[0].new).toMatchObject({ person: 'frank' });
    expect(all).toContainEqual({
      at: '2026-11-26T12:00:00Z', actor: 'ci-bot', entity: 'layer:platform-primary/weekly', action: 'change',
      old: { id: 'weekly', start: '2026-01-06T10:00', shift: '1w', members: ['frank', 'grace', 'heidi'] },
      new: { id: 'weekly', start: '2026-01-06T10:00', shift: '1w', members: ['frank', 'heidi', 'grace'] },
      // A roster change waits for the layer's next handoff: Tuesday 10:00 in New York.
      effective: '2026-12-01T15:00:00Z',
    });
    // The file still says "Bob Marley": apply changes bob back, and says so in the log.
    expect(log(s, ['--entity', 'person:bob'], day(27)).map((e) => [e.at, e.actor, e.action, e.old?.name ?? null, e.new?.name ?? null])).toEqual([
      ['2026-11-26T12:00:00Z', 'ci-bot', 'change', 'Bobby', 'Bob Marley'],
      ['2026-11-24T12:00:00Z', 'lead', 'change', 'Bob Marley', 'Bobby'],
      [NOW, 'ci', 'add', null, 'Bob Marley'],
    ]);
    expect(all.filter((e) => e.at === NOW).every((e) => e.actor === 'ci' && e.action === 'add')).toBe(true);

    const recent = log(s, ['--since', '1d'], day(27));
    expect(recent.length).toBeGreaterThan(1);
    expect(recent.every((e) => e.at >= '2026-11-26T12:00:00Z')).toBe(true);
    expect(recent.map((e) => e.actor)).toEqual(expect.arrayContaining(['manager', 'ci-bot']));
    expect(recent.map((e) => e.actor)).not.toContain('lead');

    const platform = log(s, ['--entity', 'schedule:platform-primary'], day(27));
    expect(platform.map((e) => `${e.actor} ${e.action} ${e.entity}`)).toEqual([
      'manager add override:platform-primary',
      'ci-bot change layer:platform-primary/weekly',
      'ci add override:platform-primary',
      'ci add layer:platform-primary/weekly',
      'ci add schedule:platform-primary',
    ]);

    const text = ok(s.run(['log', '--since', '1d'], day(27))).stdout;
    expect(text.split('\n')[0]).toMatch(/manager\s+add override:platform-primary/);
    expect(text).toMatch(/ci-bot\s+change layer:platform-primary\/weekly  takes effect Tue 1 Dec 10:00\n\s+members: \["frank","grace","heidi"\] → \["frank","heidi","grace"\]/);
  });

  test('the actor is --as, else ONCALL_USER, else $USER', () => {
    const s = acme();
    ok(s.run(['person', 'add', 'p1', '--as', 'someone-else']));
    ok(s.run(['person', 'add', 'p2']));
    ok(s.run(['person', 'add', 'p3'], { ONCALL_USER: undefined, USER: 'unix-user' }));
    const actors = Object.fromEntries(log(s).filter((e) => /^person:p\d$/.test(e.entity)).map((e) => [e.entity, e.actor]));
    expect(actors).toEqual({ 'person:p1': 'someone-else', 'person:p2': 'lead', 'person:p3': 'unix-user' });
  });

  test('the log cannot be changed through the CLI, and removals keep earlier entries', () => {
    const s = acme();
    ok(s.run(['person', 'add', 'zoe']));
    ok(s.run(['person', 'rm', 'zoe']));
    expect(log(s, ['--entity', 'person:zoe']).map((e) => e.action)).toEqual(['remove', 'add']);
    const before = snapshot(s);
    for (const args of [['log', 'clear'], ['log', '--clear'], ['log', 'rm', '1']]) expect(s.run(args).status).toBe(2);
    expect(snapshot(s)).toBe(before);
  });

  test('JSON carries UTC ISO-8601 instants (SPEC §1): override windows in log --json', () => {
    const s = acme();
    ok(s.run(['override', 'add', '--schedule', 'platform-primary', '--person', 'frank', '--from', '2026-12-03T00:00:00Z', '--to', '2026-12-04T00:00:00Z']));
    const entry = log(s).find((e) => e.entity === 'override:platform-primary' && e.new?.person === 'frank')!;
    expect(entry.new).toMatchObject({ from: '2026-12-03T00:00:00Z', to: '2026-12-04T00:00:00Z' });
  });

  test('JSON carries UTC ISO-8601 instants (SPEC §1): overrides in schedule show --json', () => {
    const s = acme();
    const shown = json(ok(s.run(['schedule', 'show', 'platform-primary', '--json'])));
    expect(shown.overrides).toEqual([
      { person: 'heidi', from: '2026-12-31T23:00:00Z', to: '2027-01-01T15:00:00Z', reason: "New Year's Eve cover" },
    ]);
  });
});

describe('layer and schedule disable/enable', () => {
  const window = (s: ReturnType<typeof acme>) => brief(shifts(s, 'payments-primary', '2026-11-30T00:00:00Z', '2026-12-02T00:00:00Z'));

  test('a disabled layer covers nothing from --effective on: the layer below shows through; enable restores it', () => {
    const s = acme();
    expect(window(s)).toEqual([
      '2026-11-30T00:00:00Z 2026-11-30T08:00:00Z bob layer:weekly',
      '2026-11-30T08:00:00Z 2026-11-30T16:00:00Z erin layer:business-hours',
      '2026-11-30T16:00:00Z 2026-12-01T08:00:00Z carol layer:weekly',
      '2026-12-01T08:00:00Z 2026-12-01T16:00:00Z dave layer:business-hours',
      '2026-12-01T16:00:00Z 2026-12-02T00:00:00Z carol layer:weekly',
    ]);
    const r = ok(s.run(['layer', 'disable', 'payments-primary', 'business-hours', '--effective', '2026-12-01T00:00:00Z']));
    expect(r.stdout.trim()).toBe('Disabled layer payments-primary/business-hours.');
    expect(window(s)).toEqual([
      '2026-11-30T00:00:00Z 2026-11-30T08:00:00Z bob layer:weekly',
      '2026-11-30T08:00:00Z 2026-11-30T16:00:00Z erin layer:business-hours',
      '2026-11-30T16:00:00Z 2026-12-02T00:00:00Z carol layer:weekly',
    ]);
    const layer = exported(s).schedules.find((x: { id: string }) => x.id === 'payments-primary').layers[1];
    expect(layer).toMatchObject({ id: 'business-hours', members: ['dave', 'erin'], disabled: true });
    // Disabled from 1 Dec on, not yet (now is 23 Nov): show says so (issue 14 item 6).
    const shown = json(ok(s.run(['layer', 'show', 'payments-primary', 'business-hours', '--json'])));
    expect(shown).toMatchObject({ members: ['dave', 'erin'], pending: [{ effective: '2026-12-01T00:00:00Z', disabled: true, members: ['dave', 'erin'] }] });
    expect(shown.disabled).toBeUndefined();
    expect(ok(s.run(['layer', 'list', 'payments-primary'])).stdout).toContain('business-hours (disabled)');
    expect(ok(s.run(['apply', '-f', writeYaml(ok(s.run(['export', 'yaml'])).stdout)])).stdout.trim()).toBe('No changes.');

    ok(s.run(['layer', 'enable', 'payments-primary', 'business-hours', '--effective', '2026-12-01T12:00:00Z']));
    expect(window(s)).toEqual([
      '2026-11-30T00:00:00Z 2026-11-30T08:00:00Z bob layer:weekly',
      '2026-11-30T08:00:00Z 2026-11-30T16:00:00Z erin layer:business-hours',
      '2026-11-30T16:00:00Z 2026-12-01T12:00:00Z carol layer:weekly',
      '2026-12-01T12:00:00Z 2026-12-01T16:00:00Z dave layer:business-hours',
      '2026-12-01T16:00:00Z 2026-12-02T00:00:00Z carol layer:weekly',
    ]);
    expect(exported(s).schedules.find((x: { id: string }) => x.id === 'payments-primary').layers[1].disabled).toBeUndefined();
  });

  test('disabling the only layer leaves a gap from now on; who shows nobody', () => {
    const s = acme();
    ok(s.run(['layer', 'disable', 'platform-primary', 'weekly']));
    expect(brief(shifts(s, 'platform-primary', '2026-11-23T00:00:00Z', '2026-11-25T00:00:00Z'))).toEqual([
      '2026-11-23T00:00:00Z 2026-11-23T12:00:00Z frank layer:weekly',
      '2026-11-23T12:00:00Z 2026-11-25T00:00:00Z null null',
    ]);
    expect(json(ok(s.run(['who', '--schedule', 'platform-primary', '--json'])))[0]).toMatchObject({ person: null, source: null });
    ok(s.run(['layer', 'enable', 'platform-primary', 'weekly', '--effective', '2026-11-24T00:00:00Z']));
    expect(brief(shifts(s, 'platform-primary', '2026-11-23T00:00:00Z', '2026-11-25T00:00:00Z'))).toEqual([
      '2026-11-23T00:00:00Z 2026-11-23T12:00:00Z frank layer:weekly',
      '2026-11-23T12:00:00Z 2026-11-24T00:00:00Z null null',
      '2026-11-24T00:00:00Z 2026-11-24T15:00:00Z frank layer:weekly',
      '2026-11-24T15:00:00Z 2026-11-25T00:00:00Z grace layer:weekly',
    ]);
  });

  test('schedule disable/enable (SPEC §4: "a disabled schedule … covers nothing")', () => {
    const s = acme();
    const r = s.run(['schedule', 'disable', 'platform-primary', '--effective', '2026-11-24T00:00:00Z']);
    expect(r.status, r.stderr).toBe(0);
    expect(brief(shifts(s, 'platform-primary', '2026-11-23T12:00:00Z', '2026-11-25T00:00:00Z'))).toEqual([
      '2026-11-23T12:00:00Z 2026-11-24T00:00:00Z frank layer:weekly',
      '2026-11-24T00:00:00Z 2026-11-25T00:00:00Z null null',
    ]);
    ok(s.run(['schedule', 'enable', 'platform-primary', '--effective', '2026-11-24T12:00:00Z']));
    expect(shifts(s, 'platform-primary', '2026-11-24T12:00:00Z', '2026-11-25T00:00:00Z').map((x) => x.person)).toEqual(['frank', 'grace']);
  });
});
