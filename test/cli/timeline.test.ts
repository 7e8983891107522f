// `oncall timeline` end to end against examples/acme.yaml at the pinned now, Mon 23 Nov 2026
// 12:00Z (13:00 Berlin). Default window: Mon 23 Nov to Sun 6 Dec. From the YAML (see
// who.test.ts): payments-secondary has carol this week and alice from Mon 30 Nov 09:00;
// platform-primary has frank until Tue 24 Nov, then grace, then heidi from Tue 1 Dec.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BIN, cleanup, EXAMPLES, NOW, ok, ROOT, session, writeYaml, type Session } from './helpers.js';

let s: Session;
beforeAll(() => {
  s = session();
  ok(s.run(['apply', '-f', EXAMPLES.acme]));
});
afterAll(cleanup);

const lines = (text: string) => text.split('\n');
/** The line of lane `label` in the block of schedule `id`. */
function laneOf(text: string, id: string, label: string): string {
  const all = lines(text);
  const from = all.findIndex((l) => l.includes(`(${id})`));
  const found = all.slice(from).find((l) => l.startsWith(`${label} `));
  if (from < 0 || !found) throw new Error(`no lane ${label} of ${id} in:\n${text}`);
  return found;
}
const rulerOf = (text: string) => lines(text)[lines(text).findIndex((l) => /^ +│/.test(l)) - 1] ?? '';

describe('static picture (stdout not a terminal)', () => {
  test('exits 0 quickly with titles, ruler, lanes and legend, without touching raw mode', () => {
    const began = Date.now();
    const r = ok(s.run(['timeline']));
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(r.stderr).toBe('');
    for (const title of ['Payments primary (payments-primary)', 'Payments secondary (payments-secondary)', 'Platform primary (platform-primary)']) {
      expect(r.stdout).toContain(`${title} · Europe/Berlin`);
    }
    expect(lines(r.stdout).filter((l) => l.startsWith('final '))).toHaveLength(3);
    expect(lines(r.stdout).filter((l) => l.startsWith('overrides '))).toHaveLength(3);
    expect(laneOf(r.stdout, 'payments-primary', 'business-hours')).toContain('·'); // nights and weekends
    expect(r.stdout).toContain('▼ now');
    const ruler = rulerOf(r.stdout);
    expect(ruler.trim().split(/\s+/)).toHaveLength(14);
    expect(ruler.trim()).toMatch(/^Mo23 .* Su6$/);
    expect(r.stdout).toContain('Carol Danvers (carol)');
  });

  test('handoffs fall on their day: alice takes payments-secondary on Mon 30 Nov', () => {
    const r = ok(s.run(['timeline']));
    const final = laneOf(r.stdout, 'payments-secondary', 'final');
    expect(final).toMatch(/\|Carol Danvers +\|Alice Liddell/);
    const ruler = rulerOf(r.stdout);
    const at = final.indexOf('|Alice');
    expect(at).toBeGreaterThanOrEqual(ruler.indexOf('Mo30'));
    expect(at).toBeLessThan(ruler.indexOf('Tu1'));
    expect(laneOf(r.stdout, 'platform-primary', 'final')).toMatch(/\|frank +\|Grace Hopper +\|Heidi Klum/);
  });

  test('--static and CI=1 print the same picture', () => {
    const piped = ok(s.run(['timeline'])).stdout;
    expect(ok(s.run(['timeline', '--static'])).stdout).toBe(piped);
    expect(ok(s.run(['timeline'], { CI: '1' })).stdout).toBe(piped);
  });

  test('COLUMNS=60: no line is wider than 60', () => {
    const r = ok(s.run(['timeline'], { COLUMNS: '60' }));
    for (const line of lines(r.stdout)) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(lines(r.stdout).filter((l) => l.startsWith('final '))).toHaveLength(3);
  });

  test('COLUMNS=200: full day labels, no line wider than 200', () => {
    const r = ok(s.run(['timeline'], { COLUMNS: '200' }));
    for (const line of lines(r.stdout)) expect(line.length, line).toBeLessThanOrEqual(200);
    expect(rulerOf(r.stdout)).toMatch(/^ +Mon 23 Nov +Tue 24 Nov .* Sun 6 Dec$/);
  });

  test('--from, --days, --schedule and --team choose what is drawn; overrides show', () => {
    const xmas = ok(s.run(['timeline', '--schedule', 'payments-primary', '--from', '2026-12-21', '--days', '7']));
    expect(xmas.stdout).not.toContain('payments-secondary');
    expect(rulerOf(xmas.stdout).trim()).toMatch(/^Mon 21 Dec .*Sun 27 Dec$/);
    expect(xmas.stdout).not.toContain('▼ now');
    const overrides = laneOf(xmas.stdout, 'payments-primary', 'overrides');
    expect(overrides).toMatch(/^overrides +·+\|Dave Lister +·+$/); // Thu 24 to Sat 26
    const team = ok(s.run(['timeline', '--team', 'platform']));
    expect(team.stdout).toContain('(platform-primary)');
    expect(team.stdout).not.toContain('(payments-');
  });

  test('gaps in the final lane are hatched and named', () => {
    const g = session();
    const file = writeYaml(
      ['version: 1', 'people:', '  - id: ann', '    name: Ann', 'teams:', '  - id: t', '    name: T', '    members: [ann]', 'schedules:',
        '  - id: daytime', '    team: t', '    timezone: Europe/Berlin', '    layers:', '      - id: office', '        start: 2026-01-05T09:00',
        '        shift: 1w', '        members: [ann]', '        restrictions:', '          - days: [mon, tue, wed, thu, fri]', '            from: "09:00"',
        '            to: "17:00"', ''].join('\n'),
      'gaps.yaml',
      g.dir,
    );
    ok(g.run(['apply', '-f', file]));
    const final = laneOf(ok(g.run(['timeline'])).stdout, 'daytime', 'final');
    expect(final).toContain('░');
    expect(final.match(/░+gap░+/g)?.length).toBeGreaterThanOrEqual(2); // both weekends
  });
});

