// apply through the app layer against a real database (a SQLite file, or PostgreSQL in the
// `postgres` project): layer versions are closed and
// opened at the effective instant, removed overrides keep their row, a dry run or a refused
// file writes nothing, and every change is in the audit log.

import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { makeContext, type AppContext } from '../../src/app/context.js';
import { applyFiles } from '../../src/app/apply.js';
import { UserError } from '../../src/errors.js';
import { cleanup, EXAMPLES, tempDatabase, tempDir, writeFile } from './helpers.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const EFFECTIVE = Date.parse('2026-11-30T08:00:00Z');
const ACME = fs.readFileSync(EXAMPLES.acme, 'utf8');
const WITH_ERIN = ACME.replace(/members: \[bob, carol, alice\].*/, 'members: [bob, carol, alice, erin]');
const WITHOUT_XMAS = ACME.replace(/    overrides:\n      - person: dave[\s\S]*?reason: Christmas swap.*\n/, '');

const opened: AppContext[] = [];
afterEach(async () => {
  for (const ctx of opened.splice(0)) await ctx.close();
});
afterAll(cleanup);

function context(dbPath: string, now = NOW): AppContext {
  const ctx = makeContext({ dbPath, now, zone: 'Europe/Berlin', actor: 'tester' });
  opened.push(ctx);
  return ctx;
}

async function rows(ctx: AppContext, sql: string, ...params: unknown[]): Promise<any[]> {
  return (await ctx.store()).sql.all(sql, params);
}

async function counts(ctx: AppContext) {
  const out: Record<string, number> = {};
  for (const table of ['people', 'teams', 'team_members', 'schedules', 'layers', 'overrides', 'audit_log']) {
    out[table] = (await rows(ctx, `SELECT count(*) AS n FROM ${table}`))[0].n;
  }
  return out;
}

async function setUp() {
  const dir = tempDir();
  const dbPath = tempDatabase();
  const ctx = context(dbPath);
  const first = await applyFiles(ctx, { files: [EXAMPLES.acme], dryRun: false, prune: false });
  expect(first.applied).toBe(true);
  return { dir, dbPath, ctx };
}

