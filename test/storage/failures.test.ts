// How a failed database or file operation reads to the user: one line, the right exit status
// (2 for a path the user can fix, 1 for a full or failing disk, a lock held too long, damage),
// and anything that is not a storage failure left alone (a bug shows as one).

import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { RuntimeFailure, UserError } from '../../src/errors.js';
import { storageFailure } from '../../src/storage/failures.js';
import { tempDir } from './helpers.js';

const FILE = path.join(tempDir(), 'oncall.db');
const sqliteError = (code: string, message = 'some text from SQLite') => new Database.SqliteError(message, code);
const errno = (code: string) => Object.assign(new Error(`${code}: from the system`), { code });

describe('storage failures', () => {
  test.each([
    [sqliteError('SQLITE_FULL'), RuntimeFailure, `the disk holding ${FILE} is full; nothing was changed: free some space and try again`],
    [errno('ENOSPC'), RuntimeFailure, `the disk holding ${FILE} is full; nothing was changed: free some space and try again`],
    [sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error'), RuntimeFailure, /^could not write or read .*oncall\.db \(disk I\/O error\): the disk may be full or failing/],
    [sqliteError('SQLITE_IOERR_FSYNC', 'disk I/O error'), RuntimeFailure, /the disk may be full or failing/],
    [sqliteError('SQLITE_BUSY'), RuntimeFailure, /is locked by another oncall command or program \(waited 2\.5 s\); nothing was changed: .* ONCALL_LOCK_TIMEOUT=SECONDS$/],
    [sqliteError('SQLITE_BUSY_SNAPSHOT'), RuntimeFailure, /is locked by another oncall command or program/],
    [sqliteError('SQLITE_CORRUPT', 'database disk image is malformed'), RuntimeFailure, /is damaged \(database disk image is malformed\); restore it from a backup/],
    [sqliteError('SQLITE_READONLY'), UserError, /cannot be changed: .*; .* to change it \(commands that only read still work\)$/],
    [sqliteError('SQLITE_CANTOPEN'), UserError, /^cannot open .*oncall\.db: /],
  ])('%s → %s', (error, kind, message) => {
    const failure = storageFailure(error, FILE, 2500);
    expect(failure).toBeInstanceOf(kind);
    if (typeof message === 'string') expect(failure!.message).toBe(message);
    else expect(failure!.message).toMatch(message);
    expect(failure!.message).not.toContain('\n');
  });

  test('a cause inside a wrapper is found', () => {
    const wrapped = new Error('Failed query: insert …', { cause: sqliteError('SQLITE_FULL') });
    expect(storageFailure(wrapped, FILE, 1000)).toBeInstanceOf(RuntimeFailure);
  });

  test('anything else is not a storage failure', () => {
    expect(storageFailure(new TypeError('x is undefined'), FILE, 1000)).toBeUndefined();
    expect(storageFailure(sqliteError('SQLITE_CONSTRAINT_UNIQUE'), FILE, 1000)).toBeUndefined();
    expect(storageFailure('a string', FILE, 1000)).toBeUndefined();
  });
});
