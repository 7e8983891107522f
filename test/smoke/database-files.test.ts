// The database file where the user cannot write it, or the disk cannot take more (issue 13,
// class 11): commands that only read still work; a change is one line on stderr, exit 2 for
// a path the user can fix, exit 1 for a full or failing disk; nothing changed.
//
// File modes do not stop root, so when the tests run as root, the runs that need them are the
// real binary started as `nobody`. The read-only mount and the full disk need a mount of
// their own: a tmpfs in a user and mount namespace (unshare -rm), skipped where that is not
// allowed. test/cli/database-files.test.ts has the in-process cases.

import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, cleanup, dbState, EXAMPLES, ok, ROOT, run, tempDir, testEnv, type Env, type Result } from '../cli/helpers.js';
import { expectOneLine } from '../cli/one-line.js';

afterAll(cleanup);

const listing = (dir: string) => fs.readdirSync(dir).sort();

/**
 * dbState of a copy: reading the file in place would leave -wal and -shm files beside it
 * (made for its owner), which let SQLite write even in a folder that is read-only.
 */
function stateOf(db: string): string {
  const copy = path.join(tempDir(), 'copy.db');
  fs.copyFileSync(db, copy);
  if (fs.existsSync(`${db}-wal`)) fs.copyFileSync(`${db}-wal`, `${copy}-wal`);
  return dbState(copy);
}

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const dropRoot: SpawnSyncOptions = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
const canDropRoot = !asRoot || spawnSync(process.execPath, [BIN, '--version'], { cwd: ROOT, ...dropRoot }).status === 0;
const NO_USER = 'running as root, and user nobody cannot run this checkout';
if (!canDropRoot) console.warn(`test/smoke/database-files.test.ts: file-mode tests skipped: ${NO_USER}`);

/** The real binary as a user that file modes apply to (this one, or `nobody` when this is root). */
function asUser(args: string[], env: Env = {}): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: testEnv(env), encoding: 'utf8', timeout: 20_000, ...dropRoot });
  if (r.error) throw r.error;
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A folder that user owns, holding an acme database of theirs. */
function userDatabase(): { dir: string; db: string } {
  const dir = tempDir();
  const db = path.join(dir, 'oncall.db');
  ok(run(['apply', '-f', EXAMPLES.acme], { ONCALL_DB: db }));
  if (asRoot) for (const owned of [dir, db]) fs.chownSync(owned, NOBODY, NOBODY);
  return { dir, db };
}