describe('layer versions', () => {
  test("a schedule's first definition is valid for all time", async () => {
    const { ctx } = await setUp();
    const layers = await rows(ctx, 'SELECT schedule_id, layer_id, valid_from, valid_to FROM layers ORDER BY row_id');
    expect(layers).toHaveLength(4);
    for (const l of layers) expect([l.valid_from, l.valid_to]).toEqual([null, null]);
  });

  test('a changed layer closes its old row and opens a new one at the effective instant', async () => {
    const { dir, ctx } = await setUp();
    const result = await applyFiles(ctx, { files: [writeFile(dir, 'erin.yaml', WITH_ERIN)], dryRun: false, prune: false, effective: EFFECTIVE });
    expect(result.applied).toBe(true);
    expect(result.effective).toBe(EFFECTIVE);
    const versions = await rows(
      ctx,
      "SELECT members, valid_from, valid_to FROM layers WHERE schedule_id = 'payments-secondary' AND layer_id = 'weekly' ORDER BY row_id",
    );
    expect(versions).toEqual([
      { members: JSON.stringify(['bob', 'carol', 'alice']), valid_from: null, valid_to: EFFECTIVE },
      { members: JSON.stringify(['bob', 'carol', 'alice', 'erin']), valid_from: EFFECTIVE, valid_to: null },
    ]);
    // The other layers are untouched: still one open row each.
    const others = await rows(ctx, "SELECT valid_from, valid_to FROM layers WHERE schedule_id != 'payments-secondary'");
    expect(others).toHaveLength(3);
    for (const l of others) expect([l.valid_from, l.valid_to]).toEqual([null, null]);
  });

  test('without --effective a roster change takes effect at the layer\'s next handoff', async () => {
    const { dir, dbPath } = await setUp();
    const later = Date.parse('2026-11-25T12:00:00Z');
    const handoff = Date.parse('2026-11-30T08:00:00Z'); // Monday 09:00 in Berlin
    const ctx = context(dbPath, later);
    await applyFiles(ctx, { files: [writeFile(dir, 'erin.yaml', WITH_ERIN)], dryRun: false, prune: false });
    const versions = await rows(ctx, "SELECT valid_from, valid_to FROM layers WHERE schedule_id = 'payments-secondary' ORDER BY row_id");
    expect(versions).toEqual([
      { valid_from: null, valid_to: handoff },
      { valid_from: handoff, valid_to: null },
    ]);
  });

  test('with --effective now it takes effect at now, keeping the rotation\'s position', async () => {
    const { dir, dbPath } = await setUp();
    const later = Date.parse('2026-11-25T12:00:00Z');
    const ctx = context(dbPath, later);
    await applyFiles(ctx, { files: [writeFile(dir, 'erin.yaml', WITH_ERIN)], dryRun: false, prune: false, effective: later });
    const versions = await rows(
      ctx,
      "SELECT valid_from, valid_to, rotation_start, rotation_offset FROM layers WHERE schedule_id = 'payments-secondary' ORDER BY row_id",
    );
    // Week 46 of the grid (from 5 Jan) is carol's (index 1): offset (1 - 46) mod 4 = 3.
    expect(versions).toEqual([
      { valid_from: null, valid_to: later, rotation_start: null, rotation_offset: null },
      { valid_from: later, valid_to: null, rotation_start: '2026-01-05T09:00', rotation_offset: 3 },
    ]);
  });

  test('a second change before the first took effect replaces the pending version', async () => {
    const { dir, ctx } = await setUp();
    await applyFiles(ctx, { files: [writeFile(dir, 'erin.yaml', WITH_ERIN)], dryRun: false, prune: false, effective: EFFECTIVE });
    const earlier = Date.parse('2026-11-26T08:00:00Z');
    const twice = ACME.replace(/members: \[bob, carol, alice\].*/, 'members: [alice, bob]');
    await applyFiles(ctx, { files: [writeFile(dir, 'twice.yaml', twice)], dryRun: false, prune: false, effective: earlier });
    const versions = await rows(
      ctx,
      "SELECT members, valid_from, valid_to FROM layers WHERE schedule_id = 'payments-secondary' ORDER BY valid_from IS NOT NULL, valid_from",
    );
    expect(versions).toEqual([
      { members: JSON.stringify(['bob', 'carol', 'alice']), valid_from: null, valid_to: earlier },
      { members: JSON.stringify(['alice', 'bob']), valid_from: earlier, valid_to: null },
    ]);
  });

  test('a removed layer keeps its row, closed at the effective instant', async () => {
    const { dir, ctx } = await setUp();
    const noBusiness = ACME.replace(/      - id: business-hours[\s\S]*?to: "17:00"\n/, '');
    expect(noBusiness).not.toContain('id: business-hours');
    await applyFiles(ctx, { files: [writeFile(dir, 'nb.yaml', noBusiness)], dryRun: false, prune: false, effective: EFFECTIVE });
    const layer = await rows(ctx, "SELECT valid_from, valid_to FROM layers WHERE layer_id = 'business-hours'");
    expect(layer).toEqual([{ valid_from: null, valid_to: EFFECTIVE }]);
  });
});

describe('overrides', () => {
  test('a removed override keeps its row with removed_at set to the effective instant', async () => {
    const { dir, ctx } = await setUp();
    const before = await rows(ctx, "SELECT id, person_id, start, \"end\", removed_at FROM overrides WHERE schedule_id = 'payments-primary'");
    expect(before).toHaveLength(1);
    expect(before[0].removed_at).toBeNull();
    await applyFiles(ctx, { files: [writeFile(dir, 'nox.yaml', WITHOUT_XMAS)], dryRun: false, prune: false, effective: EFFECTIVE });
    const after = await rows(ctx, "SELECT id, person_id, start, \"end\", removed_at FROM overrides WHERE schedule_id = 'payments-primary'");
    expect(after).toEqual([{ ...before[0], removed_at: EFFECTIVE }]);
    // platform-primary's override is still in the file and stays open.
    expect(await rows(ctx, "SELECT removed_at FROM overrides WHERE schedule_id = 'platform-primary'")).toEqual([{ removed_at: null }]);
  });

  test('override times are stored as UTC instants of the schedule zone wall clock', async () => {
    const { ctx } = await setUp();
    const [xmas] = await rows(ctx, "SELECT start, \"end\", replaces FROM overrides WHERE schedule_id = 'payments-primary'");
    expect(xmas).toEqual({ start: Date.parse('2026-12-23T23:00:00Z'), end: Date.parse('2026-12-26T23:00:00Z'), replaces: 'carol' });
    const [nye] = await rows(ctx, "SELECT start, \"end\" FROM overrides WHERE schedule_id = 'platform-primary'");
    expect(nye).toEqual({ start: Date.parse('2026-12-31T23:00:00Z'), end: Date.parse('2027-01-01T15:00:00Z') });
  });
});

