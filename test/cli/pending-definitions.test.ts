// Issue 14, item 6: history you can read. `log` says when each change takes effect, and
// `schedule show` / `layer show` show the definition in force now with any later one planned,
// each with its effective instant. Sessions: now Mon 2026-11-23 12:00Z, viewer in New York
// (12:00Z = 07:00 there). payments-secondary/weekly is [bob, carol, alice], weekly.

import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import { cleanup, EXAMPLES, execDb, json, ok, onPostgres, ROOT, tempDir, writeYaml } from './helpers.js';
import { acme, log, refused, sessionAt } from './manage-helpers.js';

afterAll(cleanup);

const ACME = fs.readFileSync(EXAMPLES.acme, 'utf8');
const LATER = { ONCALL_NOW: '2026-12-01T00:00:00Z' };
const edit = (s: ReturnType<typeof acme>, members: string, effective: string) =>
  ok(s.run(['layer', 'edit', 'payments-secondary', 'weekly', '--members', members, '--effective', effective]));
const layerShow = (s: ReturnType<typeof acme>, env = {}) => json(ok(s.run(['layer', 'show', 'payments-secondary', 'weekly', '--json'], env)));
const scheduleShow = (s: ReturnType<typeof acme>, env = {}) => json(ok(s.run(['schedule', 'show', 'payments-secondary', '--json'], env)));
const WEEKLY = { id: 'weekly', start: '2026-01-05T09:00', shift: '1w' };

describe('a layer edit with --effective +7d', () => {
  const s = acme();
  edit(s, 'bob,carol,alice,erin', '+7d');

  test('log says when it takes effect: in words, and as UTC in JSON', () => {
    const entry = log(s).find((e) => e.entity === 'layer:payments-secondary/weekly' && e.action === 'change')!;
    expect(entry).toMatchObject({ at: '2026-11-23T12:00:00Z', effective: '2026-11-30T12:00:00Z' });
    const text = ok(s.run(['log'])).stdout;
    expect(text.split('\n')[0]).toBe('Mon 23 Nov 07:00  lead  change layer:payments-secondary/weekly  takes effect Mon 30 Nov 07:00');
  });

  test('a change that takes effect as it is made says no more than before; its JSON instant is its time', () => {
    const adds = log(s).filter((e) => e.action === 'add');
    expect(adds.length).toBeGreaterThan(0);
    expect(adds.every((e) => e.effective === e.at)).toBe(true);
    const text = ok(s.run(['log'])).stdout;
    expect(text.match(/takes effect/g)).toHaveLength(1);
  });

  test('layer show: the current members, then the planned ones from their instant', () => {
    // carol's turn now; at 30 Nov 12:00 alice is in mid-turn and keeps it (the rotation goes on from her).
    expect(layerShow(s)).toEqual({
      ...WEEKLY, members: ['bob', 'carol', 'alice'], turn: 'carol',
      pending: [{ effective: '2026-11-30T12:00:00Z', ...WEEKLY, members: ['bob', 'carol', 'alice', 'erin'], turn: 'alice' }],
    });
    expect(ok(s.run(['layer', 'show', 'payments-secondary', 'weekly'])).stdout).toBe(
      [
        'layer weekly: every 1w from 2026-01-05T09:00',
        '  members: bob, carol, alice',
        '  turn now: carol',
        'From Mon 30 Nov 07:00:',
        '  layer weekly: every 1w from 2026-01-05T09:00',
        '    members: bob, carol, alice, erin',
        '    turn then: alice',
        '',
      ].join('\n'),
    );
  });

  test('schedule show: existing keys hold the current definition; pending adds the later one', () => {
    const shown = scheduleShow(s);
    expect(shown).toMatchObject({ id: 'payments-secondary', team: 'payments', name: 'Payments secondary', timezone: 'Europe/Berlin', overrides: [] });
    expect(shown.layers).toEqual([{ ...WEEKLY, members: ['bob', 'carol', 'alice'] }]);
    expect(shown.pending).toEqual([
      { effective: '2026-11-30T12:00:00Z', timezone: 'Europe/Berlin', disabled: false, layers: [{ ...WEEKLY, members: ['bob', 'carol', 'alice', 'erin'] }] },
    ]);
    const text = ok(s.run(['schedule', 'show', 'payments-secondary'])).stdout;
    expect(text).toMatch(/^ {4}members: bob, carol, alice\n.*\nFrom Mon 30 Nov 07:00:\n {2}layer weekly: .*\n {4}members: bob, carol, alice, erin\n$/m);
  });

  test('once now is past it, the new members are current and nothing is pending', () => {
    expect(layerShow(s, LATER)).toEqual({ ...WEEKLY, members: ['bob', 'carol', 'alice', 'erin'], turn: 'alice', pending: [] });
    expect(scheduleShow(s, LATER)).toMatchObject({ layers: [{ members: ['bob', 'carol', 'alice', 'erin'] }], pending: [] });
    const text = ok(s.run(['layer', 'show', 'payments-secondary', 'weekly'], LATER)).stdout;
    expect(text).toBe('layer weekly: every 1w from 2026-01-05T09:00\n  members: bob, carol, alice, erin\n  turn now: alice\n');
    expect(ok(s.run(['schedule', 'show', 'payments-secondary'], LATER)).stdout).not.toContain('From ');
  });
});

