// The database file in hostile places (issue 13, class 11), in-process: a folder, a device, a
// missing folder, a path through a file, another program's lock. Each is one line on stderr
// with the right exit status (2: a path the user can fix; 1: a lock held too long), nothing
// changed. test/smoke/database-files.test.ts has the cases that need another user or a mount
// of their own (read-only files, folders and mounts, a full disk).

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, EXAMPLES, ok, run, runAsync, tempDir, type Env } from './helpers.js';
import { expectOneLine } from './one-line.js';

afterAll(cleanup);

const listing = (dir: string) => fs.readdirSync(dir).sort();

describe('paths that are not a database file', () => {
  test('a folder as --db: exit 2, nothing made in it', () => {
    const dir = tempDir();
    expectOneLine(run(['who', '--db', dir]), 2, `${dir} is a folder, not a database file; pass --db with a file path, e.g. ${path.join(dir, 'oncall.db')}`);
    expectOneLine(run(['person', 'add', 'ann', '--db', dir]), 2, /is a folder, not a database file/);
    expect(listing(dir)).toEqual([]);
  });

  test('/dev/null as --db (a device): exit 2, for reads and writes', () => {
    expectOneLine(run(['who', '--db', '/dev/null']), 2, '/dev/null is not a regular file (it is a device); pass --db with the path of a database file');
    expectOneLine(run(['person', 'add', 'ann', '--db', '/dev/null']), 2, /^\/dev\/null is not a regular file/);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('a folder that does not exist (--db or ONCALL_DB) is not created: exit 2, saying so', () => {
    const base = tempDir();
    const missing = path.join(base, 'typo', 'deeper');
    const message = `folder ${missing} does not exist; create it, or pass --db with a path in an existing folder`;
    expectOneLine(run(['who', '--db', path.join(missing, 'x.db')]), 2, message);
    expectOneLine(run(['person', 'add', 'ann'], { ONCALL_DB: path.join(missing, 'x.db') }), 2, message);
    expect(listing(base)).toEqual([]);
  });

  test('a path through a file (not a folder): exit 2', () => {
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'notes\n');
    expectOneLine(run(['who', '--db', path.join(file, 'x.db')]), 2, /a part of its path is a file, not a folder/);
    expect(fs.readFileSync(file, 'utf8')).toBe('notes\n');
  });

  test('an empty --db: exit 2', () => {
    expectOneLine(run(['who', '--db', '']), 2, 'the database path is empty; pass --db with a file path');
  });

  test('the default location is created, folders owner-only: $XDG_DATA_HOME/oncall/oncall.db', () => {
    const dataHome = path.join(tempDir(), 'share');
    const env: Env = { ONCALL_DB: undefined, XDG_DATA_HOME: dataHome };
    expect(ok(run(['person', 'add', 'ann'], env)).stdout).toContain('ann');
    const file = path.join(dataHome, 'oncall', 'oncall.db');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(dataHome).mode & 0o777).toBe(0o700);
  });
});

describe('a database locked by another program', () => {
  test('reads wait up to ONCALL_LOCK_TIMEOUT, then exit 1 in one line; after the lock, they work', async () => {
    const db = path.join(tempDir(), 'oncall.db');
    ok(run(['apply', '-f', EXAMPLES.acme], { ONCALL_DB: db }));
    const other = new Database(db);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      for (const args of [['who'], ['shifts', '--schedule', 'payments-primary'], ['export', 'yaml']]) {
        const r = await runAsync(args, { ONCALL_DB: db, ONCALL_LOCK_TIMEOUT: '0.3' });
        expectOneLine(r, 1, `${db} is locked by another oncall command or program (waited 0.3 s); nothing was changed: try again when it has finished, or wait longer with ONCALL_LOCK_TIMEOUT=SECONDS`);
      }
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect(ok(run(['who'], { ONCALL_DB: db })).stdout).toContain('payments-primary');
  });
});

