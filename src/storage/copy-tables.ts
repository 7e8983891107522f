// A whole database copied table by table through the Store, between any two backends: every
// oncall table (the list comes from the drizzle schema, so a new table is copied without
// touching this file) with its ids as they are, read from one snapshot of the source and
// written in one transaction on the target, which must hold no oncall rows at all: a copy never
// merges into or overwrites data.

import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { RuntimeFailure, UserError } from '../errors.js';
import * as schema from './schema.js';
import type { Store } from './store.js';
import { KEPT_TABLES } from './kept-shifts.js';

interface TableCopy {
  name: string;
  columns: string[];
  /** Columns stored as 0/1 on SQLite and as boolean on PostgreSQL. */
  booleans: Set<string>;
  /** The primary key's columns: rows are copied in their order. */
  key: string[];
  /** The generated id column (an identity on PostgreSQL, AUTOINCREMENT on SQLite), if any. */
  generated?: string;
}

/** Rows per INSERT: one round trip for many rows, well under both backends' parameter limits. */
const BATCH_ROWS = 500;
const MAX_PARAMETERS = 30_000;

let described: TableCopy[] | undefined;
/** Every oncall table, as the drizzle schema declares it. */
export function oncallTables(): TableCopy[] {
  return (described ??= (Object.values(schema) as unknown[])
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => {
      const { name, columns, primaryKeys } = getTableConfig(table);
      const primary = columns.filter((c) => c.primary);
      return {
        name,
        columns: columns.map((c) => c.name),
        booleans: new Set(columns.filter((c) => c.columnType === 'SQLiteBoolean').map((c) => c.name)),
        key: primary.length > 0 ? primary.map((c) => c.name) : primaryKeys.flatMap((k) => k.columns.map((c) => c.name)),
        generated: primary.find((c) => (c as { autoIncrement?: boolean }).autoIncrement)?.name,
      };
    })
    .sort((a, b) => Number(KEPT_TABLES.includes(a.name)) - Number(KEPT_TABLES.includes(b.name))));
}

const quoted = (name: string): string => `"${name}"`;

/** The oncall tables of `store` that hold at least one row, in one statement. */
export async function tablesWithRows(store: Store): Promise<string[]> {
  const probes = oncallTables().map((t) => `SELECT '${t.name}' AS name WHERE EXISTS (SELECT 1 FROM ${quoted(t.name)})`);
  return (await store.sql.all<{ name: string }>(probes.join(' UNION ALL '))).map((r) => r.name);
}

/**
 * Copies every row of `source` into `target`, which must have the current schema and no oncall
 * rows (`where` names it in the refusal). The target is written in one transaction under its
 * write lock (so two copies into one database cannot both find it empty) and rolls back whole
 * on any failure; the source is read inside one read-only snapshot, so a command writing to it
 * meanwhile lands entirely before or after the copy. Returns how many rows were copied.
 */
export async function copyTables(source: Store, target: Store, where: string): Promise<number> {
  return target.write(async () => {
    const filled = await tablesWithRows(target);
    if (filled.length > 0) {
      throw new UserError(
        `${where} already holds oncall data (${filled.slice(0, 3).join(', ')}${filled.length > 3 ? ', …' : ''}); oncall db copy never merges into or overwrites a database: give --to an empty one`,
      );
    }
    return source.snapshot(async () => {
      let rows = 0;
      for (const table of oncallTables()) {
        try {
          rows += await copyTable(source, target, table);
        } catch (error) {
          if (error instanceof UserError || error instanceof RuntimeFailure || !(error instanceof Error)) throw error;
          // The target's transaction rolls back: say so, on one line.
          throw new RuntimeFailure(`cannot copy ${table.name} into ${where} (${error.message.replace(/\s+/g, ' ')}); nothing was written there`);
        }
      }
      return rows;
    });
  });
}

async function copyTable(source: Store, target: Store, table: TableCopy): Promise<number> {
  const columns = table.columns.map(quoted).join(', ');
  const rows = await source.sql.all<Record<string, unknown>>(`SELECT ${columns} FROM ${quoted(table.name)} ORDER BY ${table.key.map(quoted).join(', ')}`);
  const value = valueFor(target, table);
  const perBatch = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const tuple = `(${table.columns.map(() => '?').join(', ')})`;
  for (let from = 0; from < rows.length; from += perBatch) {
    const batch = rows.slice(from, from + perBatch);
    const params = batch.flatMap((row) => table.columns.map((column) => value(column, row[column])));
    await target.sql.run(`INSERT INTO ${quoted(table.name)} (${columns}) VALUES ${batch.map(() => tuple).join(', ')}`, params);
  }
  if (target.backend === 'postgres' && table.generated) {
    // Ids were inserted as they are, which PostgreSQL's identity does not notice: moved past the
    // highest, the next row added on the target gets a fresh id (is_called false: an empty table starts at 1).
    const id = quoted(table.generated);
    await target.sql.get(
      `SELECT setval(pg_get_serial_sequence('${quoted(table.name)}', '${table.generated}'), GREATEST(max(${id}), 1), max(${id}) IS NOT NULL) FROM ${quoted(table.name)}`,
    );
  }
  return rows.length;
}

/** A value as the target stores it: booleans are 0/1 on SQLite, true/false on PostgreSQL. */
function valueFor(target: Store, table: TableCopy): (column: string, value: unknown) => unknown {
  return (column, value) => {
    if (value === null || value === undefined || !table.booleans.has(column)) return value ?? null;
    return target.backend === 'sqlite' ? (value ? 1 : 0) : Boolean(value);
  };
}
