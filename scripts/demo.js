#!/usr/bin/env node
// `npm run demo`: a short tour of the CLI against a throw-away database.
// Runs the real built CLI (bin/oncall.js) so the demo shows exactly what users see.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/oncall.js', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

// Each step is the argument list after `oncall`.
const steps = [
  ['apply', '-f', 'examples/acme.yaml'],
  ['apply', '-f', 'examples/acme.yaml'], // second time: "No changes."
  ['who'],
  ['who', '--team', 'payments', '--at', 'next friday 03:00'],
  ['shifts', '--schedule', 'payments-primary', '--days', '7'],
  ['next', '--person', 'alice', '--count', '3'],
  ['apply', '-f', 'examples/escalation.yaml'],
  ['escalate', 'payments-critical'],
  ['check', '--days', '14'],
  ['report', '--team', 'payments', '--from', '-30d'],
];

// Bold only when a human is watching; respect NO_COLOR like the CLI does.
const useBold = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (useBold ? `\x1b[1m${s}\x1b[22m` : s);

// Quote arguments with spaces so the printed line can be pasted into a shell.
const shellQuote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg}"`);

function run(args, env) {
  console.log(bold(`$ oncall ${args.map(shellQuote).join(' ')}`));
  // cwd = repository root, so the relative example paths resolve wherever npm was started.
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, stdio: 'inherit' });
  console.log();
  if (result.error) throw result.error;
  return result.status ?? 1; // null status means killed by a signal
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-demo-'));
  const env = { ...process.env, ONCALL_DB: join(dir, 'oncall.db') };
  try {
    for (const args of steps) {
      const status = run(args, env);
      if (status !== 0) {
        console.error(`demo: "oncall ${args.join(' ')}" exited with status ${status}`);
        return status;
      }
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
