// What a database file holds, read without changing it: for `oncall db status`, which must
// not set up or upgrade the file it reports on (every other command does that on open).

import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite-file.js';
import { storageFailure } from './failures.js';
import { inspect, knownVersion, refuseForeign } from './migrate.js';

export interface SchemaStatus {
  exists: boolean;
  /** The file's schema version: 0 for an empty file, undefined when there is no file. */
  version?: number;
  /** The version this oncall writes. */
  known: number;
  /** The file's size in bytes, with its write-ahead log. */
  bytes?: number;
}

export function schemaStatus(file: string): SchemaStatus {
  const known = knownVersion();
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return { exists: false, known };
  const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
  const bytes = stat.size + (wal?.size ?? 0);
  if (stat.size === 0) return { exists: true, version: 0, known, bytes };
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openSqlite(file, { readonly: true, fileMustExist: true });
    const found = inspect(sqlite);
    // A newer oncall's file is reported, not refused: saying so is what status is for.
    if (found.version <= known) refuseForeign(sqlite, file, found);
    return { exists: true, version: found.version, known, bytes };
  } catch (error) {
    throw storageFailure(error, file, 0) ?? error;
  } finally {
    sqlite?.close();
  }
}
