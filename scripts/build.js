#!/usr/bin/env node
// Bundles the CLI into dist/ with esbuild:
// - dist/oncall.cjs: the whole CLI as one CommonJS file. bin/load-cli.js compiles it with
//   V8's code cache (Node 20 has none for ES modules), which halves what `oncall who` spends
//   before it can answer. Modules loaded lazily stay lazy: esbuild wraps each in a function
//   that runs on first import, so the size of the file costs only its read.
// - dist/oncall.cjs.cache: that cache, from a warm-up run of `who` (scripts/warm-code-cache.js).
// - dist/timeline-ui.mjs: the Ink timeline as an ES module, because Ink and React are ES
//   modules that CommonJS cannot require on every Node 20.
// Type checking is `tsc --noEmit` (npm run build).
//
// The bundle is written to a fresh folder and renamed into place, so a build never leaves a
// half-written dist/ under a test run or a user. The build it replaces is kept for a while
// (a running oncall may still load its timeline module) and removed by a later build.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { catalogueFile, countryFile } from './holiday-data.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const stamp = `${Date.now()}-${process.pid}`;
const fresh = `${root}.dist-new-${stamp}`;
const replaced = `${root}.dist-replaced`;
const KEEP_MS = 15 * 60_000;

// Loaded from node_modules at run time: `bindings`, which finds the native SQLite addon
// from the folder of better-sqlite3 (whose JavaScript is bundled, so that the code cache
// holds it: loading its ten files took 8-10 ms of every `who`); Ink and React (ES modules,
// only for `oncall timeline`); the calendar clients and the keyring, large trees that only
// `oncall calendar` needs.
const EXTERNAL = [
  'bindings', 'ink', 'react', 'react/jsx-runtime',
  '@googleapis/calendar', 'google-auth-library', '@microsoft/microsoft-graph-client', '@azure/msal-node',
  '@napi-rs/keyring',
];
const TIMELINE_UI = './timeline-ui.mjs';
// Large libraries that `who` never loads, each bundled into dist/vendor/ on its own: left in
// oncall.cjs they made every start read 2.3 MB more, and from node_modules zod alone takes
// 110 ms to load. Only these files import them, so each still exists once per process.
// Each is the package's ES module build, as before, made CommonJS. The bundle imports them
// as Node imports CommonJS: a default import is the whole module.exports.
const VENDOR = {
  zod: "export * from 'zod';", // apply's file checks
  // holiday regions: the package's parser, with one country's data per file (vendor-date-holidays.js)
  'date-holidays': "module.exports = require('./scripts/vendor-date-holidays.js').default;",
  'ical.js': "module.exports = require('ical.js').default;", // timeoff import
  'chrono-node': "export * from 'chrono-node';", // time words ("next monday")
};

// The CLI imports the Ink timeline as the separate ES module built next to it.
const timelineAsModule = {
  name: 'timeline-ui',
  setup(b) {
    b.onResolve({ filter: /\/ui\/render-timeline\.js$/ }, () => ({ path: TIMELINE_UI, external: true }));
  },
};
// commander requires child_process when it loads, for executable subcommands, which oncall has
// none of: 4 ms of every start. Its one call, spawn, loads child_process when made.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};
const vendorFiles = {
  name: 'vendor',
  setup(b) {
    const names = Object.keys(VENDOR).map((name) => name.replace(/[.]/g, '\\.'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: vendorPath(args.path), external: true }));
  },
};
const vendorPath = (name) => `./vendor/${name}.cjs`;
// The holidays' vendor file, made lighter to load:
// - moment-timezone's few calls are answered by our own zone arithmetic
//   (scripts/vendor-moment-timezone.js) instead of moment and its 700 KB of zones;
// - astronomia's Earth series are read from JSON on first use (scripts/vendor-vsop87-earth.js);
// - astronomia's modules only define functions, so the ones nothing uses are left out (without
//   being told, esbuild keeps all 50 in case loading them does something).
// The parser is the one date-holidays itself uses, and the Earth series the one that parser
// uses, wherever npm put them: the data files are written for them.
const packageDir = (name, from) => dirname(createRequire(`${from}/`).resolve(`${name}/package.json`));
const holidaysDir = packageDir('date-holidays', root);
const parserDir = packageDir('date-holidays-parser', holidaysDir);
const holidayVendor = {
  name: 'holiday-vendor',
  setup(b) {
    b.onResolve({ filter: /^date-holidays-parser$/ }, ({ kind, pluginData }) =>
      pluginData === 'parser' ? undefined : b.resolve('date-holidays-parser', { kind, resolveDir: holidaysDir, pluginData: 'parser' }));
    b.onResolve({ filter: /^moment-timezone$/ }, () => ({ path: `${root}scripts/vendor-moment-timezone.js` }));
    b.onResolve({ filter: /^astronomia\/data\/vsop87Bearth$/ }, () => ({ path: `${root}scripts/vendor-vsop87-earth.js` }));
    b.onResolve({ filter: /./ }, async ({ path, importer, kind, resolveDir, pluginData }) => {
      if (pluginData === 'astronomia' || !`${importer}|${path}`.includes('astronomia')) return undefined;
      const found = await b.resolve(path, { kind, importer, resolveDir, pluginData: 'astronomia' });
      return /[\\/]node_modules[\\/]astronomia[\\/]/.test(found.path) ? { path: found.path, sideEffects: false } : undefined;
    });
  },
};