describe('apply --effective', () => {
  test('the apply entry says when its changes take effect; show lists the file as pending until then', () => {
    const s = acme();
    const file = writeYaml(ACME.replace('members: [bob, carol, alice]  #', 'members: [carol, bob, alice]  #'));
    ok(s.run(['apply', '-f', file, '--effective', '2026-12-07T08:00:00Z']));
    const entry = log(s)[0];
    expect(entry).toMatchObject({ entity: 'layer:payments-secondary/weekly', action: 'change', effective: '2026-12-07T08:00:00Z' });
    expect(ok(s.run(['log'])).stdout.split('\n')[0]).toMatch(/change layer:payments-secondary\/weekly  takes effect Mon 7 Dec 03:00$/);
    expect(layerShow(s).members).toEqual(['bob', 'carol', 'alice']);
    // alice's week ends at the handoff; after her in [carol, bob, alice] comes carol.
    expect(layerShow(s).pending).toEqual([{ effective: '2026-12-07T08:00:00Z', ...WEEKLY, members: ['carol', 'bob', 'alice'], turn: 'carol' }]);
    const after = { ONCALL_NOW: '2026-12-07T08:00:00Z' };
    expect(layerShow(s, after)).toEqual({ ...WEEKLY, members: ['carol', 'bob', 'alice'], turn: 'carol', pending: [] });
  });
});

