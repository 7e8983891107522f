// History is never rewritten (SPEC §2): changes take effect at --effective (default now; a
// roster change by default at the layer's next handoff); before it every query shows what it
// showed before.
// payments-secondary/weekly (Mondays 09:00 Berlin from 2026-01-05) changes from
// [bob, carol, alice] to [bob, carol, alice, erin]: week 46 (23 Nov) is carol's, and the
// rotation continues from her in the new order: alice (30 Nov), erin (7 Dec), bob, carol, alice.

import fs from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, EXAMPLES, json, ok, session, writeYaml, type Session, type Shift } from './helpers.js';
import { log as logOf } from './manage-helpers.js';

afterAll(cleanup);

const ACME = fs.readFileSync(EXAMPLES.acme, 'utf8');
const WITH_ERIN = ACME.replace(/members: \[bob, carol, alice\].*/, 'members: [bob, carol, alice, erin]');

function acme(): Session {
  const s = session();
  ok(s.run(['apply', '-f', EXAMPLES.acme]));
  return s;
}

const secondary = (from: string, to: string) => ['shifts', '--schedule', 'payments-secondary', '--from', from, '--to', to, '--json'];
const log = (s: Session, env = {}) => logOf(s, [], env);
const whoAt = (s: Session, at: string, env = {}) =>
  json(ok(s.run(['who', '--schedule', 'payments-secondary', '--at', at, '--json'], env)))[0];

