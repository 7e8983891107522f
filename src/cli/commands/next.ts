// oncall next [--person ID] [--count N]

import type { Command } from 'commander';
import { nextShifts, resolvePerson } from '../../app/next.js';
import { invocation, positiveInteger } from '../globals.js';
import { formatTime, table, timesIn } from '../output.js';
import { iso } from '../json.js';
import { withFlags } from '../flag-errors.js';

export function registerNext(program: Command): void {
  program
    .command('next')
    .description("a person's upcoming shifts across all schedules")
    .option('--person <id>', 'person id or e-mail (default: $ONCALL_USER or $USER)')
    .option('--count <n>', 'how many shifts', positiveInteger('--count'), 5)
    .action(withFlags({ person: '--person' }, async (options, command: Command) => {
      const run = await invocation(command);
      const person = await resolvePerson(run.ctx, options.person, run.io.env);
      const shifts = await nextShifts(run.ctx, person.id, options.count);
      if (run.json) {
        run.printJson(shifts.map((s) => ({ ...s, start: iso(s.start), end: iso(s.end) })));
        return;
      }
      if (shifts.length === 0) {
        run.print(`${person.name} (${person.id}) has no shifts in the next year.`);
        return;
      }
      const time = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now);
      run.print(run.colors.bold(`Upcoming shifts of ${person.name} (${person.id}):`));
      const rows = shifts.map((s) => [
        { text: s.schedule },
        { text: time(s.start), paint: s.start <= run.ctx.now ? run.colors.green : undefined },
        { text: time(s.end) },
        { text: s.source ?? '' },
      ]);
      run.print(table([{ header: 'SCHEDULE', shrink: true }, { header: 'START' }, { header: 'END' }, { header: 'SOURCE', shrink: true }], rows, run.colors, run.width));
      run.print(run.colors.dim(timesIn(run.ctx.zone)));
    }));
}
