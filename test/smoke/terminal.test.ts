// The real binary in a real terminal: tmux, on a server of its own (-L), 80x30. The pane
// runs the binary, then prints "exit=<status>" and waits, so the screen stays readable after
// it ends. The timeline's keys, its static fallbacks, Ctrl-C, and colour only on a terminal.

import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { acmeSession, BIN, cleanup, lines, NOW, ok, ROOT, rulerOf, session, writeYaml, type Session } from '../cli/helpers.js';
import { HOSTILE, HOSTILE_YAML } from '../cli/hostile-text.js';

let s: Session;
beforeAll(() => {
  s = acmeSession();
});
afterAll(cleanup);

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
describe('in a terminal (tmux)', () => {
  const servers: string[] = [];
  afterEach(() => {
    for (const name of servers.splice(0)) spawnSync('tmux', ['-L', name, 'kill-server']);
  });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** `command` names the binary "oncall"; `extraEnv` (like "CI=1") is set for it. */
  function start(command: string, extraEnv = '', db = s.db) {
    expect(hasTmux, 'tmux is needed for this test (and must be installed when CI is set)').toBe(true);
    const name = `oncall-test-${process.pid}-${servers.length}-${Date.now()}`;
    servers.push(name);
    // CI is removed: the test runner's CI must not make the app static.
    const env = `env -u CI -u NO_COLOR -u COLUMNS ONCALL_DB='${db}' ONCALL_NOW='${NOW}' ONCALL_TZ=Europe/Berlin ${extraEnv}`;
    const shell = `cd '${ROOT}' && ${command.replace('oncall', `${env} '${process.execPath}' '${BIN}'`)}; echo "exit=$?"; sleep 60`;
    const r = spawnSync('tmux', ['-L', name, 'new-session', '-d', '-s', name, '-x', '80', '-y', '30', shell]);
    expect(r.status, String(r.stderr)).toBe(0);
    const tmux = (command: string, ...args: string[]) => spawnSync('tmux', ['-L', name, command, '-t', name, ...args], { encoding: 'utf8' }).stdout;
    const screen = () => tmux('capture-pane', '-p');
    /** The screen with its colours, as escape sequences. */
    const painted = () => tmux('capture-pane', '-p', '-e');
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
    /** The pane's title, which an OSC 0 sequence written to the terminal would change. */
    const title = () => tmux('display-message', '-p', '#{pane_title}').trim();
    return { screen, painted, waitFor, press, tmux, title };
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

  test.runIf(hasTmux || Boolean(process.env.CI))('Ctrl-C leaves the timeline with exit status 130', async () => {
    const t = start('oncall timeline');
    await t.waitFor('the picture', (x) => /14 days · schedule 1\/3/.test(x), 10_000);
    t.press('C-c');
    const shown = await t.waitFor('the program to end', (x) => /^exit=\d+/m.test(x));
    expect(shown).toMatch(/^exit=130$/m);
    expect(shown).not.toMatch(/Error|\n\s+at /);
  });

  test.runIf(hasTmux || Boolean(process.env.CI))('colour on a terminal, none with NO_COLOR', async () => {
    const ESC = /\u001b\[[0-9;]*m/;
    const coloured = start('oncall who');
    await coloured.waitFor('who to end', (x) => /^exit=0$/m.test(x), 10_000);
    expect(coloured.screen()).toMatch(/^SCHEDULE/m);
    expect(coloured.painted()).toMatch(ESC);
    const plain = start('oncall who', 'NO_COLOR=1');
    await plain.waitFor('who to end', (x) => /^exit=0$/m.test(x), 10_000);
    expect(plain.screen()).toMatch(/^SCHEDULE/m);
    expect(plain.painted()).not.toMatch(ESC);
  });

  // Issue 13, class 6: names, e-mails and reasons holding OSC 0 (retitle), CSI 2J (clear), CR
  // and bidi controls, drawn by the real binary on a real terminal, coloured.
  test.runIf(hasTmux || Boolean(process.env.CI))('hostile names cannot retitle the window or clear the screen', async () => {
    const h = session();
    ok(h.run(['apply', '-f', writeYaml(HOSTILE_YAML, 'hostile.yaml', h.dir)]));
    ok(h.run(['--as', HOSTILE.actor, 'override', 'add', '--schedule', 's1', '--person', 'mal', '--from', '2026-11-23T18:00:00Z', '--to', '2026-11-23T20:00:00Z', '--reason', HOSTILE.overrideReason]));

    const timeline = start('oncall timeline --schedule s1', '', h.db);
    const before = timeline.title();
    let shown = await timeline.waitFor('the picture', (x) => /schedule 1\/1/.test(x), 10_000);
    expect(shown).toContain('Sched ␛[2J\ufffd1;1H␍\ufffd (s1)');
    expect(shown).toContain('Mallory \ufffd2J');
    timeline.press('q');
    shown = await timeline.waitFor('the program to end', (x) => /^exit=\d+/m.test(x));
    expect(shown).toMatch(/^exit=0$/m);
    expect(timeline.title()).toBe(before);
    expect(timeline.title()).not.toContain('pwned');

    // Each with a line that would have been cleared or overwritten, and whether it is coloured.
    const commands: [string, RegExp, boolean][] = [
      ['oncall person show mal', /^Mallory .*\(mal\) <m␛\]0;pwned␇@x\.example␛\[2J>$/m, false],
      ['oncall override list', /^ID +SCHEDULE/m, true],
      ['oncall log --entity schedule:s1', /root␛\]0;pwned␇␛\[2J +add override:s1/m, true],
    ];
    for (const [command, line, coloured] of commands) {
      const t = start(command, '', h.db);
      const screen = await t.waitFor(`${command} to end`, (x) => /^exit=\d+/m.test(x), 10_000);
      expect(screen, command).toMatch(/^exit=0$/m);
      expect(t.title(), command).not.toContain('pwned');
      expect(screen, command).toMatch(line);
      if (coloured) expect(t.painted(), command).toMatch(/\u001b\[[0-9;]*m/);
    }
  });

  test.runIf(hasTmux || Boolean(process.env.CI))('a change that must wait for another writer says so once, then lands', async () => {
    const own = acmeSession();
    const other = new Database(own.db);
    other.exec('BEGIN IMMEDIATE');
    let t: ReturnType<typeof start>;
    try {
      t = start('oncall person add waiter --name Waiter', '', own.db);
      const waiting = await t.waitFor('the notice', (x) => /waiting for another oncall command/.test(x), 10_000);
      expect(waiting).toMatch(/^oncall: waiting for another oncall command to finish \(up to 60 s\)…$/m);
      expect(waiting).not.toMatch(/Added person|exit=/);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    const shown = await t.waitFor('the change', (x) => /^exit=\d+/m.test(x), 10_000);
    expect(shown).toMatch(/^exit=0$/m);
    expect(shown.match(/waiting for another/g)).toHaveLength(1);
    expect(ok(own.run(['person', 'show', 'waiter'])).stdout).toContain('Waiter');
  });
});
