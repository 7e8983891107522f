// Vitest global setup of the `postgres` project: one real server for the whole run, a migrated
// template database, and a pool of copies of it; the tests find them through `inject('pg')`.

import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPool } from './pool.js';
import { startServer } from './server.js';
import { psql } from './sql.js';
import { prepareTemplate } from './template.js';

export const TEMPLATE = 'oncall_template';

export interface ProvidedPg {
  /** Superuser URL without a database: `${base}/name`. */
  base: string;
  bin: string;
  template: string;
  /** The pool's folder (see pool.ts). */
  pool: string;
  /** How CREATE DATABASE copies the template (see copyClause). */
  copy: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pg: ProvidedPg;
  }
}

/** Starts everything, with `prepare` giving the template its schema; returns the teardown. */
export async function setUpWith(project: TestProject, prepare: (url: string) => void): Promise<() => Promise<void>> {
  const started = performance.now();
  const server = await startServer();
  try {
    psql(server.bin, `${server.base}/postgres`, `CREATE DATABASE ${TEMPLATE};`);
    prepare(`${server.base}/${TEMPLATE}`);
    const copy = copyClause(Number(psql(server.bin, `${server.base}/postgres`, 'SHOW server_version_num;')));
    const pool = await startPool(server.base, copy, path.join(server.dir, 'pool'));
    project.provide('pg', { base: server.base, bin: server.bin, template: TEMPLATE, pool: pool.dirs.root, copy });
    // ONCALL_TEST_PG_TIMING=1 shows what the server costs the run.
    if (process.env.ONCALL_TEST_PG_TIMING) console.log(`PostgreSQL test server ready in ${Math.round(performance.now() - started)} ms (${server.base})`);
    return async () => {
      await pool.stop();
      server.stop();
    };
  } catch (error) {
    server.stop();
    throw error;
  }
}

/**
 * `TEMPLATE oncall_template`, and from PostgreSQL 15 on the FILE_COPY strategy: for a small
 * database it was faster than the default WAL_LOG (20-27 against 36-37 ms per copy, measured).
 */
function copyClause(version: number): string {
  return `TEMPLATE ${TEMPLATE}${version >= 150000 ? ' STRATEGY FILE_COPY' : ''}`;
}

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setUpWith(project, prepareTemplate);
}
