// The PostgreSQL adapter against a real server: explicit migrations, the refusals on open, the
// shared SQL text, and the one write lock that serialises writers across connections.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RuntimeFailure, UserError } from '../../src/errors.js';
import { checkPgSchema, pgKnownVersion } from '../../src/storage/pg-migrate.js';
import { migratePgStore, openPgStore, pgStatus } from '../../src/storage/pg-store.js';
import type { Store } from '../../src/storage/store.js';
import { cleanup, tempDir } from './helpers.js';
import { pgAvailable, startPgServer, type PgServer } from './pg-server.js';

let server: PgServer;
const env = (): NodeJS.ProcessEnv => ({ HOME: tempDir() });
const open = (url: string, more: { lockTimeoutMs?: number; onWait?: () => void } = {}): Promise<Store> =>
  openPgStore(url, { env: env(), lockTimeoutMs: 5000, ...more });

describe.skipIf(!pgAvailable())('PostgreSQL adapter', () => {
  beforeAll(async () => {
    server = await startPgServer();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    cleanup();
  });

  async function migrated(name: string): Promise<string> {
    const url = await server.createDatabase(name);
    await migratePgStore(url, { env: env(), lockTimeoutMs: 5000 });
    return url;
  }

  test('db migrate creates the schema once; db status reports it without changing anything', async () => {
    const url = await server.createDatabase('fresh');
    const before = await pgStatus(url, env());
    expect(before).toMatchObject({ backend: 'postgres', version: 0, known: pgKnownVersion(), user: 'postgres', database: 'fresh' });
    expect(before.server).toMatch(/^\d+/);
    expect(await server.admin("SELECT 1 FROM pg_tables WHERE schemaname = 'public'", 'fresh')).toEqual([]);

    // Two at once: the advisory lock makes one wait, and it finds nothing left to do.
    const runs = await Promise.all([1, 2].map(() => migratePgStore(url, { env: env(), lockTimeoutMs: 5000 })));
    expect(runs.map((r) => [r.before, r.after]).sort()).toEqual([
      [0, pgKnownVersion()],
      [pgKnownVersion(), pgKnownVersion()],
    ]);
    expect((await pgStatus(url, env())).version).toBe(pgKnownVersion());
    const recorded = await server.admin('SELECT hash FROM __drizzle_migrations', 'fresh');
    expect(recorded).toHaveLength(pgKnownVersion());
  });

  test('opening a database with another schema says exactly what to run, and changes nothing', async () => {
    const empty = await server.createDatabase('empty');
    await expect(open(empty)).rejects.toThrow(
      new RuntimeFailure(`the database at ${empty} has no oncall schema yet: run \`oncall db migrate\``),
    );
    expect(await server.admin("SELECT 1 FROM pg_tables WHERE schemaname = 'public'", 'empty')).toEqual([]);

    const url = await migrated('versions');
    await server.admin('UPDATE oncall_schema SET version = version + 1', 'versions');
    await expect(open(url)).rejects.toThrow(
      `the database at ${url} has schema ${pgKnownVersion() + 1}, newer than this oncall knows (${pgKnownVersion()}): upgrade oncall`,
    );
    await server.admin('UPDATE oncall_schema SET version = version - 1', 'versions');

    // An older schema (a later oncall with one more migration, as the check sees it).
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await expect(checkPgSchema(client, url, pgKnownVersion() + 1)).rejects.toThrow(
        `the database at ${url} has schema ${pgKnownVersion()}, this oncall needs ${pgKnownVersion() + 1}: run \`oncall db migrate\` (it never upgrades a shared database silently)`,
      );
    } finally {
      await client.end();
    }
  });

  test('a database holding another program\'s tables is refused, by open and by db migrate', async () => {
    const url = await server.createDatabase('foreign');
    await server.admin('CREATE TABLE invoices (id int)', 'foreign');
    const refusal = `the database at ${url} is not an oncall database (tables: invoices)`;
    await expect(open(url)).rejects.toThrow(refusal);
    await expect(migratePgStore(url, { env: env(), lockTimeoutMs: 5000 })).rejects.toBeInstanceOf(UserError);
    expect(await server.admin("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", 'foreign')).toEqual([{ tablename: 'invoices' }]);
  });

  test('the shared SQL text runs as it is: ? placeholders, quoted keywords and aliases, integers as numbers', async () => {
    const store = await open(await migrated('sql'));
    try {
      expect(store).toMatchObject({ backend: 'postgres', location: server.url('sql') });
      const start = Date.UTC(2030, 0, 1);
      await store.write(async () => {
        for (const person of ['ana', 'ben']) {
          await store.sql.run('INSERT INTO overrides (schedule_id, person_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?)', ['ops', person, start, start + 3_600_000, 1]);
        }
      });
      const rows = await store.sql.all<{ scheduleId: string; personId: string; end: number; id: number }>(
        'SELECT id, schedule_id AS "scheduleId", person_id AS "personId", "end" FROM overrides WHERE schedule_id = ? AND start >= ? ORDER BY id',
        ['ops', start],
      );
      expect(rows).toEqual([
        { id: 1, scheduleId: 'ops', personId: 'ana', end: start + 3_600_000 },
        { id: 2, scheduleId: 'ops', personId: 'ben', end: start + 3_600_000 },
      ]);
      expect(await store.sql.get('SELECT COUNT(*) AS n, SUM("end") AS total FROM overrides')).toEqual({ n: 2, total: 2 * (start + 3_600_000) });
      expect(await store.sql.get('SELECT id FROM overrides WHERE person_id = ?', ['nobody'])).toBeUndefined();
      expect(await store.write(() => store.sql.run('UPDATE overrides SET removed_at = ? WHERE person_id <> ?', [5, 'zed']))).toBe(2);
    } finally {
      await store.close();
    }
  });

  test('drizzle and the plain SQL share one connection: a write reads its own changes, booleans and numbers come back typed', async () => {
    const store = await open(await migrated('orm'));
    try {
      const { db, t } = await store.orm();
      const seen = await store.write(async () => {
        await db.insert(t.schedules).values({ id: 'ops', teamId: 'core', name: 'Ops', timezone: 'UTC', disabled: true, createdAt: 1_900_000_000_000 });
        // drizzle's own transaction is the write it runs in, not a second BEGIN that commits early.
        await db.transaction(async (tx) => tx.insert(t.people).values({ id: 'ana', name: 'Ana', createdAt: 1 }));
        return store.sql.all('SELECT id, disabled, created_at AS "createdAt" FROM schedules');
      });
      expect(seen).toEqual([{ id: 'ops', disabled: true, createdAt: 1_900_000_000_000 }]);
      expect(await db.select().from(t.people)).toEqual([{ id: 'ana', name: 'Ana', email: null, timezone: null, color: null, createdAt: 1, deletedAt: null }]);
      expect(store.committed()).toBe(true);
    } finally {
      await store.close();
    }
  });

  test('a write that fails changes nothing; a rehearsal is undone and the write goes on', async () => {
    const store = await open(await migrated('rollback'));
    try {
      const add = (id: string) => store.sql.run('INSERT INTO people (id, name, created_at) VALUES (?, ?, ?)', [id, id, 1]);
      await expect(store.write(async () => { await add('ana'); throw new Error('boom'); })).rejects.toThrow('boom');
      expect(store.committed()).toBe(false);
      const inside = await store.write(async () => {
        const rehearsed = await store.rehearse(async () => { await add('ben'); return store.sql.all('SELECT id FROM people'); });
        await add('cy');
        return rehearsed;
      });
      expect(inside).toEqual([{ id: 'ben' }]);
      expect(await store.sql.all('SELECT id FROM people')).toEqual([{ id: 'cy' }]);
      // A failed statement inside the rehearsal is undone with it; the write still commits.
      await store.write(async () => {
        await expect(store.rehearse(() => store.sql.run('INSERT INTO nowhere VALUES (1)'))).rejects.toThrow();
        await add('dee');
      });
      expect(await store.sql.all('SELECT id FROM people ORDER BY id')).toEqual([{ id: 'cy' }, { id: 'dee' }]);
    } finally {
      await store.close();
    }
  });

  test('writers on separate connections take turns: the second waits, says so once, and sees the first one\'s change', async () => {
    const url = await migrated('turns');
    let waits = 0;
    const first = await open(url);
    const second = await open(url, { onWait: () => (waits += 1) });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const order: string[] = [];
      const one = first.write(async () => {
        await first.sql.run('INSERT INTO people (id, name, created_at) VALUES (?, ?, ?)', ['ana', 'Ana', 1]);
        order.push('first wrote');
        await held;
      });
      await until(() => order.length === 1);
      const two = second.write(async () => {
        order.push('second runs');
        return second.sql.all<{ n: number }>('SELECT COUNT(*) AS n FROM people');
      });
      await until(() => waits === 1);
      expect(order).toEqual(['first wrote']);
      release();
      await one;
      expect(await two).toEqual([{ n: 1 }]);
      await second.write(async () => {});
      expect(waits).toBe(1);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('a writer that cannot get the lock in time gives up in one line, having changed nothing', async () => {
    const url = await migrated('timeout');
    const holder = await open(url);
    const late = await open(url, { lockTimeoutMs: 300 });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let holding = false;
      const one = holder.write(async () => { holding = true; await held; });
      await until(() => holding);
      let ran = false;
      const refused = await late.write(async () => { ran = true; }).catch((e: unknown) => e);
      release();
      await one;
      expect(refused).toBeInstanceOf(RuntimeFailure);
      expect((refused as Error).message).toBe(
        `the database at ${url} is locked by another oncall command or program (waited 0.3 s); nothing was changed: try again when it has finished, or wait longer with ONCALL_LOCK_TIMEOUT=SECONDS`,
      );
      expect(ran).toBe(false);
      expect(late.committed()).toBe(false);
    } finally {
      await Promise.all([holder.close(), late.close()]);
    }
  });

  test('a read stuck behind another program\'s table lock gives up after the lock timeout too', async () => {
    const url = await migrated('tablelock');
    const store = await open(url, { lockTimeoutMs: 300 });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('LOCK TABLE people IN ACCESS EXCLUSIVE MODE');
      await expect(store.sql.all('SELECT id FROM people')).rejects.toThrow(
        `the database at ${url} is locked by another oncall command or program (waited 0.3 s); nothing was changed`,
      );
    } finally {
      await other.query('ROLLBACK');
      await Promise.all([other.end(), store.close()]);
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