describe.runIf(canDropRoot)('file modes', () => {
  const READS = [['who'], ['export', 'yaml']];

  test.each([
    ['a read-only file', 0o400, 0o700, 'the file is read-only for you; make the file writable'],
    ['a read-only file in a read-only folder (as on a read-only mount)', 0o400, 0o500, 'the file is read-only for you; make the file writable'],
    ['a writable file in a read-only folder', 0o600, 0o500, 'its folder DIR is not writable for you (SQLite writes its -wal and -shm files there); make the folder writable'],
  ])('%s: reading works as before; a change is refused (exit 2), nothing changed', (_name, fileMode, dirMode, why) => {
    const { dir, db } = userDatabase();
    const before = READS.map((args) => ok(run(args, { ONCALL_DB: db })).stdout);
    const state = stateOf(db);
    fs.chmodSync(db, fileMode);
    fs.chmodSync(dir, dirMode);
    const files = listing(dir);
    try {
      expect(READS.map((args) => ok(asUser([...args, '--db', db])).stdout)).toEqual(before);
      const message = `${db} cannot be changed: ${why.replace('DIR', dir)} to change it (commands that only read still work)`;
      expectOneLine(asUser(['person', 'add', 'zed', '--name', 'Zed', '--db', db]), 2, message);
      expectOneLine(asUser(['apply', '-f', EXAMPLES.weekend, '--db', db]), 2, message);
      if (dirMode === 0o500) expect(listing(dir)).toEqual(files);
    } finally {
      fs.chmodSync(dir, 0o700);
      fs.chmodSync(db, 0o600);
    }
    expect(stateOf(db)).toBe(state);
  });

  test('a read-only database of an older schema cannot be upgraded: exit 2 saying so, left as it was', () => {
    const { db } = userDatabase();
    const journal = JSON.parse(fs.readFileSync(path.join(ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8')).entries as { tag: string }[];
    const version = journal.length - 1;
    fs.rmSync(db);
    const sqlite = new Database(db);
    for (const { tag } of journal.slice(0, version)) sqlite.exec(fs.readFileSync(path.join(ROOT, 'drizzle', `${tag}.sql`), 'utf8'));
    sqlite.pragma(`user_version = ${version}`);
    sqlite.close();
    if (asRoot) fs.chownSync(db, NOBODY, NOBODY);
    fs.chmodSync(db, 0o400);
    const bytes = fs.readFileSync(db);
    expectOneLine(
      asUser(['who', '--db', db]),
      2,
      `${db} cannot be changed: the file is read-only for you, and it must be upgraded from schema ${version} first; make the file writable and run oncall again`,
    );
    expect(fs.readFileSync(db).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${db}.schema-${version}.bak`)).toBe(false);
  });

  test('an unreadable file: exit 2', () => {
    const { db } = userDatabase();
    fs.chmodSync(db, 0o000);
    expectOneLine(asUser(['who', '--db', db]), 2, `cannot open ${db}: the file is not readable for you (permission denied); fix that, or pass --db with another path`);
  });

  test('a new database in a folder the user cannot write: exit 2, nothing made', () => {
    const { dir } = userDatabase();
    fs.chmodSync(dir, 0o500);
    try {
      const files = listing(dir);
      const db = path.join(dir, 'new.db');
      const message = `cannot create ${db}: folder ${dir} is not writable for you; pass --db with a path in a folder you can write`;
      expectOneLine(asUser(['who', '--db', db]), 2, message);
      expectOneLine(asUser(['person', 'add', 'ann', '--db', db]), 2, message);
      expect(listing(dir)).toEqual(files);
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });
});

const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k none "$0"', tempDir()]).status === 0;
if (!canMount) console.warn('test/smoke/database-files.test.ts: mount tests skipped: unshare -rm cannot mount a tmpfs here');
const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * Runs `script` (sh) in a namespace with a fresh tmpfs of `size` at $MNT; `oncall` there is the
 * binary with the test environment. What it leaves outside the mount stays.
 */
function inMount(size: string, script: string): { status: number | null; stderr: string; out: string } {
  const mnt = tempDir();
  const oncall = `${quote(process.execPath)} ${quote(BIN)}`;
  const full = `set -e; MNT=${quote(mnt)}; mount -t tmpfs -o size=${size} none "$MNT"; oncall() { ${oncall} "$@"; }; ${script}`;
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', full], { cwd: ROOT, env: testEnv(), encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr, out: r.stdout };
}

/** A YAML file of `n` people with long names: a lot to write. */
function manyPeople(n: number): string {
  const file = path.join(tempDir(), 'many.yaml');
  const people = Array.from({ length: n }, (_, i) => `  - id: p${i}\n    name: Person ${i} with a name long enough to fill pages quickly`);
  fs.writeFileSync(file, `version: 1\npeople:\n${people.join('\n')}\n`);
  return file;
}

/** Runs `oncall ARGS` in the script, keeping its status and stderr in files under `out`. */
const keep = (out: string, name: string, args: string) => `set +e; oncall ${args} >/dev/null 2>${quote(path.join(out, `${name}.err`))}; echo $? >${quote(path.join(out, `${name}.status`))}; set -e;`;
const kept = (out: string, name: string): Result => ({
  status: Number(fs.readFileSync(path.join(out, `${name}.status`), 'utf8')),
  stdout: '',
  stderr: fs.readFileSync(path.join(out, `${name}.err`), 'utf8'),
});

describe.runIf(canMount)('a mount of its own', () => {
  test('a read-only mount: reads work; a change, or a new database there, is refused (exit 2)', () => {
    const out = tempDir();
    const r = inMount(
      '4m',
      `oncall apply -f ${quote(EXAMPLES.acme)} --db "$MNT/oncall.db" >/dev/null
       mount -o remount,ro "$MNT"
       oncall who --db "$MNT/oncall.db" >${quote(path.join(out, 'who.txt'))}
       ${keep(out, 'add', 'person add zed --db "$MNT/oncall.db"')}
       ${keep(out, 'new', 'who --db "$MNT/new.db"')}
       ls -A "$MNT" >${quote(path.join(out, 'ls.txt'))}`,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, 'who.txt'), 'utf8')).toMatch(/^SCHEDULE[\s\S]*payments-primary/);
    expectOneLine(kept(out, 'add'), 2, /oncall\.db cannot be changed: it is on a read-only file system; copy it to a writable place \(and pass --db\) to change it/);
    expectOneLine(kept(out, 'new'), 2, /new\.db: .* is on a read-only file system; pass --db with a path in a folder you can write$/);
    expect(fs.readFileSync(path.join(out, 'ls.txt'), 'utf8')).toBe('oncall.db\n');
  });

  test('a full disk: exit 1 "the disk … is full", nothing changed, and the database still works', () => {
    const out = tempDir();
    const many = manyPeople(2000);
    const r = inMount(
      '512k',
      `oncall apply -f ${quote(EXAMPLES.acme)} --db "$MNT/oncall.db" >/dev/null
       cp "$MNT/oncall.db" ${quote(path.join(out, 'before.db'))}
       if [ -f "$MNT/oncall.db-wal" ]; then cp "$MNT/oncall.db-wal" ${quote(path.join(out, 'before.db-wal'))}; fi
       ${keep(out, 'apply', `apply -f ${quote(many)} --db "$MNT/oncall.db"`)}
       oncall who --db "$MNT/oncall.db" >${quote(path.join(out, 'who.txt'))}
       cp "$MNT/oncall.db" ${quote(path.join(out, 'after.db'))}
       if [ -f "$MNT/oncall.db-wal" ]; then cp "$MNT/oncall.db-wal" ${quote(path.join(out, 'after.db-wal'))}; fi`,
    );
    expect(r.status, r.stderr).toBe(0);
    expectOneLine(kept(out, 'apply'), 1, /^the disk holding .*oncall\.db is full; nothing was changed: free some space and try again$/);
    expect(fs.readFileSync(path.join(out, 'who.txt'), 'utf8')).toContain('payments-primary');
    expect(dbState(path.join(out, 'after.db'))).toBe(dbState(path.join(out, 'before.db')));
  });
});

test('a file size limit (ulimit -f) stopping a write: exit 1 in one line, nothing changed', () => {
  const db = path.join(tempDir(), 'oncall.db');
  ok(run(['apply', '-f', EXAMPLES.acme], { ONCALL_DB: db }));
  const state = dbState(db);
  const limitKb = Math.ceil(fs.statSync(db).size / 1024) + 64;
  const r = spawnSync('bash', ['-c', `ulimit -f ${limitKb}; exec ${quote(process.execPath)} ${quote(BIN)} apply -f ${quote(manyPeople(1500))}`], {
    cwd: ROOT,
    env: testEnv({ ONCALL_DB: db }),
    encoding: 'utf8',
  });
  expectOneLine(
    { status: r.status, stdout: r.stdout, stderr: r.stderr },
    1,
    /^could not write or read .*oncall\.db \(disk I\/O error\): the disk may be full or failing; nothing was changed: free some space or check the disk, then try again$/,
  );
  expect(dbState(db)).toBe(state);
});
