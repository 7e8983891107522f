// oncall escalate POLICY [--at TIME]: who is paged, when, for an incident starting now.

import type { Command } from 'commander';
import { ProblemsFound } from '../../errors.js';
import { invocation } from '../globals.js';
import { formatTime, timesIn } from '../output.js';
import { nameLookup } from '../people-names.js';
import { iso } from '../json.js';
import { chainJson, chainTable, gapSummary } from '../chain-output.js';
import { withFlags } from '../flag-errors.js';

export function registerEscalate(program: Command): void {
  program
    .command('escalate <policy>')
    .description('the resolved escalation chain for an incident starting now (or --at TIME); exit 3 when a level reaches nobody')
    .option('--at <time>', 'when the incident starts')
    .action(withFlags({ at: '--at' }, async (policyId: string, options, command: Command) => {
      const run = await invocation(command);
      const at = options.at !== undefined ? await run.time(options.at, '--at') : run.ctx.now;
      const { resolveEscalation } = await import('../../app/escalate.js');
      const { policy, steps } = await resolveEscalation(run.ctx, policyId, at);
      if (run.json) {
        run.printJson({ policy: policy.id, name: policy.name, at: iso(at), steps: chainJson(steps) });
      } else {
        const name = await nameLookup(run.ctx);
        run.print(run.colors.bold(`${policy.name} (${policy.id}) for an incident at ${formatTime(at, run.ctx.zone, run.ctx.now)}:`));
        run.print(chainTable(run, steps, at, name));
        run.print(run.colors.dim(timesIn(run.ctx.zone)));
      }
      const gap = gapSummary(steps, at);
      if (gap) throw new ProblemsFound(`${policy.id}: ${gap}; close the schedule's gap (oncall override add) or add a target to that level`);
    }));
}
