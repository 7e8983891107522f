#!/usr/bin/env node
// Bundles the CLI into dist/ with esbuild. One file per lazily loaded part (apply, export,
// chrono, drizzle…) instead of hundreds of modules: resolving and reading many small files
// is a large share of a 100 ms start-up. Type checking is `tsc --noEmit` (npm run build).
//
// The bundle is written to a fresh folder and renamed into place, so a build never leaves a
// half-written dist/ under a test run or a user. The build it replaces is kept for a while
// (a running oncall may still load one of its lazy chunks) and removed by a later build.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const stamp = `${Date.now()}-${process.pid}`;
const fresh = `${root}.dist-new-${stamp}`;
const replaced = `${root}.dist-replaced`;
const KEEP_MS = 15 * 60_000;

try {
  await build({
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: fresh,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    // The native addon must be loaded from node_modules; Ink and React (ESM with a WebAssembly
    // layout engine) load from there too, and only for `oncall timeline`.
    // The calendar clients are large CommonJS trees that load only for `oncall calendar`.
    external: [
      'better-sqlite3', 'ink', 'react', 'react/jsx-runtime',
      '@googleapis/calendar', 'google-auth-library', '@microsoft/microsoft-graph-client', '@azure/msal-node',
      '@napi-rs/keyring',
    ],
    // Bundled CommonJS dependencies call require(); give ESM chunks one.
    banner: { js: "import { createRequire as __oncallRequire } from 'node:module'; const require = __oncallRequire(import.meta.url);" },
    logLevel: 'warning',
  });
} catch (error) {
  rmSync(fresh, { recursive: true, force: true });
  throw error;
}

mkdirSync(replaced, { recursive: true });
// Each replaced build is named after the time it was replaced.
for (const name of readdirSync(replaced)) {
  if (!(Date.now() - Number.parseInt(name, 10) < KEEP_MS)) rmSync(`${replaced}/${name}`, { recursive: true, force: true });
}
if (existsSync(dist)) renameSync(dist, `${replaced}/${stamp}`);
renameSync(fresh, dist);
