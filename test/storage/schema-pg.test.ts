// storage/ is typed against the SQLite schema and runs unchanged on PostgreSQL only while the
// two schemas agree: same exports, JS property names, SQL names, JS value types, nullability,
// defaults, keys and indexes.

import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import * as sqlite from '../../src/storage/schema.js';
import * as pg from '../../src/storage/schema-pg.js';
import { cleanup, ROOT, tempDir } from './helpers.js';

interface Shape {
  name: string;
  columns: Record<string, unknown>;
  primaryKeys: string[][];
  indexes: Record<string, string[]>;
}

type AnyConfig = {
  name: string;
  columns: { name: string; dataType: string; notNull: boolean; primary: boolean; default?: unknown; enumValues?: string[] }[];
  primaryKeys: { columns: { name: string }[] }[];
  indexes: { config: { name?: string; columns: unknown[] } }[];
};

function shape(table: unknown, config: (t: never) => unknown): Shape {
  const c = config(table as never) as AnyConfig;
  const byName = Object.fromEntries(Object.entries(table as Record<string, { name?: string }>).filter(([, col]) => typeof col?.name === 'string'));
  return {
    name: c.name,
    columns: Object.fromEntries(
      c.columns.map((col) => {
        const property = Object.keys(byName).find((k) => byName[k] === col);
        return [property, { sql: col.name, type: col.dataType, notNull: col.notNull, primary: col.primary, default: col.default, enum: col.enumValues }];
      }),
    ),
    primaryKeys: c.primaryKeys.map((k) => k.columns.map((col) => col.name)),
    indexes: Object.fromEntries(c.indexes.map((i) => [i.config.name, i.config.columns.map((col) => (col as { name: string }).name)])),
  };
}

describe('the PostgreSQL schema', () => {
  afterAll(cleanup);

  test('mirrors the SQLite schema table by table', () => {
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
    for (const name of Object.keys(sqlite) as (keyof typeof sqlite)[]) {
      expect(shape(pg[name], pgConfig as never), name).toEqual(shape(sqlite[name], sqliteConfig as never));
    }
  });

  test('its migrations in drizzle/pg are up to date with it (npm run db:generate:pg has nothing to add)', () => {
    // On a copy: a schema change must not leave a stray migration behind in the checkout.
    // (drizzle-kit reads --out relative to the current folder, even an absolute path.)
    const out = path.join(tempDir(), 'pg');
    fs.cpSync(path.join(ROOT, 'drizzle', 'pg'), out, { recursive: true });
    const args = ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', './src/storage/schema-pg.ts', '--out', path.relative(ROOT, out)];
    expect(execFileSync('npx', args, { cwd: ROOT, encoding: 'utf8' })).toMatch(/No schema changes/);
  }, 60_000);
});
