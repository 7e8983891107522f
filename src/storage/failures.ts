// What a failed database or file operation means to the user, as one line: a path they can
// fix is a UserError (exit 2); a full disk, a failing disk, a lock held too long or a damaged
// file is a RuntimeFailure (exit 1). Anything else is left as it is (a bug).

import fs from 'node:fs';
import path from 'node:path';
import { RuntimeFailure, UserError } from '../errors.js';

/** The SQLite result code (`SQLITE_FULL`…) or errno code (`ENOSPC`…) of an error or its cause. */
export function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export const isBusy = (error: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(errorCode(error) ?? '');

/** How long writers wait for the lock, and the variable that changes it (said in the time-out message). */
export const LOCK_TIMEOUT_VARIABLE = 'ONCALL_LOCK_TIMEOUT';

/**
 * The one-line failure for `error` on database `file`, or undefined when it is not a storage
 * failure. `lockTimeoutMs` is how long this run waited for a lock.
 */
export function storageFailure(error: unknown, file: string, lockTimeoutMs: number): UserError | RuntimeFailure | undefined {
  if (error instanceof UserError || error instanceof RuntimeFailure) return error;
  const code = errorCode(error);
  if (!code) return undefined;
  const detail = (error as Error).message;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new RuntimeFailure(
      `${file} is locked by another oncall command or program (waited ${seconds(lockTimeoutMs)}); nothing was changed: try again when it has finished, or wait longer with ${LOCK_TIMEOUT_VARIABLE}=SECONDS`,
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new RuntimeFailure(`the disk holding ${file} is full; nothing was changed: free some space and try again`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO' || code === 'EFBIG') {
    return new RuntimeFailure(
      `could not write or read ${file} (${detail}): the disk may be full or failing; nothing was changed: free some space or check the disk, then try again`,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return readOnly(file);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new RuntimeFailure(`${file} is damaged (${detail}); restore it from a backup (oncall keeps ${path.basename(file)}.schema-N.bak before upgrades) or pass --db with another path`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM') {
    return new UserError(`cannot open ${file}: ${whyNotOpen(file)}; fix that, or pass --db with another path`);
  }
  return undefined;
}

/**
 * A change refused because the database cannot be written, saying why and what to do.
 * `first` is what opening needed to write (setting up or upgrading the file) when the
 * command itself only reads.
 */
export function readOnly(file: string, first?: string): UserError {
  const { why, fix } = whyReadOnly(file);
  return new UserError(
    first
      ? `${file} cannot be changed: ${why}, and ${first}; ${fix} and run oncall again`
      : `${file} cannot be changed: ${why}; ${fix} to change it (commands that only read still work)`,
  );
}

function whyReadOnly(file: string): { why: string; fix: string } {
  const dir = path.dirname(path.resolve(file));
  const fileAccess = failsAccess(file, fs.constants.W_OK);
  if (fileAccess === 'EROFS') return { why: 'it is on a read-only file system', fix: 'copy it to a writable place (and pass --db)' };
  if (fileAccess) return { why: 'the file is read-only for you', fix: 'make the file writable' };
  if (failsAccess(dir, fs.constants.W_OK)) {
    return { why: `its folder ${dir} is not writable for you (SQLite writes its -wal and -shm files there)`, fix: 'make the folder writable' };
  }
  return { why: 'it was opened read-only', fix: 'check its permissions' };
}

function whyNotOpen(file: string): string {
  const dir = path.dirname(path.resolve(file));
  if (failsAccess(dir, fs.constants.X_OK)) return `its folder ${dir} cannot be entered (permission denied)`;
  if (failsAccess(file, fs.constants.R_OK)) return 'the file is not readable for you (permission denied)';
  if (failsAccess(dir, fs.constants.W_OK)) return `its folder ${dir} is not writable for you (SQLite writes its -wal and -shm files there)`;
  return 'SQLite could not open it';
}

/** The errno code when `file` lacks the access `mode`, else undefined. */
export function failsAccess(file: string, mode: number): string | undefined {
  try {
    fs.accessSync(file, mode);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
