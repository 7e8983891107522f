// Issue 14, item 3: who owns what. A file owns the overrides and time off it lists; what was
// made from the command line (override add, swap, timeoff add/import) survives `apply` of a
// file that does not list it, the plan says so, and `--prune` removes it from the effective
// instant on, its past kept. A file that lists a command-line change adopts it.
//
// Now is Mon 2026-11-23 12:00Z (13:00 in Berlin, the viewer's zone); examples/acme.yaml is
// applied. payments-primary's weekly layer is [alice, bob, carol] (Monday 09:00 handoffs),
// so carol has the week from Mon 30 Nov and alice the one after.

import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { acmeSession, cleanup, EXAMPLES, json, ok, onPostgres, pending, queryDb, ROOT, writeYaml, type Session } from './helpers.js';
import { brief, log, overrides, shifts, type OverrideRow } from './manage-helpers.js';

afterAll(cleanup);

const ACME = fs.readFileSync(EXAMPLES.acme, 'utf8');
/** Tue 1 Dec 13:00 in Berlin: erin's command-line override (Tue 09:00 → Wed 09:00) is in progress. */
const LATER = { ONCALL_NOW: '2026-12-01T12:00:00Z' };

interface Changes {
  s: Session;
  /** How many overrides the swap made (one per piece of the shifts it exchanged). */
  swapped: number;
}

/** acme.yaml applied, then an override on each payments schedule, a swap and time off, all from the command line. */
function commandLineChanges(): Changes {
  const s = acmeSession();
  ok(s.run(['override', 'add', '--schedule', 'payments-primary', '--person', 'erin', '--from', '2026-12-01T09:00', '--to', '2026-12-02T09:00', '--reason', 'covering']));
  ok(s.run(['override', 'add', '--schedule', 'payments-secondary', '--person', 'dave', '--from', '2026-12-03T09:00', '--to', '2026-12-04T09:00']));
  const before = overrides(s).length;
  ok(s.run(['swap', '--schedule', 'payments-primary', '--shift-of', 'carol', '--with', 'alice', '--at', '2026-12-01T03:00']));
  const swapped = overrides(s).length - before;
  expect(swapped).toBeGreaterThanOrEqual(2);
  ok(s.run(['timeoff', 'add', 'alice', '--from', '2026-12-21', '--to', '2026-12-24', '--reason', 'Christmas']));
  return { s, swapped };
}

const lines = (text: string) => text.trim().split('\n');
const primaryShifts = (s: Session, env = {}) => brief(shifts(s, 'payments-primary', '2026-11-23T13:00', '2027-01-04', env));
const timeOff = (s: Session, env = {}) => ok(s.run(['timeoff', 'list', '--all', '--json'], env)).stdout;
const key = (o: OverrideRow) => `${o.schedule} ${o.person} ${o.start} ${o.end} ${o.replaces ?? '-'} ${o.reason ?? '-'}`;

