#!/usr/bin/env node
// Writes the code cache that ships in dist/ (see bin/load-cli.js): runs `oncall who` on the
// example teams in this process, from the freshly built bundle, then saves what V8 compiled.
// Only the `who` path is warmed on purpose: every function in the cache is read at every
// start, and `who` is the command that must answer instantly.
//
// Usage: node scripts/warm-code-cache.js DIST_FOLDER
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { loadCli, shippedCachePath } = require('../bin/load-cli.js');
const root = fileURLToPath(new URL('..', import.meta.url));
const [distFolder] = process.argv.slice(2);
const bundle = path.join(distFolder, 'oncall.cjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'oncall-warm-'));
const env = { ONCALL_DB: path.join(tmp, 'warm.db'), ONCALL_TZ: 'UTC', NO_COLOR: '1', HOME: tmp, XDG_CONFIG_HOME: tmp };

function sink() {
  return { isTTY: false, write: () => true };
}

async function run(main, args) {
  const stdin = new PassThrough();
  stdin.end();
  const stderr = [];
  const status = await main(['node', 'oncall', ...args], { stdout: sink(), stderr: { isTTY: false, write: (t) => stderr.push(String(t)) }, stdin, env });
  if (status !== 0) throw new Error(`warm-up \`oncall ${args.join(' ')}\` exited ${status}: ${stderr.join('')}`);
}

try {
  // The examples are applied by another process, so apply's code stays out of the cache.
  // weekend.yaml has a `handoffs:` rule, which brings in rrule.
  for (const example of ['acme.yaml', 'weekend.yaml']) {
    const setup = `require(${JSON.stringify(path.join(root, 'bin', 'load-cli.js'))}).loadCli({ bundle: ${JSON.stringify(bundle)}, cache: false })`
      + `.exports.main(['node', 'oncall', 'apply', '-f', ${JSON.stringify(path.join(root, 'examples', example))}]).then((s) => { process.exitCode = s; })`;
    const applied = spawnSync(process.execPath, ['-e', setup], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    if (applied.status !== 0) throw new Error(`warm-up apply of ${example} exited ${applied.status}`);
  }
  // Compiled under the name it will have once the build renames the folder to dist/.
  const cli = loadCli({ bundle, env, cache: false, scriptName: path.join(root, 'dist', 'oncall.cjs') });
  await run(cli.exports.main, ['who']);
  await run(cli.exports.main, ['who', '--schedule', 'payments-primary']);
  writeFileSync(shippedCachePath(distFolder), cli.cacheNow());
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
