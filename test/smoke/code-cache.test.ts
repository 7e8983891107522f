// The built CLI starts from V8's code cache (bin/load-cli.js). A cache is only ever a way to
// start sooner: a missing, foreign or damaged one, or nowhere to write one, must still give
// the same answer, exit 0 and print nothing extra. These tests run the real binary from a
// copy of bin/ and dist/ whose shipped cache is removed, as under another Node version.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cleanup, EXAMPLES, ROOT, spawnRun, tempDb, tempDir, testEnv } from '../cli/helpers.js';

afterAll(cleanup);

interface Loader {
  loadCli(options?: { bundle?: string; env?: Record<string, string>; cache?: boolean }): { usedCache: boolean };
  shippedCachePath(dist?: string): string;
}
const loader = createRequire(import.meta.url)(path.join(ROOT, 'bin', 'load-cli.js')) as Loader;

let db: string;
let expected: string;
beforeAll(() => {
  db = tempDb();
  const applied = spawnRun(['apply', '-f', EXAMPLES.acme], { ONCALL_DB: db });
  expect(applied.status, applied.stderr).toBe(0);
  expected = spawnRun(['who'], { ONCALL_DB: db }).stdout;
  expect(expected).toContain('payments-primary    Dave Lister');
});

/** bin/ and dist/ copied without the shipped cache; node_modules and drizzle/ linked. */
function installWithoutShippedCache(): string {
  const dir = tempDir();
  fs.cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true, filter: (from) => !from.endsWith('.cache') });
  for (const linked of ['node_modules', 'drizzle']) fs.symlinkSync(path.join(ROOT, linked), path.join(dir, linked));
  return dir;
}

function who(install: string, cacheHome: string) {
  return spawnSync(process.execPath, [path.join(install, 'bin', 'oncall.js'), 'who'], {
    env: testEnv({ ONCALL_DB: db, XDG_CACHE_HOME: cacheHome }),
    encoding: 'utf8',
  });
}

const cacheFiles = (cacheHome: string) => {
  const dir = path.join(cacheHome, 'oncall');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [];
};

test('the build ships a cache that this Node accepts', () => {
  expect(fs.existsSync(loader.shippedCachePath())).toBe(true);
  expect(loader.loadCli({ cache: true }).usedCache).toBe(true);
  expect(loader.loadCli({ cache: false }).usedCache).toBe(false);
});

test('without a shipped cache, the first run writes one for the user and the next run uses it', () => {
  const install = installWithoutShippedCache();
  const cacheHome = tempDir();
  const first = who(install, cacheHome);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toBe(expected);
  expect(first.stderr).toBe('');
  const [written, ...others] = cacheFiles(cacheHome);
  expect(others).toEqual([]);
  expect(path.basename(written)).toMatch(/^code-\d+-\d+-\d+\.cache$/);
  const before = fs.statSync(written, { bigint: true });

  const second = who(install, cacheHome);
  expect(second.status, second.stderr).toBe(0);
  expect(second.stdout).toBe(expected);
  // Accepted, so not written again (a rejected cache is replaced by a new file).
  expect(cacheFiles(cacheHome)).toEqual([written]);
  expect(fs.statSync(written, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
  expect(loader.loadCli({ bundle: path.join(install, 'dist', 'oncall.cjs'), env: { XDG_CACHE_HOME: cacheHome } }).usedCache).toBe(true);
});

test('under other V8 flags V8 rejects the shipped cache: the first run writes one for the user, the next uses it', () => {
  const cacheHome = tempDir();
  const run = () =>
    spawnSync(process.execPath, [path.join(ROOT, 'bin', 'oncall.js'), 'who'], {
      env: testEnv({ ONCALL_DB: db, XDG_CACHE_HOME: cacheHome, NODE_OPTIONS: '--max-old-space-size=3000' }),
      encoding: 'utf8',
    });
  const first = run();
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toBe(expected);
  const [written, ...others] = cacheFiles(cacheHome);
  expect(others).toEqual([]);
  expect(path.basename(written)).toMatch(/^code-\d+-\d+-\d+\.cache$/);
  const before = fs.statSync(written, { bigint: true });
  const second = run();
  expect(second.stdout).toBe(expected);
  expect(cacheFiles(cacheHome)).toEqual([written]);
  expect(fs.statSync(written, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
});

test('a damaged cache is ignored and replaced', () => {
  const install = installWithoutShippedCache();
  const cacheHome = tempDir();
  expect(who(install, cacheHome).status).toBe(0);
  const [written] = cacheFiles(cacheHome);
  fs.writeFileSync(written, Buffer.alloc(4096, 0xab));

  const r = who(install, cacheHome);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toBe(expected);
  expect(r.stderr).toBe('');
  // Replaced by a good one (an inode number may be reused, so the bytes tell).
  expect(cacheFiles(cacheHome)).toEqual([written]);
  expect(fs.readFileSync(written).equals(Buffer.alloc(4096, 0xab))).toBe(false);
  expect(loader.loadCli({ bundle: path.join(install, 'dist', 'oncall.cjs'), env: { XDG_CACHE_HOME: cacheHome } }).usedCache).toBe(true);
});

test('nowhere to write a cache is not an error', () => {
  const install = installWithoutShippedCache();
  const notAFolder = path.join(tempDir(), 'file');
  fs.writeFileSync(notAFolder, 'x');
  const r = who(install, notAFolder);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toBe(expected);
  expect(r.stderr).toBe('');
});

test('a cache from an earlier build is removed when the new one is written', () => {
  const install = installWithoutShippedCache();
  const cacheHome = tempDir();
  fs.mkdirSync(path.join(cacheHome, 'oncall'));
  const stale = path.join(cacheHome, 'oncall', 'code-1-2-3.cache');
  fs.writeFileSync(stale, 'old');
  expect(who(install, cacheHome).status).toBe(0);
  const files = cacheFiles(cacheHome);
  expect(files).toHaveLength(1);
  expect(files).not.toContain(stale);
});
