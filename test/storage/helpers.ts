// Shared by the storage tests: temp folders and raw access to an opened database.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { cleanupPg, onPostgres, tempPgDb } from '../pg/databases.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXAMPLES = {
  acme: path.join(ROOT, 'examples', 'acme.yaml'),
  weekend: path.join(ROOT, 'examples', 'weekend.yaml'),
};

const created: string[] = [];

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-storage-'));
  created.push(dir);
  return dir;
}

/**
 * A database of its own: a SQLite path that does not exist yet, or in the `postgres` vitest
 * project the URL of a new database with the current schema. Storage tests written against the
 * Store interface take their database from here to run on both backends.
 */
export function tempDatabase(): string {
  return onPostgres ? tempPgDb() : path.join(tempDir(), 'oncall.db');
}

export function cleanup(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  cleanupPg();
}

/** The better-sqlite3 handle behind whatever `openDatabase` / `ctx.store()` returned. */
export function raw(opened: unknown): Database.Database {
  const o = opened as { sqlite?: Database.Database; $client?: Database.Database };
  const handle = o.sqlite ?? o.$client;
  if (!handle) throw new Error('cannot find the SQLite handle of the opened database');
  return handle;
}

export function migrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8'));
  return journal.entries.length;
}

export function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

export function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
