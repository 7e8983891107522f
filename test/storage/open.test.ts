// Opening the database (a real SQLite file in a temp folder): owner-only creation, WAL,
// busy timeout, migrations, and refusing files that are not ours or are newer than us.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase, type OpenOptions } from '../../src/storage/open.js';
import { RuntimeFailure, UserError } from '../../src/errors.js';
import { cleanup, migrationCount, mode, raw, ROOT, tempDir } from './helpers.js';

afterAll(cleanup);

const TABLES = ['audit_log', 'layers', 'overrides', 'people', 'schedules', 'team_members', 'teams'];

async function fresh(file: string, options: OpenOptions = {}) {
  const opened = await openDatabase(file, options);
  return { opened, sqlite: raw(opened) };
}

/** Everything that could show a change to a file: its bytes, mtime and the folder's listing. */
function fingerprint(file: string) {
  return { bytes: fs.readFileSync(file), mtime: fs.statSync(file).mtimeMs, siblings: fs.readdirSync(path.dirname(file)).sort() };
}

function expectUnchanged(file: string, before: ReturnType<typeof fingerprint>): void {
  const after = fingerprint(file);
  expect(after.bytes.equals(before.bytes), 'file content changed').toBe(true);
  expect(after.mtime).toBe(before.mtime);
  expect(after.siblings).toEqual(before.siblings);
}

describe('creating a database', () => {
  test('the file is 0600 and the folders it creates (at the default location) are 0700', async () => {
    const file = path.join(tempDir(), 'deep', 'er', 'oncall.db');
    const { sqlite } = await fresh(file, { createFolders: true });
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(path.dirname(path.dirname(file)))).toBe(0o700);
    sqlite.prepare("INSERT INTO people (id, name, created_at) VALUES ('a', 'A', 0)").run();
    for (const extra of ['-wal', '-shm']) {
      if (fs.existsSync(file + extra)) expect(mode(file + extra), extra).toBe(0o600);
    }
    sqlite.close();
  });

  test('a permissive umask does not widen the permissions', async () => {
    const old = process.umask(0o000);
    try {
      const file = path.join(tempDir(), 'wide', 'oncall.db');
      const { sqlite } = await fresh(file, { createFolders: true });
      expect(mode(file)).toBe(0o600);
      expect(mode(path.dirname(file))).toBe(0o700);
      sqlite.close();
    } finally {
      process.umask(old);
    }
  });

  test('WAL mode is on and a busy timeout is set', async () => {
    const { sqlite } = await fresh(path.join(tempDir(), 'oncall.db'));
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('busy_timeout', { simple: true }) as number).toBeGreaterThanOrEqual(1000);
    sqlite.close();
  });

  test('the migrations in drizzle/ are applied: tables exist and user_version counts them', async () => {
    const file = path.join(tempDir(), 'oncall.db');
    const { sqlite } = await fresh(file);
    const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r: any) => r.name);
    expect(names).toEqual(expect.arrayContaining(TABLES));
    expect(migrationCount()).toBeGreaterThanOrEqual(1);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(migrationCount());
    const layerColumns = sqlite.prepare('PRAGMA table_info(layers)').all().map((c: any) => c.name);
    expect(layerColumns).toEqual(expect.arrayContaining(['valid_from', 'valid_to', 'members', 'restrictions']));
    const overrideColumns = sqlite.prepare('PRAGMA table_info(overrides)').all().map((c: any) => c.name);
    expect(overrideColumns).toEqual(expect.arrayContaining(['removed_at', 'replaces']));
    sqlite.close();
  });

  test('reopening an up-to-date database keeps its data and makes no backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'oncall.db');
    const first = await fresh(file);
    first.sqlite.prepare("INSERT INTO people (id, name, created_at) VALUES ('a', 'Ann', 0)").run();
    first.sqlite.close();
    const second = await fresh(file);
    expect(second.sqlite.prepare('SELECT name FROM people').all()).toEqual([{ name: 'Ann' }]);
    expect(second.sqlite.pragma('user_version', { simple: true })).toBe(migrationCount());
    second.sqlite.close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  test('a database folder that exists is left as it is', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const { sqlite } = await fresh(path.join(dir, 'oncall.db'));
    expect(mode(path.join(dir, 'oncall.db'))).toBe(0o600);
    sqlite.close();
  });
});

describe('refusing databases', () => {
  async function newerDatabase(walMode: boolean): Promise<string> {
    const file = path.join(tempDir(), 'oncall.db');
    const db = new Database(file);
    if (walMode) db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL)');
    db.exec("INSERT INTO people VALUES ('a', 'Ann', 0)");
    db.pragma(`user_version = ${migrationCount() + 1}`);
    db.close();
    fs.utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    return file;
  }

  test('a database from a newer oncall (WAL) is refused, mentioning "newer", and left unchanged', async () => {
    const file = await newerDatabase(true);
    const before = fingerprint(file);
    await expect(openDatabase(file)).rejects.toThrow(/newer/);
    expectUnchanged(file, before);
  });

  test('the "newer" failure is a run-time failure that says what to do', async () => {
    const file = await newerDatabase(true);
    const error = await openDatabase(file).catch((e) => e);
    expect(error).toBeInstanceOf(RuntimeFailure);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/upgrade/i);
  });

  test('a newer database in rollback-journal mode is left byte for byte unchanged too', async () => {
    // e.g. a copy made with `sqlite3 .backup` or VACUUM INTO, which are not in WAL mode
    const file = await newerDatabase(false);
    const before = fingerprint(file);
    await expect(openDatabase(file)).rejects.toThrow(/newer/);
    expectUnchanged(file, before);
  });

  test('a file that is not SQLite is refused with a UserError and left unchanged', async () => {
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'not a database, just some notes\n'.repeat(100));
    fs.utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    const before = fingerprint(file);
    const error = await openDatabase(file).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not an oncall database/);
    expectUnchanged(file, before);
  });

  test('a SQLite database of some other program is not silently taken over', async () => {
    const file = path.join(tempDir(), 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)');
    db.exec("INSERT INTO recipes (title) VALUES ('pancakes')");
    db.close();
    const before = fingerprint(file);
    const error = await openDatabase(file).catch((e) => e);
    if (!(error instanceof Error)) raw(error).close();
    expect(error).toBeInstanceOf(UserError);
    expectUnchanged(file, before);
  });
});

