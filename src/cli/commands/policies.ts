// oncall policy add|list|show|edit|rm — escalation policies.

import type { Command } from 'commander';
import type { EscalationLevelConfig, EscalationPolicyConfig } from '../../core/index.js';
import { formatDelay, MINUTE_MS, plural, runLength, findById } from '../../core/index.js';
import { UserError } from '../../errors.js';
import { invocation, type Invocation } from '../globals.js';
import { table } from '../output.js';
import { term } from '../terminal-text.js';
import { printChange } from '../change-output.js';
import { effectiveOf } from './schedules.js';
import { withFlags } from '../flag-errors.js';

const manage = () => import('../../app/manage-policies.js');

async function currentPolicies(run: Invocation): Promise<EscalationPolicyConfig[]> {
  return (await (await import('../../app/current-config.js')).currentConfig(run.ctx)).policies;
}

function levelsOf(texts: string[] | undefined, parse: (text: string, index: number) => EscalationLevelConfig) {
  return texts?.map(parse);
}

function repeatOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 9) throw new UserError(`--repeat "${value}" must be a whole number from 0 to 9`);
  return n;
}

const levelHelp = 'targets and delay, like "schedule:primary" or "schedule:secondary,person:erin@15m" (repeatable, in order)';
const collectLevel = (value: string, previous: string[] = []) => [...previous, value];

export function registerPolicies(program: Command): void {
  const policy = program.command('policy').description('escalation policies: who is paged, in what order');
  policy
    .command('add <id>')
    .description('add an escalation policy')
    .requiredOption('--team <id>', 'the team that owns it')
    .requiredOption('--level <level>', levelHelp, collectLevel)
    .option('--name <name>')
    .option('--repeat <n>', 'run the whole chain up to N more times when nobody acknowledges', repeatOption)
    .option('--repeat-after <delay>', 'from the start of one run to the next (default: see README)')
    .action(withFlags({ level: '--level' }, async (id: string, o, command: Command) => {
      const run = await invocation(command);
      const app = await manage();
      const fields = { team: o.team, name: o.name, repeat: o.repeat, repeatAfter: o.repeatAfter, levels: levelsOf(o.level, app.parseLevelOption)! };
      const { plan } = await app.addPolicy(run.ctx, id, fields);
      printChange(run, plan, `Added escalation policy ${id}.`);
    }));
  policy
    .command('edit <id>')
    .description('change a policy; --level replaces all its levels')
    .option('--team <id>')
    .option('--level <level>', levelHelp, collectLevel)
    .option('--name <name>')
    .option('--repeat <n>', 'how many more runs of the chain (0: none)', repeatOption)
    .option('--repeat-after <delay>')
    .option('--effective <time>', 'when the change takes effect (default: now)')
    .action(withFlags({ level: '--level', effective: '--effective' }, async (id: string, o, command: Command) => {
      const run = await invocation(command);
      const app = await manage();
      const effective = await effectiveOf(run, o.effective);
      const fields = { team: o.team, name: o.name, repeat: o.repeat, repeatAfter: o.repeatAfter, levels: levelsOf(o.level, app.parseLevelOption) };
      const { plan } = await app.editPolicy(run.ctx, id, fields, { effective });
      printChange(run, plan, `Changed escalation policy ${id}.`, effective);
    }));
  policy
    .command('rm <id>')
    .description('remove a policy from now on (incidents keep their chains)')
    .option('--effective <time>', 'when (default: now)')
    .action(withFlags({ effective: '--effective' }, async (id: string, o, command: Command) => {
      const run = await invocation(command);
      const effective = await effectiveOf(run, o.effective);
      const { plan } = await (await manage()).removePolicy(run.ctx, id, { effective });
      printChange(run, plan, `Removed escalation policy ${id}.`);
    }));
  policy
    .command('list')
    .description('every escalation policy')
    .action(async (_o, command: Command) => {
      const run = await invocation(command);
      const policies = await currentPolicies(run);
      if (run.json) return run.printJson(policies.map(policyJson));
      if (policies.length === 0) return run.print('No escalation policies yet; add one with "oncall policy add" or in YAML.');
      const rows = policies.map((p) => [p.id, p.team, String(p.levels.length), p.repeat ? `×${p.repeat}` : '—', p.name].map((text) => ({ text })));
      run.print(table([{ header: 'POLICY' }, { header: 'TEAM' }, { header: 'LEVELS' }, { header: 'REPEAT' }, { header: 'NAME', shrink: true }], rows, run.colors, run.width));
    });
  policy
    .command('show <id>')
    .description("a policy's levels")
    .action(async (id: string, _o, command: Command) => {
      const run = await invocation(command);
      const found = findById(await currentPolicies(run), id, 'escalation policy');
      if (run.json) return run.printJson(policyJson(found));
      run.print(term`${run.colors.bold(found.id)}  ${found.name} · team ${found.team}`);
      if (found.repeat) run.print(`Repeats up to ${plural(found.repeat, 'more time')}, every ${formatDelay(runLength(found) / MINUTE_MS)}.`);
      const rows = found.levels.map((l, i) => [String(i + 1), l.after, l.targets.join(', ')].map((text) => ({ text })));
      run.print(table([{ header: 'LEVEL' }, { header: 'AFTER' }, { header: 'TARGETS', shrink: true }], rows, run.colors, run.width));
    });
}

/** A policy as JSON: the YAML field names, with the run length spelled out. */
export function policyJson(p: EscalationPolicyConfig) {
  return {
    id: p.id,
    team: p.team,
    name: p.name,
    repeat: p.repeat ?? 0,
    repeat_after: formatDelay(runLength(p) / MINUTE_MS),
    levels: p.levels,
  };
}
