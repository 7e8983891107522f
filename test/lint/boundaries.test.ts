// The layer boundaries hold by lint: the project's own eslint.config.js, run through ESLint's
// Node API on small snippets placed (by file path) in each layer. The tables are the spec of
// issue 12, written out again here rather than read from the config, so a config that drifts
// from it fails.

import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BOUNDARY_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax', 'no-restricted-properties']);

let eslint: ESLint;
beforeAll(() => {
  // The probes are text placed at a path (most outside the TypeScript project), so the rules that
  // read types (eslint.config.js, "oncall/promises") cannot run, or would load the whole program
  // for each; the boundaries need no types.
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: {
      files: ['**/probe.ts', '**/probe.tsx', 'src/errors.ts'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
        '@typescript-eslint/await-thenable': 'off',
      },
    },
  });
});

/** The boundary messages ESLint reports for `code` placed at `file` (relative to the repo). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, 'the snippet parses').toEqual([]);
  return result.messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.message);
}

type Layer = 'core' | 'storage' | 'calendars' | 'importers' | 'app' | 'ui' | 'cli';
const LAYERS: Layer[] = ['core', 'storage', 'calendars', 'importers', 'app', 'ui', 'cli'];

/** Which layers each layer may import, values and types alike (ui: core types, see below). */
const ALLOWED: Record<Layer, Layer[]> = {
  core: [],
  storage: ['core'],
  calendars: ['core'],
  importers: ['core', 'calendars'],
  app: ['core', 'storage', 'calendars', 'importers'],
  ui: [],
  cli: ['app', 'ui', 'core'],
};

// A file at the top of each layer, and one a folder deeper (cli/commands), so that both
// `../x/` and `../../x/` specifiers are covered.
const PLACES: { layer: Layer; file: string; up: string }[] = [
  ...LAYERS.map((layer) => ({ layer, file: `src/${layer}/probe.ts`, up: '../' })),
  { layer: 'core', file: 'src/errors.ts', up: './' },
  { layer: 'cli', file: 'src/cli/commands/probe.ts', up: '../../' },
  { layer: 'ui', file: 'src/ui/probe.tsx', up: '../' },
];

describe('layer to layer', () => {
  for (const { layer, file, up } of PLACES) {
    // ui and core: see 'ui takes plain data' below.
    for (const target of LAYERS.filter((l) => l !== layer && !(layer === 'ui' && l === 'core'))) {
      const allowed = ALLOWED[layer].includes(target);
      const from = `${up}${target}/some-module.js`;
      test(`${file} ${allowed ? 'may' : 'may not'} import ${target}`, async () => {
        const statically = await violations(file, `import { thing } from '${from}';\nexport const x = thing;\n`);
        const typeOnly = await violations(file, `import type { Thing } from '${from}';\nexport let x: Thing;\n`);
        const lazily = await violations(file, `export const load = () => import('${from}');\n`);
        const reexport = await violations(file, `export { thing } from '${from}';\n`);
        for (const found of [statically, typeOnly, lazily, reexport]) {
          if (allowed) expect(found).toEqual([]);
          else expect(found).toEqual([expect.stringContaining(`must not import ${target}`)]);
        }
      });
    }
  }

  test('a layer imports its own modules and src/errors.ts freely', async () => {
    for (const { file, up } of PLACES) {
      expect(await violations(file, `import { UserError } from '${up === './' ? './' : up}errors.js';\nimport { y } from './sibling.js';\nexport const x = [UserError, y];\n`)).toEqual([]);
    }
  });
});