describe('hostile and edge cases', () => {
  test('two planned versions are listed in order; a later edit that replaces a plan leaves only what survives', () => {
    const s = acme();
    edit(s, 'bob,carol', '2026-12-14T08:00:00Z');
    edit(s, 'bob,carol,alice,erin', '2026-12-21T08:00:00Z');
    expect(layerShow(s).pending.map((p: { effective: string; members: string[] }) => `${p.effective} ${p.members.join(',')}`)).toEqual([
      '2026-12-14T08:00:00Z bob,carol', '2026-12-21T08:00:00Z bob,carol,alice,erin',
    ]);
    // An edit taking effect earlier drops the versions planned after it (history is a line).
    edit(s, 'alice,bob', '2026-11-30T08:00:00Z');
    expect(layerShow(s).pending.map((p: { members: string[] }) => p.members)).toEqual([['alice', 'bob']]);
    expect(scheduleShow(s).pending).toHaveLength(1);
  });

  test('a layer removed from a later instant is still current, and its removal is pending', () => {
    const s = acme();
    ok(s.run(['layer', 'rm', 'payments-secondary', 'weekly', '--effective', '2026-12-07T08:00:00Z']));
    expect(layerShow(s)).toMatchObject({ members: ['bob', 'carol', 'alice'], pending: [{ effective: '2026-12-07T08:00:00Z', removed: true }] });
    expect(ok(s.run(['layer', 'show', 'payments-secondary', 'weekly'])).stdout).toContain('\nFrom Mon 7 Dec 03:00: removed\n');
    expect(scheduleShow(s).pending).toEqual([{ effective: '2026-12-07T08:00:00Z', timezone: 'Europe/Berlin', disabled: false, layers: [] }]);
    expect(ok(s.run(['schedule', 'show', 'payments-secondary'])).stdout).toMatch(/From Mon 7 Dec 03:00:\n {2}no layers\n$/);
    refused(s, ['layer', 'show', 'payments-secondary', 'weekly'], 'schedule "payments-secondary" has no layer "weekly" (layers: none yet)', { ONCALL_NOW: '2026-12-08T00:00:00Z' });
  });

  test('a layer added from a later instant is not shown as current', () => {
    const s = acme();
    const file = writeYaml(ACME.replace('        members: [bob, carol, alice]  #', '        members: [bob, carol, alice]\n      - id: extra\n        start: 2026-01-05T09:00\n        shift: 1d\n        members: [erin]\n  #'));
    ok(s.run(['apply', '-f', file, '--effective', '2026-12-07T08:00:00Z']));
    const shown = json(ok(s.run(['layer', 'show', 'payments-secondary', 'extra', '--json'])));
    expect(shown).toEqual({ id: 'extra', pending: [{ effective: '2026-12-07T08:00:00Z', id: 'extra', start: '2026-01-05T09:00', shift: '1d', members: ['erin'], turn: 'erin' }] });
    expect(ok(s.run(['layer', 'show', 'payments-secondary', 'extra'])).stdout.split('\n')[0]).toBe('layer extra: not in force yet');
    expect(scheduleShow(s).layers.map((l: { id: string }) => l.id)).toEqual(['weekly']);
  });

  test('an unknown layer is refused with the layers there are', () => {
    const s = acme();
    refused(s, ['layer', 'show', 'payments-secondary', 'nope'], 'schedule "payments-secondary" has no layer "nope" (layers: weekly)');
    refused(s, ['schedule', 'show', 'nope'], 'nope');
  });

  test('entries written before oncall recorded the effective instant: null in JSON, nothing added in words', () => {
    const s = acme();
    edit(s, 'bob,carol,alice,erin', '+7d');
    execDb(s.db, 'UPDATE audit_log SET effective = NULL');
    expect(log(s).every((e) => e.effective === null)).toBe(true);
    expect(ok(s.run(['log'])).stdout).not.toContain('takes effect');
  });

  // SQLite upgrades a file on open; PostgreSQL never migrates silently (its upgrades are `db migrate`'s).
  test.skipIf(onPostgres)('a SQLite file from before the effective column is upgraded: its entries read as effective null', () => {
    const file = path.join(tempDir(), 'old.db');
    const journal: { tag: string }[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8')).entries;
    const before = journal.findIndex((m) => m.tag === '0005_audit_effective');
    expect(before).toBeGreaterThan(0);
    const db = new Database(file);
    for (const { tag } of journal.slice(0, before)) db.exec(fs.readFileSync(path.join(ROOT, 'drizzle', `${tag}.sql`), 'utf8'));
    db.exec(`INSERT INTO audit_log (at, actor, entity, action, old_value, new_value)
      VALUES (${Date.parse('2026-11-20T12:00:00Z')}, 'old-lead', 'person:ann', 'add', NULL, '{"id":"ann","name":"Ann"}')`);
    db.pragma(`user_version = ${before}`);
    db.close();
    const s = sessionAt(file);
    expect(log(s)).toEqual([
      { at: '2026-11-20T12:00:00Z', actor: 'old-lead', entity: 'person:ann', action: 'add', old: null, new: { id: 'ann', name: 'Ann' }, effective: null },
    ]);
    expect(ok(s.run(['log'])).stdout.split('\n')[0]).toBe('Fri 20 Nov 07:00  old-lead  add person:ann');
  });
});
