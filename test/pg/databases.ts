// The test side of the PostgreSQL harness: a fresh, migrated database per `tempDb()`, and the
// whole content of one as text (`dbState`), in the same format as the SQLite version so a test
// compares states the same way on both backends.

import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { claim, poolDirs, release, type PoolDirs } from './pool.js';
import { psql } from './sql.js';

/** True in the `postgres` vitest project (vitest.config.ts sets it). */
export const onPostgres = process.env.ONCALL_TEST_BACKEND === 'postgres';

const taken: string[] = [];
/** Unique across workers and across test files run one after another in the same worker. */
const prefix = `oncall_w${randomBytes(4).toString('hex')}_`;
let made = 0;

/** The URL of a new database, a copy of the migrated template, used by nobody else. */
export function tempPgDb(): string {
  const pg = inject('pg');
  const name = claimSoon(poolDirs(pg.pool)) ?? make(pg.bin, pg.base, pg.copy);
  taken.push(name);
  return `${pg.base}/${name}`;
}

const pause = new Int32Array(new SharedArrayBuffer(4));
const WAIT_MS = 1_000;

/**
 * A ready database, waiting briefly when the pool is empty: the main process makes the next one
 * faster than a psql of our own would (no process start, and no second CREATE racing it).
 */
function claimSoon(dirs: PoolDirs): string | undefined {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const name = claim(dirs);
    if (name !== undefined || Date.now() > deadline) return name;
    Atomics.wait(pause, 0, 0, 3);
  }
}

/** The pool ran dry (or stopped): make one here, at the cost of a psql start. */
function make(bin: string, base: string, copy: string): string {
  const name = `${prefix}${++made}`;
  psql(bin, `${base}/postgres`, `CREATE DATABASE ${name} ${copy};`);
  return name;
}

/** Hands this file's databases back to be dropped (the server goes at the end of the run anyway). */
export function cleanupPg(): void {
  if (taken.length === 0) return;
  release(poolDirs(inject('pg').pool), taken.splice(0));
}

export type Row = Record<string, unknown>;

/** Every row of every table in `url` but drizzle's journal, with each table's primary key columns. */
export function pgTables(url: string): { table: string; key: string[]; rows: Row[] }[] {
  const script = `
SELECT format('SELECT %L, %L, replace(coalesce(json_agg(t)::text, ''[]''), E''\\n'', '' '') FROM %I t',
  c.relname,
  coalesce((SELECT json_agg(a.attname ORDER BY k.i)::text
    FROM pg_index x, unnest(x.indkey) WITH ORDINALITY k(attnum, i), pg_attribute a
    WHERE x.indrelid = c.oid AND x.indisprimary AND a.attrelid = c.oid AND a.attnum = k.attnum), '[]'),
  c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '__drizzle_migrations'
ORDER BY c.relname
\\gexec
`;
  const pg = inject('pg');
  return psql(pg.bin, url, script)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      // Table name | key columns as JSON | rows as JSON (which may hold '|' itself).
      const [table, key] = line.split('|', 2);
      const rows = line.slice(table.length + key.length + 2);
      return { table, key: JSON.parse(key) as string[], rows: JSON.parse(rows) as Row[] };
    });
}


/** The rows `select` returns in `url`, as JSON reads them (bigint as numbers). */
export function pgQuery(url: string, select: string): Row[] {
  const out = psql(inject('pg').bin, url, `SELECT replace(coalesce(json_agg(q)::text, '[]'), E'\\n', ' ') FROM (${select}) q;`);
  return JSON.parse(out) as Row[];
}

/** Runs `statements` in `url`, in one transaction. */
export function pgExec(url: string, statements: string): void {
  psql(inject('pg').bin, url, `BEGIN;\n${statements};\nCOMMIT;`);
}
