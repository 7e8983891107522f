// The schema every PostgreSQL test database starts from: `oncall db migrate` run once into the
// template database, which CREATE DATABASE … TEMPLATE then copies for each test. A shared
// database is never migrated silently, so this is the one place the tests migrate it.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Migrates the (empty) database at `url` with the built CLI, or fails with what went wrong. */
export function prepareTemplate(url: string): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'oncall.js'), 'db', 'migrate'], {
    cwd: ROOT,
    env: { ...process.env, ONCALL_DB: url, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const said = `${result.stderr}${result.stdout}`.trim();
    throw new Error(`PostgreSQL tests: \`ONCALL_DB=${url} oncall db migrate\` failed (exit ${result.status}), so there is no template schema: ${said}`);
  }
}