describe('bad input exits 2 with a message', () => {
  test.each([
    [['--days', '0'], /--days/],
    [['--days', '57'], /--days/],
    [['--schedule', 'nope'], /nope/],
    [['--team', 'nope'], /nope/],
  ])('timeline %j', (args, message) => {
    const r = s.run(['timeline', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('Ink and React load only for `oncall timeline`', () => {
  // A module resolve hook (node:module register, in --import) appends every resolved URL
  // to a log file; the CLI is the real binary.
  const hook = [
    "import { appendFileSync } from 'node:fs';",
    'export async function resolve(specifier, context, next) {',
    '  const result = await next(specifier, context);',
    "  appendFileSync(process.env.ONCALL_TEST_MODULE_LOG, result.url + '\\n');",
    '  return result;',
    '}',
  ].join('\n');
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;

  function loaded(args: string[]): string[] {
    const log = `${s.dir}/modules-${args[0]}.log`;
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, BIN, ...args], {
      env: { ...process.env, ONCALL_DB: s.db, ONCALL_NOW: '2026-11-23T12:00:00Z', ONCALL_TZ: 'Europe/Berlin', ONCALL_TEST_MODULE_LOG: log },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return fs.readFileSync(log, 'utf8').split('\n');
  }
  const uses = (urls: string[], pkg: string) => urls.some((u) => u.includes(`/node_modules/${pkg}/`));

  test('`who` does not load them', () => {
    const urls = loaded(['who']);
    expect(urls.some((u) => u.endsWith('/dist/main.js'))).toBe(true); // the hook saw the CLI load
    expect(uses(urls, 'ink')).toBe(false);
    expect(uses(urls, 'react')).toBe(false);
  });

  test('`timeline` does', () => {
    const urls = loaded(['timeline']);
    expect(uses(urls, 'ink')).toBe(true);
    expect(uses(urls, 'react')).toBe(true);
  });
});

// In a real terminal: tmux, on a server of its own (-L), 80x30. The pane runs the binary,
// then prints "exit=<status>" and waits, so the screen stays readable after it ends.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
describe('in a terminal (tmux)', () => {
  const servers: string[] = [];
  afterEach(() => {
    for (const name of servers.splice(0)) spawnSync('tmux', ['-L', name, 'kill-server']);
  });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** `command` names the binary "oncall"; `extraEnv` (like "CI=1") is set for it. */
  function start(command: string, extraEnv = '') {
    expect(hasTmux, 'tmux is needed for this test (and must be installed when CI is set)').toBe(true);
    const name = `oncall-test-${process.pid}-${servers.length}-${Date.now()}`;
    servers.push(name);
    // CI is removed: the test runner's CI must not make the app static.
    const env = `env -u CI -u NO_COLOR -u COLUMNS ONCALL_DB='${s.db}' ONCALL_NOW='${NOW}' ONCALL_TZ=Europe/Berlin ${extraEnv}`;
    const shell = `cd '${ROOT}' && ${command.replace('oncall', `${env} '${process.execPath}' '${BIN}'`)}; echo "exit=$?"; sleep 60`;
    const r = spawnSync('tmux', ['-L', name, 'new-session', '-d', '-s', name, '-x', '80', '-y', '30', shell]);
    expect(r.status, String(r.stderr)).toBe(0);
    const tmux = (command: string, ...args: string[]) => spawnSync('tmux', ['-L', name, command, '-t', name, ...args], { encoding: 'utf8' }).stdout;
    const screen = () => tmux('capture-pane', '-p');
    async function waitFor(what: string, ok: (screen: string) => boolean, ms = 5_000): Promise<string> {
      const until = Date.now() + ms;
      let shown = screen();
      while (!ok(shown) && Date.now() < until) {
        await sleep(50);
        shown = screen();
      }
      if (!ok(shown)) throw new Error(`timed out waiting for ${what}; the screen:\n${shown}`);
      return shown;
    }
    const press = (key: string) => tmux('send-keys', key);
    return { screen, waitFor, press, tmux };
  }
  const firstDay = (screen: string) => rulerOf(screen).trim().split(/ {2,}|\s(?=[A-Z])/)[0];
  const status = (screen: string) => lines(screen).find((l) => /^\d+ days? · schedule/.test(l)) ?? '';

  test.runIf(hasTmux || Boolean(process.env.CI))('keys move, zoom and switch the picture; q quits', async () => {
    const t = start('oncall timeline --schedule payments-primary --schedule payments-secondary');
    let shown = await t.waitFor('the picture', (x) => /14 days · schedule 1\/2/.test(x), 10_000);
    expect(shown).toContain('Payments primary (payments-primary) · Europe/Berlin');
    expect(shown).toMatch(/^final /m);
    expect(firstDay(shown)).toBe('23');
    for (const line of lines(shown)) expect(line.length).toBeLessThanOrEqual(80);

    const step = async (key: string, what: string, ok: (x: string) => boolean) => {
      t.press(key);
      return t.waitFor(what, ok);
    };
    shown = await step('Right', 'one day later', (x) => firstDay(x) === '24');
    shown = await step(']', 'one week later', (x) => firstDay(x) === '1');
    shown = await step('S-Right', 'another week later (shift+→)', (x) => firstDay(x) === '8');
    shown = await step('+', 'a week shown', (x) => status(x).startsWith('7 days'));
    expect(firstDay(shown)).toBe('Tue 8');
    shown = await step('t', 'back to this week', (x) => firstDay(x) === 'Mon 23');
    expect(shown).toContain('▼ now');
    shown = await step('s', 'the second schedule', (x) => status(x).includes('schedule 2/2'));
    expect(shown).toContain('Payments secondary (payments-secondary)');
    expect(shown).not.toContain('Payments primary');

    t.tmux('resize-window', '-x', '120', '-y', '30');
    shown = await t.waitFor('the wider picture', (x) => lines(x).some((l) => l.length > 100));
    for (const line of lines(shown)) expect(line.length).toBeLessThanOrEqual(120);

    t.press('q');
    shown = await t.waitFor('the program to end', (x) => /^exit=\d+/m.test(x));
    expect(shown).toMatch(/^exit=0$/m);
    expect(shown).not.toMatch(/Raw mode|Error/);
  });

  test.runIf(hasTmux || Boolean(process.env.CI))('--static, CI=1 or a piped stdin: the picture once, no raw mode', async () => {
    for (const [command, env] of [['oncall timeline --static', ''], ['oncall timeline', 'CI=1'], ['true | oncall timeline', '']]) {
      const t = start(command, env);
      const shown = await t.waitFor(`${command} to end`, (x) => /^exit=\d+/m.test(x), 10_000);
      expect(shown, command).toMatch(/^exit=0$/m);
      expect(shown, command).toMatch(/^final /m);
      expect(shown, command).not.toMatch(/Raw mode|Error|schedule 1\/\d/);
    }
  });
});
