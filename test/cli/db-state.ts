// Everything a test database holds, as text to compare before and after a command, read
// directly (no command runs). The same text on both backends: rows ordered by primary key,
// columns by name, booleans as SQLite keeps them (0/1), so one test works on either.

import Database from 'better-sqlite3';
import fs from 'node:fs';
import { pgTables, type Row } from '../pg/databases.js';

interface Table {
  table: string;
  /** Primary key columns, in key order (empty: order by the whole row). */
  key: string[];
  rows: Row[];
}

/**
 * Every row of every table but drizzle's migration journal. A SQLite file that does not exist
 * yet reads as an empty database, which is what any command would first make of it.
 */
export function dbState(location: string): string {
  return format(/^postgres(ql)?:\/\//.test(location) ? pgTables(location) : sqliteTables(location));
}

function sqliteTables(file: string): Table[] {
  if (!fs.existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name")
      .pluck()
      .all() as string[];
    return tables.map((table) => {
      const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[];
      const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      return { table, key, rows: db.prepare(`SELECT * FROM "${table}"`).all() as Row[] };
    });
  } finally {
    db.close();
  }
}

function format(tables: Table[]): string {
  return tables
    .filter(({ rows }) => rows.length > 0)
    .sort((a, b) => compare(a.table, b.table))
    .map(({ table, key, rows }) => {
      const order = (row: Row) => (key.length > 0 ? key.map((k) => row[k]) : [JSON.stringify(normal(row))]);
      const sorted = [...rows].sort((a, b) => compareAll(order(a), order(b)));
      return `${table}\n${sorted.map((row) => JSON.stringify(normal(row))).join('\n')}`;
    })
    .join('\n\n');
}

/** Columns by name; booleans as 0/1. */
function normal(row: Row): Row {
  return Object.fromEntries(
    Object.keys(row)
      .sort(compare)
      .map((k) => [k, typeof row[k] === 'boolean' ? Number(row[k]) : row[k]]),
  );
}

/** Numbers by value, text by code unit (as SQLite's BINARY collation), null first. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

function compareAll(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}