describe('command-line changes survive apply of the team file', () => {
  test('override add, swap and timeoff add are kept; the plan says so, one line per schedule and person', () => {
    const { s, swapped } = commandLineChanges();
    const before = { overrides: overrides(s), shifts: primaryShifts(s), timeOff: timeOff(s) };
    const expected = [
      'No changes.',
      `Keeping ${swapped + 1} command-line overrides on payments-primary (--prune removes them).`,
      'Keeping 1 command-line override on payments-secondary (--prune removes it).',
      'Keeping 1 command-line time off entry of alice (--prune removes it).',
    ];
    expect(lines(ok(s.run(['apply', '-f', EXAMPLES.acme, '--dry-run'])).stdout)).toEqual(expected);
    expect(lines(ok(s.run(['apply', '-f', EXAMPLES.acme])).stdout)).toEqual(expected);
    expect(overrides(s)).toEqual(before.overrides);
    expect(primaryShifts(s)).toEqual(before.shifts);
    expect(timeOff(s)).toBe(before.timeOff);
    expect(primaryShifts(s)).toContain('2026-12-01T08:00:00Z 2026-12-02T08:00:00Z erin override');
  });

  test('apply --json lists what it keeps as data', () => {
    const { s, swapped } = commandLineChanges();
    const plan = json(ok(s.run(['apply', '-f', EXAMPLES.acme, '--json'])));
    expect(plan).toMatchObject({ applied: false, changes: [], adopted: [] });
    expect(plan.kept).toHaveLength(swapped + 3);
    expect(plan.kept).toContainEqual({
      kind: 'override', schedule: 'payments-primary', person: 'erin', from: '2026-12-01T08:00:00Z', to: '2026-12-02T08:00:00Z', replaces: null, reason: 'covering',
    });
    expect(plan.kept).toContainEqual({ kind: 'time-off', person: 'alice', from: '2026-12-20T23:00:00Z', to: '2026-12-24T23:00:00Z', reason: 'Christmas' });
    expect(plan.kept.filter((k: any) => k.kind === 'override' && k.replaces !== null).map((k: any) => k.reason)).toEqual(Array(swapped).fill('swap: carol ↔ alice'));
  });

  test('--prune removes them from the effective instant on; their past stays (shifts, who --at, log)', () => {
    const { s } = commandLineChanges();
    const past = ['2026-11-30T00:00', '2026-12-01T13:00'] as const;
    const pastBefore = brief(shifts(s, 'payments-primary', ...past, LATER));
    expect(pastBefore).toContain('2026-12-01T08:00:00Z 2026-12-01T12:00:00Z erin override');

    const plan = lines(pending(s.run(['apply', '-f', EXAMPLES.acme, '--prune', '--dry-run'], LATER)).stdout);
    expect(plan).toContain('  ~ person alice Alice Liddell (time_off)');
    expect(plan).toContain('  - override on payments-primary: erin Tue 1 Dec 09:00 → Wed 2 Dec 09:00 "covering"');
    expect(plan).toContain('  - override on payments-secondary: dave Thu 3 Dec 09:00 → Fri 4 Dec 09:00');
    expect(plan.join('\n')).not.toContain('Keeping');
    ok(s.run(['apply', '-f', EXAMPLES.acme, '--prune'], LATER));

    // From now on only the file's overrides are left, and alice's time off is gone.
    expect(overrides(s, [], LATER).map(key)).toEqual([
      'payments-primary dave 2026-12-23T23:00:00Z 2026-12-26T23:00:00Z carol Christmas swap, carol is travelling',
      "platform-primary heidi 2026-12-31T23:00:00Z 2027-01-01T15:00:00Z - New Year's Eve cover",
    ]);
    expect(json(ok(s.run(['timeoff', 'list', '--all', '--json'], LATER)))).toEqual([]);
    expect(brief(shifts(s, 'payments-primary', '2026-12-01T13:00', '2026-12-01T18:00', LATER))).toEqual([
      '2026-12-01T12:00:00Z 2026-12-01T16:00:00Z dave layer:business-hours',
      '2026-12-01T16:00:00Z 2026-12-01T17:00:00Z carol layer:weekly',
    ]);

    // Before the effective instant nothing changed.
    expect(brief(shifts(s, 'payments-primary', ...past, LATER))).toEqual(pastBefore);
    const earlier = json(ok(s.run(['who', '--schedule', 'payments-primary', '--at', '2026-12-01T10:00', '--json'], LATER)));
    expect(earlier[0]).toMatchObject({ person: 'erin', source: 'override' });
    const removed = log(s, [], LATER).filter((e) => e.action === 'remove');
    expect(removed.map((e) => `${e.entity} ${e.old.person} ${e.effective}`)).toEqual(
      expect.arrayContaining(['override:payments-primary erin 2026-12-01T12:00:00Z', 'override:payments-secondary dave 2026-12-01T12:00:00Z']),
    );
    // Rows are marked removed, never deleted.
    const rows = queryDb(s.db, "SELECT removed_at FROM overrides WHERE reason = 'covering' UNION ALL SELECT removed_at FROM time_off").map((r) => r.removed_at);
    expect(rows).toEqual([Date.parse(LATER.ONCALL_NOW), expect.any(Number)]);
  });
});