describe('a file left half-made by an interrupted first run', () => {
  /** A file as an older oncall left it when killed between its first-run steps. */
  function leftover(setup: (db: Database.Database) => void): string {
    const file = path.join(tempDir(), 'oncall.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    setup(db);
    db.close();
    return file;
  }
  const migrationSql = (i: number) => {
    const tag = JSON.parse(fs.readFileSync(path.join(ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8')).entries[i].tag;
    return fs.readFileSync(path.join(ROOT, 'drizzle', `${tag}.sql`), 'utf8');
  };
  const DRIZZLE_TABLE = 'CREATE TABLE "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)';

  async function expectUsable(file: string): Promise<void> {
    const { sqlite } = await fresh(file);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(migrationCount());
    const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r: any) => r.name);
    expect(names).toEqual(expect.arrayContaining([...TABLES, 'incidents', 'time_off']));
    sqlite.prepare("INSERT INTO people (id, name, created_at) VALUES ('a', 'Ann', 0)").run();
    sqlite.close();
  }

  test.each([
    ['an empty file', (_: Database.Database) => undefined],
    ['only drizzle\'s migrations table', (db: Database.Database) => db.exec(DRIZZLE_TABLE)],
    ['the migrations table and one table of the first migration', (db: Database.Database) => {
      db.exec(DRIZZLE_TABLE);
      db.exec(migrationSql(0).split('--> statement-breakpoint')[0]);
    }],
    ['every table, migrations recorded, but no schema version', (db: Database.Database) => {
      db.exec(DRIZZLE_TABLE);
      for (let i = 0; i < migrationCount(); i++) db.exec(migrationSql(i));
      db.prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)').run('x', 1);
    }],
  ])('%s (schema version 0) is set up from scratch', async (_name, setup) => {
    await expectUsable(leftover(setup));
  });

  test('a file truncated to zero bytes is a new database', async () => {
    const file = path.join(tempDir(), 'oncall.db');
    (await fresh(file)).sqlite.close();
    fs.truncateSync(file, 0);
    await expectUsable(file);
    expect(mode(file)).toBe(0o600);
  });

  test('our tables with a row in one, but no schema version, are not ours to drop: refused, unchanged', async () => {
    const file = leftover((db) => {
      db.exec(migrationSql(0));
      db.exec("INSERT INTO people (id, name, created_at) VALUES ('a', 'Ann', 0)");
    });
    const before = fingerprint(file);
    const error = await openDatabase(file).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/another program/);
    expectUnchanged(file, before);
  });

  test('our (empty) tables next to a table of another program: refused, unchanged', async () => {
    const file = leftover((db) => {
      db.exec(DRIZZLE_TABLE);
      db.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY)');
    });
    const before = fingerprint(file);
    await expect(openDatabase(file)).rejects.toThrow(/another program \(tables: __drizzle_migrations, recipes\)/);
    expectUnchanged(file, before);
  });
});

describe('upgrading an older schema', () => {
  test('migrates in place, keeps the data, and saves the old file as .schema-N.bak first', async () => {
    const file = path.join(tempDir(), 'oncall.db');
    const old = migrationCount() - 1;
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const journal = JSON.parse(fs.readFileSync(path.join(ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8')).entries;
    for (const { tag } of journal.slice(0, old)) db.exec(fs.readFileSync(path.join(ROOT, 'drizzle', `${tag}.sql`), 'utf8'));
    db.exec("INSERT INTO people (id, name, created_at) VALUES ('a', 'Ann', 0)");
    db.pragma(`user_version = ${old}`);
    db.close();
    const { sqlite } = await fresh(file);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(migrationCount());
    expect(sqlite.prepare('SELECT name FROM people').all()).toEqual([{ name: 'Ann' }]);
    sqlite.close();
    const backup = new Database(`${file}.schema-${old}.bak`, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(old);
    expect(backup.prepare('SELECT name FROM people').all()).toEqual([{ name: 'Ann' }]);
    backup.close();
    expect(mode(`${file}.schema-${old}.bak`)).toBe(0o600);
  });
});

describe('folders', () => {
  test('outside the default location, a missing folder is not created: a UserError naming it', async () => {
    const dir = path.join(tempDir(), 'not', 'there');
    const error = await openDatabase(path.join(dir, 'oncall.db')).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(`folder ${dir} does not exist; create it, or pass --db with a path in an existing folder`);
    expect(fs.existsSync(path.dirname(dir))).toBe(false);
  });
});
