// oncall completion bash|zsh|fish: prints a completion script (see completion-scripts.ts).
// oncall __complete -- WORDS… CURRENT: what those scripts call on TAB (hidden).

import { Command } from 'commander';
import { UserError } from '../../errors.js';
import { invocation } from '../globals.js';
import { completionSpec, TIME_WORDS } from '../completion-spec.js';
import { databaseOnLine, offerAt } from '../completion-line.js';
import { SCRIPTS, SHELLS, type Shell } from '../completion-scripts.js';
import { makeContext } from '../../app/context.js';
import { databaseSetting } from '../../app/database-setting.js';

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish (see the README for how to load it)')
    .argument('<shell>', SHELLS.join(', '))
    .action(async (shell: string, _o: unknown, command: Command) => {
      const run = await invocation(command);
      if (!(SHELLS as readonly string[]).includes(shell)) throw new UserError(`"${shell}" is not a shell oncall completes in; use ${SHELLS.join(', ')}`);
      run.printData(SCRIPTS[shell as Shell]);
    });

  program.addCommand(
    new Command('__complete')
      .description('what to offer at the cursor (used by the completion scripts)')
      .argument('[words...]')
      .allowUnknownOption()
      .action(async (words: string[], _o: unknown, command: Command) => {
        const run = await invocation(command);
        const typed = words.slice(0, -1);
        const current = words[words.length - 1] ?? '';
        const offer = offerAt(completionSpec(program), typed, current);
        const kind = offer.kind;
        let candidates = offer.words;
        if (kind === 'file') return run.print(':file');
        if (kind === 'time') candidates = TIME_WORDS;
        else if (kind === 'zone') candidates = Intl.supportedValuesOf('timeZone');
        else if (typeof kind === 'object') candidates = kind.words;
        else if (kind === 'schedule' || kind === 'person' || kind === 'team' || kind === 'policy') {
          const { completionIds } = await import('../../app/completion-ids.js');
          const db = databaseOnLine(typed);
          if (db === undefined) candidates = await completionIds(run.ctx, kind);
          else {
            // The line names a database (--db): its ids, not those of this run's default one.
            const { location } = await databaseSetting(db, run.io.env);
            const ctx = makeContext({ dbPath: location, env: run.io.env, now: run.ctx.now, zone: run.ctx.zone, actor: run.ctx.actor });
            try {
              candidates = await completionIds(ctx, kind);
            } finally {
              await ctx.close();
            }
          }
        }
        // Completion output is never coloured or cut; a candidate with a line break could not be one.
        run.io.stdout.write([':words', ...candidates.filter((c) => c.startsWith(current) && !/[\r\n]/.test(c))].join('\n') + '\n');
      }),
    { hidden: true },
  );
}
