// Shell completion as bash does it: the script `oncall completion bash` prints is sourced in a
// real bash, COMP_WORDS/COMP_CWORD are set as bash sets them on TAB, and the completion
// function fills COMPREPLY by running the real binary (`oncall __complete`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, cleanup, EXAMPLES, run, spawnRun, tempDb, tempDir, testEnv } from './helpers.js';

afterAll(cleanup);

let db: string;
let script: string;
let binDir: string;
beforeAll(() => {
  db = tempDb();
  expect(spawnRun(['apply', '-f', EXAMPLES.acme], { ONCALL_DB: db }).status).toBe(0);
  const printed = run(['completion', 'bash'], { ONCALL_DB: db });
  expect(printed.status).toBe(0);
  script = path.join(tempDir(), 'oncall.bash');
  fs.writeFileSync(script, printed.stdout);
  // `oncall` on PATH, as after an install: the script calls `command oncall`.
  binDir = tempDir();
  fs.writeFileSync(path.join(binDir, 'oncall'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
});

/** What bash offers after `oncall WORDS…` with the cursor at the end of the last word. */
function complete(line: string, env: Record<string, string | undefined> = {}): string[] {
  const words = line.split(' ');
  const program = [
    `source ${JSON.stringify(script)}`,
    `COMP_WORDS=(oncall ${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length}`,
    '_oncall_complete',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = spawnSync('bash', ['--norc', '-c', program], {
    env: testEnv({ ONCALL_DB: db, PATH: `${binDir}:${process.env.PATH}`, ...env }),
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('bash', () => {
  test('commands and subcommands; the hidden helper is never offered', () => {
    expect(complete('sch')).toEqual(['schedule']);
    const top = complete('');
    expect(top).toEqual(expect.arrayContaining(['who', 'shifts', 'apply', 'override', 'import', 'completion']));
    expect(top).not.toContain('__complete');
    expect(complete('override ')).toEqual(['add', 'list', 'rm']);
    expect(complete('db c')).toEqual(['copy']);
  });

  test("options of the command typed, and the global ones", () => {
    expect(complete('who --s')).toEqual(['--schedule']);
    expect(complete('who --')).toEqual(expect.arrayContaining(['--schedule', '--team', '--at', '--policy', '--db', '--json', '--tz']));
    expect(complete('who --')).not.toContain('--dry-run');
    expect(complete('apply --dry-run --p')).toEqual(['--prune']);
  });

  test('ids come from the database as it is now', () => {
    expect(complete('override add --schedule pay')).toEqual(['payments-primary', 'payments-secondary']);
    expect(complete('person show ')).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi']);
    expect(complete('escalate ')).toEqual([]); // acme.yaml has no escalation policies
    expect(run(['policy', 'add', 'payments-urgent', '--team', 'payments', '--level', 'schedule:payments-primary'], { ONCALL_DB: db }).status).toBe(0);
    expect(complete('escalate ')).toEqual(['payments-urgent']);
    expect(complete('who --policy pay')).toEqual(['payments-urgent']);
    expect(complete('who --team p')).toEqual(['payments', 'platform']);
    // A person added a moment ago is offered at the next TAB.
    expect(run(['person', 'add', 'zoe', '--name', 'Zoe'], { ONCALL_DB: db }).status).toBe(0);
    expect(complete('timeoff add z')).toEqual(['zoe']);
  });

  test('--db on the line: the ids of that database', () => {
    const other = tempDb();
    expect(spawnRun(['apply', '-f', EXAMPLES.sun], { ONCALL_DB: other }).status).toBe(0);
    const theirs = complete(`--db ${other} who --schedule `);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs).not.toContain('payments-primary');
    expect(complete(`who --db ${other} --schedule `)).toEqual(theirs);
  });

  test('no database yet: nothing offered, and none is created', () => {
    const missing = path.join(tempDir(), 'nothing-here.db');
    expect(complete('person show ', { ONCALL_DB: missing })).toEqual([]);
    expect(fs.existsSync(missing)).toBe(false);
  });

  test('time words, zones, fixed words and file names', () => {
    expect(complete('who --at to')).toEqual(['today', 'tomorrow']);
    expect(complete('shifts --from ye')).toEqual(['yesterday']);
    expect(complete('who --tz Europe/Be')).toEqual(['Europe/Belgrade', 'Europe/Berlin']);
    expect(complete('export ics --split-by ')).toEqual(['person', 'schedule']);
    expect(complete('import ')).toEqual(['pagerduty', 'opsgenie', 'grafana']);
    expect(complete('check --ignore g')).toEqual(['gap']);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'rota.yaml'), '');
    fs.writeFileSync(path.join(dir, 'rules.yaml'), '');
    expect(complete(`apply -f ${dir}/ro`)).toEqual([`${dir}/rota.yaml`]);
    expect(complete(`timeoff import alice ${dir}/ru`)).toEqual([`${dir}/rules.yaml`]);
  });
});

test('the zsh and fish scripts call the same helper; an unknown shell is refused', () => {
  const zsh = run(['completion', 'zsh'], { ONCALL_DB: db });
  expect(zsh.stdout).toMatch(/^#compdef oncall\n/);
  expect(zsh.stdout).toContain('oncall __complete --');
  const fish = run(['completion', 'fish'], { ONCALL_DB: db });
  expect(fish.stdout).toContain("complete -c oncall -f -a '(__oncall_complete)'");
  const bad = run(['completion', 'powershell'], { ONCALL_DB: db });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toBe('oncall: "powershell" is not a shell oncall completes in; use bash, zsh, fish\n');
  // The bash script is valid bash.
  expect(spawnSync('bash', ['-n', script]).status).toBe(0);
});
