// psql, synchronously: the end-to-end tests are synchronous (see test/cli/in-process.ts), so the
// few things they ask the test server directly go through a psql process.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Runs `script` (statements, or psql meta-commands) in database `url`; returns psql's unaligned output. */
export function psql(bin: string, url: string, script: string): string {
  const result = spawnSync(path.join(bin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url], {
    input: script,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`psql failed (exit ${result.status}): ${result.stderr.trim()}`);
  return result.stdout;
}