describe('the file owns what it lists', () => {
  test('an override dropped from the file is removed; a command-line one beside it stays', () => {
    const { s } = commandLineChanges();
    const without = ACME.replace(/    overrides:\n      - person: dave[\s\S]*?reason: Christmas swap.*\n/, '');
    expect(without).not.toContain('Christmas swap');
    const plan = ok(s.run(['apply', '-f', writeYaml(without, 'team.yaml', s.dir)])).stdout;
    expect(plan).toContain('  - override on payments-primary: dave Thu 24 Dec 00:00 → Sun 27 Dec 00:00 replacing carol');
    expect(plan).toMatch(/^Keeping \d+ command-line overrides on payments-primary \(--prune removes them\)\.$/m);
    const left = overrides(s).map(key);
    expect(left).not.toContain('payments-primary dave 2026-12-23T23:00:00Z 2026-12-26T23:00:00Z carol Christmas swap, carol is travelling');
    expect(left).toContain('payments-primary erin 2026-12-01T08:00:00Z 2026-12-02T08:00:00Z - covering');
  });

  test('export yaml, then apply: the file adopts every command-line change, nothing else changes; from then on they follow the file', () => {
    const { s, swapped } = commandLineChanges();
    const before = { overrides: overrides(s), shifts: primaryShifts(s), timeOff: timeOff(s) };
    const exported = writeYaml(ok(s.run(['export', 'yaml'])).stdout, 'exported.yaml', s.dir);

    // Adopting is not a change: the dry run exits 0.
    const dry = json(ok(s.run(['apply', '-f', exported, '--dry-run', '--json'])));
    expect(dry).toMatchObject({ changes: [], kept: [] });
    expect(dry.adopted).toHaveLength(swapped + 3);
    expect(lines(ok(s.run(['apply', '-f', exported])).stdout)).toEqual([
      'No changes.',
      `Adopting ${swapped + 1} command-line overrides on payments-primary: the files list them, so from now on they follow the files.`,
      'Adopting 1 command-line override on payments-secondary: the files list it, so from now on it follows the files.',
      'Adopting 1 command-line time off entry of alice: the files list it, so from now on it follows the files.',
    ]);
    expect(overrides(s)).toEqual(before.overrides);
    expect(primaryShifts(s)).toEqual(before.shifts);
    expect(timeOff(s)).toBe(before.timeOff);
    expect(log(s).filter((e) => e.action === 'adopt')).toHaveLength(swapped + 3);
    expect(ok(s.run(['apply', '-f', exported])).stdout.trim()).toBe('No changes.');

    // They are the file's now: the original acme.yaml, which does not list them, removes them.
    const plan = pending(s.run(['apply', '-f', EXAMPLES.acme, '--dry-run'])).stdout;
    expect(plan).toContain('  ~ person alice Alice Liddell (time_off)');
    expect(plan).toContain('  - override on payments-primary: erin Tue 1 Dec 09:00 → Wed 2 Dec 09:00 "covering"');
    expect(plan).toContain(`Dry run: 0 to add, 1 to change, ${swapped + 2} to remove; nothing was changed.`);
    expect(plan).not.toContain('Keeping');
  });

  test('override rm and timeoff rm remove either kind; the next apply brings back what its file still lists', () => {
    const { s } = commandLineChanges();
    const withTimeOff = ACME.replace('    color: "#61afef"\n', '    color: "#61afef"\n    time_off:\n      - {from: 2027-02-01, to: 2027-02-05}\n');
    ok(s.run(['apply', '-f', writeYaml(withTimeOff, 'team.yaml', s.dir)]));
    const christmas = overrides(s).find((o) => o.reason === 'Christmas swap, carol is travelling')!;
    const covering = overrides(s).find((o) => o.reason === 'covering')!;
    ok(s.run(['override', 'rm', String(christmas.id)]));
    ok(s.run(['override', 'rm', String(covering.id)]));
    const ids = (who: string) => json(ok(s.run(['timeoff', 'list', '--person', who, '--json']))).map((t: any) => t.id);
    for (const id of [...ids('bob'), ...ids('alice')]) ok(s.run(['timeoff', 'rm', String(id)]));
    expect(overrides(s).map((o) => o.reason)).not.toContain('covering');
    expect(json(ok(s.run(['timeoff', 'list', '--all', '--json'])))).toEqual([]);

    const plan = ok(s.run(['apply', '-f', writeYaml(withTimeOff, 'team.yaml', s.dir)])).stdout;
    expect(plan).toContain('  ~ person bob Bob Marley (time_off)');
    expect(plan).toContain('  + override on payments-primary: dave Thu 24 Dec 00:00 → Sun 27 Dec 00:00 replacing carol');
    expect(plan).not.toContain('covering');
    expect(plan).not.toContain('time off entry of alice');
    expect(overrides(s).map((o) => o.reason)).toContain('Christmas swap, carol is travelling');
    expect(json(ok(s.run(['timeoff', 'list', '--all', '--json']))).map((t: any) => t.person)).toEqual(['bob']);
  });

  test('apply writes file-owned rows; override add, swap, timeoff add and timeoff import write command-line ones', () => {
    const { s } = commandLineChanges();
    const ics = path.join(s.dir, 'alice.ics');
    fs.writeFileSync(ics, [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//oncall tests//EN',
      'BEGIN:VEVENT', 'UID:ski@test', 'DTSTAMP:20261101T000000Z', 'DTSTART;VALUE=DATE:20270301', 'DTEND;VALUE=DATE:20270306', 'SUMMARY:Ski trip', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n'));
    ok(s.run(['timeoff', 'import', 'alice', ics]));
    const withTimeOff = ACME.replace('    color: "#61afef"\n', '    color: "#61afef"\n    time_off:\n      - {from: 2027-02-01, to: 2027-02-05}\n');
    ok(s.run(['apply', '-f', writeYaml(withTimeOff, 'team.yaml', s.dir)]));
    const owners = (sql: string) => queryDb(s.db, sql).map((r) => `${r.who} ${r.owner}`);
    expect(owners("SELECT person_id AS who, owner FROM overrides WHERE reason IS NULL OR reason NOT LIKE 'swap:%' ORDER BY id")).toEqual([
      'dave file', 'heidi file', 'erin cli', 'dave cli',
    ]);
    expect(owners("SELECT DISTINCT 'swap' AS who, owner FROM overrides WHERE reason LIKE 'swap:%'")).toEqual(['swap cli']);
    expect(owners('SELECT person_id AS who, owner FROM time_off ORDER BY id')).toEqual(['alice cli', 'alice cli', 'bob file']);
  });
});

// SQLite upgrades a file on open; PostgreSQL never migrates silently (its upgrades are `db migrate`'s).
describe.skipIf(onPostgres)('a SQLite file from before ownership', () => {
  test('is upgraded in place: every override and time off counts as command-line, so the next apply removes nothing', () => {
    const s = acmeSession();
    ok(s.run(['override', 'add', '--schedule', 'payments-primary', '--person', 'erin', '--from', '2026-12-01T09:00', '--to', '2026-12-02T09:00']));
    ok(s.run(['timeoff', 'add', 'alice', '--from', '2026-12-21', '--to', '2026-12-24']));
    const before = { overrides: overrides(s), timeOff: timeOff(s) };
    // Back to schema 0005: the tables of 0007 and the columns of 0006 dropped and their migrations forgotten, as if
    // every row had been written by an oncall from before it.
    const journal: { tag: string }[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8')).entries;
    const version = journal.findIndex((m) => m.tag === '0006_ownership_rotation_position');
    expect(version).toBeGreaterThan(0);
    const db = new Database(s.db);
    // The later migration (0007, kept shifts) undone first.
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'kept_forget_%'").all() as { name: string }[];
    for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
    db.exec('DROP TABLE kept_shifts; DROP TABLE kept_horizons');
    db.exec('DELETE FROM __drizzle_migrations WHERE rowid = (SELECT max(rowid) FROM __drizzle_migrations)');
    for (const [table, column] of [['overrides', 'owner'], ['time_off', 'owner'], ['layers', 'rotation_start'], ['layers', 'rotation_offset']]) {
      db.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
    db.exec('DELETE FROM __drizzle_migrations WHERE rowid = (SELECT max(rowid) FROM __drizzle_migrations)');
    db.pragma(`user_version = ${version}`);
    db.close();

    expect(lines(ok(s.run(['apply', '-f', EXAMPLES.acme])).stdout)).toEqual([
      'No changes.',
      'Keeping 1 command-line override on payments-primary (--prune removes it).',
      'Keeping 1 command-line time off entry of alice (--prune removes it).',
      'Adopting 1 command-line override on payments-primary: the files list it, so from now on it follows the files.',
      'Adopting 1 command-line override on platform-primary: the files list it, so from now on it follows the files.',
    ]);
    expect(overrides(s)).toEqual(before.overrides);
    expect(timeOff(s)).toBe(before.timeOff);
  });
});
