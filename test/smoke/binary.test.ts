// The real binary, started as a shell starts it: what only a process shows. Exit statuses,
// the Node version check, a pipe closed early, which modules a command loads, several
// processes writing one database at once. Everything else runs in-process (test/cli), so
// keep the spawns here few: each costs a Node start-up.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, cleanup, EXAMPLES, ok, ROOT, run, spawnRun, tempDb, tempDir, testEnv, writeYaml } from '../cli/helpers.js';
import { overrides, sessionAt } from '../cli/manage-helpers.js';

afterAll(cleanup);

let db: string;
beforeAll(() => {
  db = tempDb();
  const applied = spawnRun(['apply', '-f', EXAMPLES.acme], { ONCALL_DB: db });
  expect(applied.status, applied.stderr).toBe(0);
});

const GAPPY = `version: 1
people:
  - id: ann
    name: Ann
teams:
  - id: ops
    name: Ops
    members: [ann]
schedules:
  - id: days
    team: ops
    timezone: Europe/Berlin
    layers:
      - id: office
        start: 2026-11-02T09:00
        shift: 1w
        members: [ann]
        restrictions:
          - from: "09:00"
            to: "17:00"
`;

describe('exit statuses', () => {
  test('0 when done, 2 for bad input, 3 when problems are found, 4 when changes are pending, 1 when the run fails', () => {
    const version = spawnRun(['--version'], { ONCALL_DB: db });
    expect(version).toMatchObject({ status: 0, stdout: '0.1.0\n' });

    const who = spawnRun(['who'], { ONCALL_DB: db });
    expect(who.status, who.stderr).toBe(0);
    expect(who.stdout).toMatch(/^SCHEDULE +ON CALL/);

    const bad = spawnRun(['who', '--schedule', 'nope'], { ONCALL_DB: db });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^oncall: [^\n]*nope[^\n]*\n$/);

    const gappy = tempDb();
    expect(spawnRun(['apply', '-f', writeYaml(GAPPY)], { ONCALL_DB: gappy }).status).toBe(0);
    const check = spawnRun(['check'], { ONCALL_DB: gappy });
    expect(check.status, check.stdout + check.stderr).toBe(3);
    expect(check.stdout).toMatch(/gap/);
    const dry = spawnRun(['apply', '-f', EXAMPLES.acme, '--dry-run'], { ONCALL_DB: gappy });
    expect(dry.status, dry.stderr).toBe(4);
    expect(dry.stdout).toMatch(/nothing was changed\.\n/);
    expect(dry.stderr).toBe('');

    const newer = tempDb();
    const sqlite = new Database(newer);
    sqlite.pragma('user_version = 999');
    sqlite.close();
    const failed = spawnRun(['who'], { ONCALL_DB: newer });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^oncall: .*written by a newer oncall/);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });

  test('on Node.js older than 20: one line saying so, exit 2', () => {
    const older = "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '18.20.0' } });";
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(older)}`, BIN, 'who'], {
      cwd: ROOT,
      env: testEnv({ ONCALL_DB: db }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`oncall needs Node.js 20 or later (this is ${process.version}).\n`);
  });
});

test('before `npm run build`: one line saying to build, no stack trace', () => {
  // A copy of bin/ next to no dist/ is a fresh clone that was never built.
  const dir = tempDir();
  fs.cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'oncall.js'), 'who'], { env: testEnv({ ONCALL_DB: db }), encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('oncall is not built yet: run `npm run build` in its folder (npm ci does not build).\n');
});

test('piping into a command that stops reading (| head -1) is not a crash', () => {
  for (const args of ['who', 'shifts --schedule payments-primary --days 365']) {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args} | head -1`], {
      env: testEnv({ ONCALL_DB: db }),
      encoding: 'utf8',
    });
    expect(r.stdout.split('\n')[0]).toMatch(/SCHEDULE|Payments primary/);
    expect(r.stderr, args).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
  }
});

