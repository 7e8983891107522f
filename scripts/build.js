#!/usr/bin/env node
// Bundles the CLI into dist/ with esbuild. One file per lazily loaded part (apply, export,
// chrono, drizzle…) instead of hundreds of modules: resolving and reading many small files
// is a large share of a 100 ms start-up. Type checking is `tsc --noEmit` (npm run build).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
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