describe('apply --effective', () => {
  test('shifts before the effective instant are unchanged, after it the new members rotate', () => {
    expect(WITH_ERIN).not.toBe(ACME);
    const s = acme();
    const past = secondary('2026-10-01', '2026-11-30T09:00');
    const before = ok(s.run(past)).stdout;
    const plan = ok(s.run(['apply', '-f', writeYaml(WITH_ERIN), '--effective', '2026-11-30T09:00']));
    expect(plan.stdout).toMatch(/payments-secondary\/weekly.*erin/);
    expect(plan.stdout).toMatch(/Mon 30 Nov 09:00/);
    expect(ok(s.run(past)).stdout).toBe(before);

    expect(whoAt(s, '2026-11-23T13:00')).toMatchObject({ person: 'carol', next: { person: 'alice', start: '2026-11-30T08:00:00Z' } });
    expect(whoAt(s, '2026-12-01T12:00')).toMatchObject({ person: 'alice', start: '2026-11-30T08:00:00Z', end: '2026-12-07T08:00:00Z' });
    // The rotation keeps its position, not `members[week mod 4]` (which would give erin on 30 Nov).
    expect(whoAt(s, '2026-12-08T12:00')).toMatchObject({ person: 'erin' });
    expect(whoAt(s, '2026-12-22T12:00')).toMatchObject({ person: 'carol' });
    expect(whoAt(s, '2026-12-29T12:00')).toMatchObject({ person: 'alice' });
  });

  test('by default a roster change waits for the next handoff: the turn in progress is not split', () => {
    const s = acme();
    const later = { ONCALL_NOW: '2026-11-25T12:00:00Z' };
    const past = secondary('2026-11-01', '2026-11-30T08:00');
    const before = ok(s.run(past, later)).stdout;
    const plan = ok(s.run(['apply', '-f', writeYaml(WITH_ERIN)], later));
    expect(plan.stdout).toMatch(/Mon 30 Nov 09:00/);
    expect(ok(s.run(past, later)).stdout).toBe(before);
    const week = json<Shift[]>(ok(s.run(secondary('2026-11-23', '2026-12-15'), later)));
    expect(week.map((x) => `${x.start} ${x.person}`)).toEqual([
      '2026-11-22T23:00:00Z bob',
      '2026-11-23T08:00:00Z carol', // carol finishes her week
      '2026-11-30T08:00:00Z alice', // then the new list's order goes on from her
      '2026-12-07T08:00:00Z erin',
      '2026-12-14T08:00:00Z bob',
    ]);
    expect(log(s, later)[0]).toMatchObject({ entity: 'layer:payments-secondary/weekly', effective: '2026-11-30T08:00:00Z' });
  });

  test('--effective now starts the change at once; whoever stays on the list keeps the turn in progress', () => {
    const s = acme();
    const later = { ONCALL_NOW: '2026-11-25T12:00:00Z' };
    // Dropping carol mid-week: the next one after her in the old order who stays (alice) takes over now.
    const without = ACME.replace(/members: \[bob, carol, alice\].*/, 'members: [alice, bob]');
    ok(s.run(['apply', '-f', writeYaml(without), '--effective', 'now'], later));
    const week = json<Shift[]>(ok(s.run(secondary('2026-11-23', '2026-12-15'), later)));
    expect(week.map((x) => `${x.start} ${x.person}`)).toEqual([
      '2026-11-22T23:00:00Z bob',
      '2026-11-23T08:00:00Z carol',
      '2026-11-25T12:00:00Z alice',
      '2026-11-30T08:00:00Z bob',
      '2026-12-07T08:00:00Z alice',
      '2026-12-14T08:00:00Z bob',
    ]);
    expect(log(s, later)[0]).toMatchObject({ effective: '2026-11-25T12:00:00Z' });
  });

  test('re-applying the changed file afterwards says "No changes."', () => {
    const s = acme();
    const file = writeYaml(WITH_ERIN);
    ok(s.run(['apply', '-f', file, '--effective', '2026-11-30T09:00']));
    expect(ok(s.run(['apply', '-f', file])).stdout.trim()).toBe('No changes.');
    // The export writes the rotation as it now runs: erin has week 0 of the grid (from
    // 5 Jan), so that an empty database given the export hands out the same turns.
    const exported = ok(s.run(['export', 'yaml'])).stdout;
    expect(exported).toMatch(/erin, bob, carol, alice/);
    expect(ok(s.run(['apply', '-f', writeYaml(exported)])).stdout.trim()).toBe('No changes.');
  });

  test('--effective in the past is refused with exit 2 and changes nothing', () => {
    const s = acme();
    const exported = ok(s.run(['export', 'yaml'])).stdout;
    const r = s.run(['apply', '-f', writeYaml(WITH_ERIN), '--effective', '2026-11-01T09:00']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/past/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(ok(s.run(['export', 'yaml'])).stdout).toBe(exported);
  });

  test('an unparsable --effective is refused with exit 2', () => {
    const s = acme();
    const r = s.run(['apply', '-f', writeYaml(WITH_ERIN), '--effective', 'blorp']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--effective "blorp"/);
  });
});

describe('changes to overrides and deletions keep the past', () => {
  test('removing an override ends it at the effective instant, not before', () => {
    // At Fri 25 Dec 12:00Z the Christmas override (dave for carol) is in progress.
    const xmas = { ONCALL_NOW: '2026-12-25T20:00:00Z' };
    const s = session(xmas);
    ok(s.run(['apply', '-f', EXAMPLES.acme], { ONCALL_NOW: '2026-11-23T12:00:00Z' }));
    const window = ['shifts', '--schedule', 'payments-primary', '--from', '2026-12-23', '--to', '2026-12-25T21:00', '--json'];
    const before = ok(s.run(window)).stdout;
    const without = ACME.replace(/    overrides:\n      - person: dave[\s\S]*?reason: Christmas swap.*\n/, '');
    expect(without).not.toContain('Christmas swap');
    const plan = ok(s.run(['apply', '-f', writeYaml(without)]));
    expect(plan.stdout).toMatch(/- override on payments-primary: dave/);
    expect(ok(s.run(window)).stdout).toBe(before);
    expect(json(ok(s.run(['who', '--schedule', 'payments-primary', '--json'])))[0]).toMatchObject({
      person: 'carol',
      start: '2026-12-25T20:00:00Z',
    });
  });

  test('adding an override whose window began in the past does not change the past', () => {
    const s = acme();
    const past = secondary('2026-11-20', '2026-11-23T13:00');
    const before = ok(s.run(past)).stdout;
    const withOverride = ACME.replace(
      /(members: \[bob, carol, alice\].*\n)/,
      '$1    overrides:\n      - person: erin\n        from: 2026-11-20T00:00\n        to: 2026-11-25T00:00\n',
    );
    expect(withOverride).toContain('person: erin');
    ok(s.run(['apply', '-f', writeYaml(withOverride)]));
    expect(ok(s.run(past)).stdout).toBe(before);
    expect(whoAt(s, '2026-11-24T12:00')).toMatchObject({ person: 'erin', source: 'override' });
  });

  test('a deleted schedule still answers for the time before its deletion', () => {
    const s = acme();
    const window = ['shifts', '--schedule', 'payments-primary', '--from', '2026-11-16', '--days', '7', '--json'];
    const before = json(ok(s.run(window)));
    const later = { ONCALL_NOW: '2026-12-01T12:00:00Z' };
    ok(s.run(['apply', '-f', EXAMPLES.weekend, '--prune'], later));
    expect(json(ok(s.run(['who', '--json'], later))).map((e: any) => e.schedule)).toEqual(['storefront']);
    const after = s.run(window, later);
    expect(after.stderr).toBe('');
    expect(json(after)).toEqual(before);
  });
});