describe('nothing is written unless applied', () => {
  test('a dry run writes nothing', async () => {
    const { dir, ctx } = await setUp();
    const before = await counts(ctx);
    const result = await applyFiles(ctx, { files: [writeFile(dir, 'erin.yaml', WITH_ERIN)], dryRun: true, prune: true, effective: EFFECTIVE });
    expect(result.applied).toBe(false);
    expect(result.plan.changes.length).toBeGreaterThan(0);
    expect(await counts(ctx)).toEqual(before);
    expect((await rows(ctx, 'SELECT count(*) AS n FROM layers WHERE valid_to IS NOT NULL'))[0].n).toBe(0);
  });

  test('a file with errors is refused with a UserError and writes nothing', async () => {
    const { dir, ctx } = await setUp();
    const before = await counts(ctx);
    const bad = WITH_ERIN.replace('shift: 1d', 'shift: 1x');
    const error = await applyFiles(ctx, { files: [writeFile(dir, 'bad.yaml', bad)], dryRun: false, prune: false }).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.details.join('\n')).toMatch(/bad\.yaml:\d+:\d+: .*"1x"/);
    expect(await counts(ctx)).toEqual(before);
  });

  test('--effective before now is refused before anything is written', async () => {
    const { dir, ctx } = await setUp();
    const before = await counts(ctx);
    const past = Date.parse('2026-11-01T00:00:00Z');
    await expect(
      applyFiles(ctx, { files: [writeFile(dir, 'erin.yaml', WITH_ERIN)], dryRun: false, prune: false, effective: past }),
    ).rejects.toBeInstanceOf(UserError);
    expect(await counts(ctx)).toEqual(before);
  });

  test('applying the same file again writes nothing, not even to the audit log', async () => {
    const { ctx } = await setUp();
    const before = await counts(ctx);
    const again = await applyFiles(ctx, { files: [EXAMPLES.acme], dryRun: false, prune: false });
    expect(again.applied).toBe(false);
    expect(again.plan.changes).toEqual([]);
    expect(await counts(ctx)).toEqual(before);
  });
});

describe('audit log and deletions', () => {
  test('every applied change is logged with actor, time and old/new values', async () => {
    const { dir, ctx } = await setUp();
    const initial = await rows(ctx, 'SELECT actor, at FROM audit_log');
    expect(initial.length).toBe(19);
    for (const r of initial) expect(r).toEqual({ actor: 'tester', at: NOW });
    await applyFiles(ctx, { files: [writeFile(dir, 'erin.yaml', WITH_ERIN)], dryRun: false, prune: false, effective: EFFECTIVE });
    const [change] = await rows(ctx, "SELECT action, entity, old_value, new_value FROM audit_log WHERE action = 'change'");
    expect(change.entity).toMatch(/payments-secondary/);
    expect(JSON.parse(change.old_value).members).toEqual(['bob', 'carol', 'alice']);
    expect(JSON.parse(change.new_value).members).toEqual(['bob', 'carol', 'alice', 'erin']);
  });

  test('--prune marks people, teams and schedules deleted and closes their layers, keeping the rows', async () => {
    const { ctx } = await setUp();
    const before = await counts(ctx);
    await applyFiles(ctx, { files: [EXAMPLES.weekend], dryRun: false, prune: true, effective: EFFECTIVE });
    const after = await counts(ctx);
    expect(after.people).toBe(before.people + 5);
    expect(after.schedules).toBe(before.schedules + 1);
    expect(await rows(ctx, "SELECT deleted_at FROM schedules WHERE id = 'payments-primary'")).toEqual([{ deleted_at: EFFECTIVE }]);
    expect(await rows(ctx, "SELECT deleted_at FROM people WHERE id = 'alice'")).toEqual([{ deleted_at: EFFECTIVE }]);
    const open = await rows(ctx, "SELECT count(*) AS n FROM layers WHERE schedule_id != 'storefront' AND valid_to IS NULL");
    expect(open[0].n).toBe(0);
    const closed = await rows(ctx, "SELECT DISTINCT valid_to FROM layers WHERE schedule_id != 'storefront'");
    expect(closed).toEqual([{ valid_to: EFFECTIVE }]);
    expect(await rows(ctx, "SELECT removed_at FROM overrides WHERE schedule_id = 'payments-primary'")).toEqual([{ removed_at: EFFECTIVE }]);
  });
});