/**
 * dist/vendor/holidays/: a file per country and a catalogue of names (scripts/holiday-data.js),
 * and astronomia's Earth series.
 */
async function writeHolidayData(folder) {
  const { data } = createRequire(`${holidaysDir}/`)('./lib/data.cjs');
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${folder}/catalogue.json`, JSON.stringify(catalogueFile(data)));
  for (const country of Object.keys(data.holidays)) {
    writeFileSync(`${folder}/${country}.json`, JSON.stringify(countryFile(data, country)));
  }
  const earthFile = join(packageDir('astronomia', parserDir), 'data', 'vsop87Bearth.js');
  const { default: earth } = await import(pathToFileURL(earthFile).href);
  writeFileSync(`${folder}/vsop87Bearth.json`, JSON.stringify(earth));
}

try {
  await build({
    entryPoints: { 'timeline-ui': 'src/ui/render-timeline.tsx' },
    outdir: fresh,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    external: EXTERNAL,
    logLevel: 'warning',
  });
  for (const [name, contents] of Object.entries(VENDOR)) {
    await build({
      stdin: { contents, resolveDir: root, sourcefile: `vendor-${name}.js` },
      minifyWhitespace: true,
      conditions: ['import'],
      outfile: `${fresh}/${vendorPath(name)}`,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      plugins: name === 'date-holidays' ? [holidayVendor] : [],
      logLevel: 'warning',
    });
  }
  await writeHolidayData(`${fresh}/vendor/holidays`);
  const holidayData = holidayDataName(`${fresh}/vendor`);
  await build({
    entryPoints: { oncall: 'src/cli/main.ts' },
    outdir: fresh,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    minifyWhitespace: true,
    charset: 'ascii',
    legalComments: 'none',
    external: EXTERNAL,
    plugins: [timelineAsModule, vendorFiles, lazyChildProcess],
    // The sources are ES modules that find their files (migrations, the SQLite addon) from
    // import.meta.url; in the bundle that is the bundle's own URL.
    // The holiday data's name: report's cache of computed holidays (src/app/holiday-years.ts)
    // is kept under it, so no other build's library or data reads it.
    define: { 'import.meta.url': '__importMetaUrl', __ONCALL_HOLIDAY_DATA__: JSON.stringify(holidayData) },
    banner: {
      js: [
        "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
        // bin/load-cli.js passes import() in; loaded by Node itself (import('dist/oncall.cjs')), the real one works.
        "var __importEsm = typeof __oncallImport === 'function' ? __oncallImport : (specifier) => import(specifier);",
      ].join('\n'),
    },
    logLevel: 'warning',
  });
  finishBundle(`${fresh}/oncall.cjs`);
  const warm = spawnSync(process.execPath, [`${root}scripts/warm-code-cache.js`, fresh], { stdio: 'inherit' });
  if (warm.status !== 0) throw new Error(`warming the code cache failed (exit ${warm.status})`);
} catch (error) {
  rmSync(fresh, { recursive: true, force: true });
  throw error;
}

/** A digest of the holiday library's vendor file and every data file it reads. */
function holidayDataName(vendor) {
  const hash = createHash('sha256').update(readFileSync(`${vendor}/date-holidays.cjs`));
  for (const name of readdirSync(`${vendor}/holidays`).sort()) hash.update(name).update(readFileSync(`${vendor}/holidays/${name}`));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Two rewrites the loader needs: import() calls go through __importEsm (see the banner),
 * and the text becomes pure ASCII so the loader can read it as latin1, without UTF-8
 * decoding. esbuild's ASCII charset leaves non-ASCII characters in regular expression
 * literals (chrono's French and Japanese words); \uXXXX means the same character there.
 */
function finishBundle(file) {
  const known = new Set([...EXTERNAL, ...Object.keys(VENDOR).map(vendorPath), TIMELINE_UI, 'node:crypto']);
  const text = readFileSync(file, 'utf8')
    .replace(/\bimport\(("[^"]*")\)/g, (_call, specifier) => {
      if (!known.has(JSON.parse(specifier))) throw new Error(`unexpected import(${specifier}) in the bundle: add it to EXTERNAL or bundle it`);
      return `__importEsm(${specifier})`;
    })
    .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, text);
}

mkdirSync(replaced, { recursive: true });
// Each replaced build is named after the time it was replaced.
for (const name of readdirSync(replaced)) {
  if (!(Date.now() - Number.parseInt(name, 10) < KEEP_MS)) rmSync(`${replaced}/${name}`, { recursive: true, force: true });
}
if (existsSync(dist)) renameSync(dist, `${replaced}/${stamp}`);
renameSync(fresh, dist);
