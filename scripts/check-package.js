#!/usr/bin/env node
// What a user gets from `npm install -g`: packs this folder (`prepack` builds it), installs the
// tarball into a temporary prefix as a global install, and runs the installed `oncall` with a
// home of its own: --version, `apply` of an example, `who` twice (the second run starts from
// the code cache the first one wrote for this install's path). .ci/run runs it after the tests.
//
// Usage: node scripts/check-package.js [--keep]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'oncall-package-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(what, run) {
  const started = Date.now();
  const result = run();
  console.log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

/** Runs a command, showing its output only when it fails. */
function quietly(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) fail(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function fail(message) {
  console.error(`check-package: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

try {
  console.log('Packing and installing oncall globally into a temporary prefix:');
  step('npm pack (prepack builds dist/)', () => quietly(npm, ['pack', '--pack-destination', tmp], root));
  const tarball = readdirSync(tmp).find((name) => name.endsWith('.tgz'));
  if (!tarball) fail('npm pack wrote no tarball');
  const listing = execFileSync('tar', ['tzf', path.join(tmp, tarball)], { encoding: 'utf8' });
  for (const needed of ['package/bin/oncall.js', 'package/bin/load-cli.js', 'package/bin/package.json', 'package/dist/oncall.cjs', 'package/dist/timeline-ui.mjs', 'package/drizzle/meta/_journal.json']) {
    if (!listing.split('\n').includes(needed)) fail(`the tarball has no ${needed}`);
  }
  const prefix = path.join(tmp, 'prefix');
  // --prefer-offline: the packages `npm ci` already fetched are in npm's cache.
  step('npm install -g (better-sqlite3 builds its addon)', () =>
    quietly(npm, ['install', '-g', path.join(tmp, tarball), '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--allow-scripts=better-sqlite3'], tmp));
  const bin = path.join(prefix, 'bin', 'oncall');
  if (!existsSync(bin)) fail(`npm install -g made no ${bin}`);
  const home = path.join(tmp, 'home');
  const env = { PATH: process.env.PATH, HOME: home, ONCALL_DB: path.join(tmp, 'oncall.db'), ONCALL_TZ: 'UTC', NO_COLOR: '1' };
  const oncall = (...args) => {
    const r = spawnSync(bin, args, { cwd: tmp, env, encoding: 'utf8' });
    if (r.status !== 0) fail(`oncall ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
    return r.stdout;
  };
  step('oncall --version', () => {
    if (oncall('--version').trim() !== version) fail(`oncall --version did not say ${version}`);
  });
  const example = path.join(prefix, 'lib', 'node_modules', 'oncall', 'examples', 'acme.yaml');
  step('oncall apply -f examples/acme.yaml', () => oncall('apply', '-f', example));
  step('oncall who', () => {
    if (!oncall('who').includes('payments-primary')) fail('oncall who did not list payments-primary');
  });
  step('oncall who, from the code cache', () => {
    oncall('who');
    const caches = path.join(home, '.cache', 'oncall');
    if (!existsSync(caches) || readdirSync(caches).length !== 1) fail(`the first run wrote no code cache in ${caches}`);
  });
  console.log('The installed oncall works.');
} catch (error) {
  if (!process.exitCode) {
    console.error(`check-package: ${error.message}`);
    process.exitCode = 1;
  }
} finally {
  if (keep) console.log(`Kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