describe('ui takes plain data', () => {
  const file = 'src/ui/timeline-view.tsx';

  test('core types come in with `import type`, inline or whole', async () => {
    expect(await violations(file, "import type { ScheduleTimeline } from '../core/index.js';\nexport let x: ScheduleTimeline;\n")).toEqual([]);
    expect(await violations(file, "import { toFloating, type Window } from '../core/index.js';\nexport const x = (w: Window) => toFloating(w.start, 'UTC');\n")).toEqual([]);
  });

  test('the wall-clock helpers are the only core values it may use', async () => {
    expect(await violations(file, "import { addDays, DAY_MS, fromFloating, startOfDay, toFloating, weekdayOf } from '../core/index.js';\nexport const x = [addDays, DAY_MS, fromFloating, startOfDay, toFloating, weekdayOf];\n")).toEqual([]);
    expect(await violations(file, "import { resolveSchedule } from '../core/index.js';\nexport const x = resolveSchedule;\n")).toEqual([expect.stringContaining('ui takes plain data')]);
    expect(await violations(file, "import * as core from '../core/index.js';\nexport const x = core;\n")).toEqual([expect.stringContaining('ui takes plain data')]);
    expect(await violations(file, "export const x = () => import('../core/resolve.js');\n")).toEqual([expect.stringContaining('ui takes plain data')]);
  });

  test('Ink and React are its own', async () => {
    expect(await violations(file, "import React from 'react';\nimport { Box } from 'ink';\nexport const x = [React, Box];\n")).toEqual([]);
  });
});

describe('packages', () => {
  const io = [
    'node:fs', 'fs', 'fs/promises', 'node:child_process', 'child_process', 'node:net', 'node:http', 'node:https', 'node:os',
    'better-sqlite3', 'drizzle-orm', 'drizzle-orm/better-sqlite3', 'ink', 'react', 'commander',
    '@googleapis/calendar', 'googleapis', 'google-auth-library', '@microsoft/microsoft-graph-client', '@azure/msal-node', '@napi-rs/keyring',
  ];

  test.each(io)('core may not import %s, statically or lazily', async (name) => {
    expect(await violations('src/core/probe.ts', `import * as m from '${name}';\nexport const x = m;\n`)).toHaveLength(1);
    expect(await violations('src/core/probe.ts', `export const x = () => import('${name}');\n`)).toHaveLength(1);
  });

  test('core keeps its pure dependencies', async () => {
    expect(await violations('src/core/probe.ts', "import { DateTime } from 'luxon';\nimport { RRule } from 'rrule';\nimport { z } from 'zod';\nimport { createRequire } from 'node:module';\nexport const x = [DateTime, RRule, z, createRequire];\n")).toEqual([]);
  });

  test('core reads no clock', async () => {
    expect(await violations('src/core/probe.ts', 'export const now = Date.now();\n')).toEqual([expect.stringContaining('`now` as an argument')]);
  });

  // Each heavy package has one home layer.
  const HOMES: { name: string; home: Layer }[] = [
    { name: 'better-sqlite3', home: 'storage' },
    { name: 'drizzle-orm/sqlite-core', home: 'storage' },
    { name: '@googleapis/calendar', home: 'calendars' },
    { name: 'google-auth-library', home: 'calendars' },
    { name: '@microsoft/microsoft-graph-client', home: 'calendars' },
    { name: '@azure/msal-node', home: 'calendars' },
    { name: '@napi-rs/keyring', home: 'calendars' },
    { name: 'node:http', home: 'calendars' },
    { name: 'ink', home: 'ui' },
    { name: 'react', home: 'ui' },
    { name: 'commander', home: 'cli' },
  ];
  for (const { name, home } of HOMES) {
    test(`${name} is imported only in ${home}`, async () => {
      for (const layer of LAYERS) {
        const found = await violations(`src/${layer}/probe.ts`, `import * as m from '${name}';\nexport const x = m;\n`);
        if (layer === home) expect(found, layer).toEqual([]);
        else expect(found, layer).toHaveLength(1);
      }
    });
  }
});

describe('outside src', () => {
  test('tests and scripts may import any layer', async () => {
    expect(await violations('test/cli/probe.test.ts', "import { thing } from '../../src/storage/read.js';\nexport const x = thing;\n")).toEqual([]);
    expect(await violations('scripts/probe.js', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toEqual([]);
  });
});

test('exhaustive-deps reports an incomplete useMemo list in the Ink views', async () => {
  const [result] = await eslint.lintText(
    "import { useMemo } from 'react';\nexport function View(props: { load: (n: number) => number; n: number }) {\n  const { load, n } = props;\n  return useMemo(() => load(n), [n]);\n}\n",
    { filePath: `${ROOT}/src/ui/probe.tsx` },
  );
  expect(result.messages.map((m) => `${m.ruleId} ${m.severity}`)).toContain('react-hooks/exhaustive-deps 2');
});
