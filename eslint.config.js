// ESLint (flat config): the recommended JS and typescript-eslint rules, the React hooks rules for
// the Ink views, and the layer boundaries of the architecture guide ("cli → app → core", storage
// and calendars as adapters, ui takes plain data). test/lint/boundaries.test.ts proves each rule fires.
//
// Boundaries use the built-in `no-restricted-imports` (typescript-eslint's version, which knows
// `import type`) with one regex per layer, plus `no-restricted-syntax` for dynamic `import()`,
// which that rule does not see and which the CLI uses for lazy loading. Why not
// eslint-plugin-boundaries or import-x: both resolve every import through a TypeScript resolver
// (another dependency, and slower), and our imports are all relative paths whose directory
// names are the layer names, so matching the specifier is exact enough. The whole policy is
// the table below.

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

const LAYERS = ['core', 'storage', 'calendars', 'importers', 'app', 'cli', 'ui'];

/** Which layers each layer may import (besides itself and src/errors.ts, which is part of core). */
const MAY_IMPORT = {
  core: [],
  storage: ['core'],
  calendars: ['core'],
  // importers read vendor APIs with the calendars' retry, scrubbing and network messages.
  importers: ['core', 'calendars'],
  app: ['core', 'storage', 'calendars', 'importers'],
  // ui: core *types* (plus the calendar arithmetic below); the data comes in as props.
  ui: ['core'],
  cli: ['app', 'ui', 'core'],
};

// The view lays out days in the viewer's zone, so it needs core's wall-clock arithmetic, and it
// writes "14 days" with the same plural as every other layer; one home for those helpers beats
// a copy in ui; the same for `terminalSafe`, which every layer that writes to a terminal
// shares. Anything else from core (resolving shifts, deciding things) must stay out of
// the view: `import type` only.
const UI_CORE_VALUES = ['DAY_MS', 'addDays', 'fromFloating', 'startOfDay', 'toFloating', 'weekdayOf', 'plural', 'terminalSafe'];

/**
 * Packages that belong to one layer: the database lives in storage, the network and the
 * credential store in calendars, the terminal UI in ui, argument parsing in cli. Everything
 * I/O is also closed to core, which gets `now` and data as arguments.
 */
const PACKAGES = [
  { what: 'the database', home: 'storage', regex: '^(better-sqlite3|drizzle-orm|pg)(/|$)' },
  {
    what: 'the network and the credential store',
    home: 'calendars',
    regex: '^(@googleapis/|googleapis(/|$)|google-auth-library(/|$)|@microsoft/|@azure/|@napi-rs/keyring(/|$)|(node:)?(net|http|https|http2|tls|dgram|dns)(/|$))',
  },
  { what: 'the terminal UI', home: 'ui', regex: '^(ink|react|react-dom|ink-[a-z-]+)(/|$)' },
  { what: 'argument parsing', home: 'cli', regex: '^commander(/|$)' },
];
const CORE_IO = '^(node:)?(fs|fs/promises|child_process|os|path|readline|worker_threads|cluster)(/|$)';

/** A relative specifier that reaches into src/<layer> (`../storage/read.js`, `../../app/x.js`). */
const layerRegex = (layer) => `^\\.{1,2}/(.*/)?${layer}(/|$)`;

function restrictionsFor(layer) {
  const foreign = LAYERS.filter((l) => l !== layer && !MAY_IMPORT[layer].includes(l));
  const patterns = foreign.map((l) => ({
    regex: layerRegex(l),
    message: `${layer} must not import ${l} (type imports included): see MAY_IMPORT in eslint.config.js.`,
  }));
  if (layer === 'ui') {
    patterns.push({
      regex: layerRegex('core'),
      allowTypeImports: true,
      allowImportNames: UI_CORE_VALUES,
      message: 'ui takes plain data: import core types with `import type` (values: only the wall-clock helpers, plural and terminalSafe).',
    });
  }
  for (const p of PACKAGES.filter((p) => p.home !== layer)) {
    patterns.push({ regex: p.regex, message: `${layer} must not import this package: ${p.what} belongs in ${p.home}.` });
  }
  if (layer === 'core') {
    patterns.push({ regex: CORE_IO, message: 'core is pure: no I/O; take data and `now` as arguments.' });
  }
  const dynamic = patterns.map(({ regex, message }) => ({
    // esquery regexes end at the first `/`, so spell slashes as \x2F.
    selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`,
    message,
  }));
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
    'no-restricted-syntax': ['error', ...dynamic],
  };
}

const boundaries = LAYERS.map((layer) => ({
  name: `oncall/boundaries/${layer}`,
  files: layer === 'core' ? ['src/core/**/*.{ts,tsx}', 'src/errors.ts'] : [`src/${layer}/**/*.{ts,tsx}`],
  rules: restrictionsFor(layer),
}));

export default defineConfig(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'coverage/**', 'drizzle/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names mark a parameter or element kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Noise for a terminal program: control characters in regexes are deliberate here
      // (rejecting them in names and titles, matching ANSI colour escapes in output).
      'no-control-regex': 'off',
      // Regexes match YAML indentation and column-aligned output, where literal spaces mirror
      // the text better than ` {4}`.
      'no-regex-spaces': 'off',
    },
  },
  {
    name: 'oncall/bin',
    // CommonJS (bin/package.json): the entry and the bundle loader start before anything else.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    name: 'oncall/tests',
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // Tests read JSON printed by the CLI and sent to the fake calendar servers; its shape is
      // what they assert, so `any` there is the honest type. Source code stays `any`-free.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    name: 'oncall/react-hooks',
    // Source only: the tests build elements with createElement and call no hooks, and the
    // compiler-based rules cost a few seconds per pass.
    files: ['src/ui/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      // A missing dependency is a stale-data bug (issue 12 found one); not a warning to scroll past.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    name: 'oncall/promises',
    // Storage is async (one interface over SQLite and PostgreSQL): a forgotten `await` would
    // print "{}" or let a write escape its transaction, so these rules read the types.
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, jsxPragma: 'React' } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    name: 'oncall/core-has-no-clock',
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'core takes `now` as an argument.' }],
    },
  },
  ...boundaries,
);