test('a pipe that is read slowly, and a file, get the whole output, as the in-process run prints it', () => {
  // About 1 MB of JSON: more than a pipe holds, so the writer must wait for the reader.
  const args = ['shifts', '--schedule', 'payments-primary', '--days', '1096', '--json'];
  const expected = ok(run(args, { ONCALL_DB: db })).stdout;
  expect(expected.length).toBeGreaterThan(200_000);
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const slow = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${quoted} | (sleep 0.5; cat)`], {
    env: testEnv({ ONCALL_DB: db }), encoding: 'utf8', maxBuffer: 1 << 26,
  });
  expect(slow.stderr).toBe('');
  expect(slow.stdout).toBe(expected);
  const file = path.join(tempDir(), 'out.json');
  const written = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${quoted} > "${file}"; echo "exit=$?" >&2`], { env: testEnv({ ONCALL_DB: db }), encoding: 'utf8' });
  expect(written.stderr).toBe('exit=0\n');
  expect(fs.readFileSync(file, 'utf8')).toBe(expected);
});

describe('Ink and React load only for `oncall timeline`', () => {
  // A module resolve hook (node:module register, in --import) appends every resolved URL
  // to a log file, and so does a wrapper around CommonJS require; the CLI is the real binary.
  const hook = [
    "import { appendFileSync } from 'node:fs';",
    'export async function resolve(specifier, context, next) {',
    '  const result = await next(specifier, context);',
    "  appendFileSync(process.env.ONCALL_TEST_MODULE_LOG, result.url + '\\n');",
    '  return result;',
    '}',
  ].join('\n');
  const register = [
    "import { appendFileSync } from 'node:fs';",
    "import Module, { register } from 'node:module';",
    `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`,
    'const load = Module._load;',
    'Module._load = function (request, parent, isMain) {',
    '  const exports = load.call(this, request, parent, isMain);',
    "  if (!request.startsWith('node:')) appendFileSync(process.env.ONCALL_TEST_MODULE_LOG, Module._resolveFilename(request, parent, isMain) + '\\n');",
    '  return exports;',
    '};',
  ].join('\n');

  function loaded(args: string[]): string[] {
    const log = `${db}.modules-${args[0]}.log`;
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, BIN, ...args], {
      env: testEnv({ ONCALL_DB: db, ONCALL_TEST_MODULE_LOG: log }),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return fs.readFileSync(log, 'utf8').split('\n');
  }
  const uses = (urls: string[], pkg: string) => urls.some((u) => u.includes(`/node_modules/${pkg}/`));

  test('`who` does not load them', () => {
    const urls = loaded(['who']);
    expect(urls.some((u) => u.endsWith('/bin/load-cli.js'))).toBe(true); // the hooks saw the CLI load
    expect(uses(urls, 'better-sqlite3')).toBe(true); // and its storage
    expect(uses(urls, 'ink')).toBe(false);
    expect(uses(urls, 'react')).toBe(false);
  });

  test('`timeline` does', () => {
    const urls = loaded(['timeline']);
    expect(uses(urls, 'ink')).toBe(true);
    expect(uses(urls, 'react')).toBe(true);
  });
});

test('processes writing at once: an apply and four override adds all land', async () => {
  const shared = tempDb();
  expect(spawnRun(['apply', '-f', EXAMPLES.acme], { ONCALL_DB: shared }).status).toBe(0);
  const days = ['2027-01-11', '2027-01-12', '2027-01-13', '2027-01-14'];
  // A file of people only: it adds zack and leaves the schedules (and their overrides) alone.
  const extra = writeYaml('version: 1\npeople:\n  - id: zack\n    name: Zack Morris\n', 'extra.yaml');
  const jobs = [
    ['apply', '-f', extra],
    ...days.map((day) => ['override', 'add', '--schedule', 'platform-primary', '--person', 'grace', '--from', `${day}T10:00`, '--to', `${day}T12:00`]),
  ];
  const outcomes = await Promise.all(
    jobs.map(
      (args) =>
        new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
          const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: testEnv({ ONCALL_DB: shared }) });
          let stderr = '';
          child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
          child.on('error', reject);
          child.on('close', (status) => resolve({ status, stderr }));
        }),
    ),
  );
  for (const o of outcomes) expect(o.status, o.stderr).toBe(0);
  const added = overrides(sessionAt(shared), ['--schedule', 'platform-primary']).filter((o) => o.person === 'grace' && o.start.startsWith('2027-01-1'));
  expect(added.map((o) => o.start.slice(0, 10)).sort()).toEqual(days);
  expect(ok(sessionAt(shared).run(['person', 'show', 'zack'])).stdout).toContain('Zack Morris');
});
