// oncall check [--days 30] [--schedule ID…] [--ignore KIND…]: exit 3 when the rota has problems.

import type { Command } from 'commander';
import type { Problem, ProblemKind } from '../../app/check.js';
import { ProblemsFound, UserError } from '../../errors.js';
import { collect, invocation, positiveInteger, type Invocation } from '../globals.js';
import { formatTime, timesIn } from '../output.js';
import { isoOrNull } from '../json.js';

type Names = (id: string | null) => string | null;

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('problems in the coming days: gaps, people on call on time off, clashes; exit 3 when any')
    .option('--days <n>', 'how far ahead to look', positiveInteger('--days'), 30)
    .option('--schedule <id>', 'only this schedule (repeatable, or comma-separated)', collect)
    .option('--ignore <kinds>', 'kinds of problem to leave out (comma-separated), e.g. single-member', collect)
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      const { checkRota, PROBLEM_KINDS } = await import('../../app/check.js');
      for (const kind of o.ignore ?? []) {
        if (!(PROBLEM_KINDS as readonly string[]).includes(kind)) throw new UserError(`--ignore "${kind}" is not a kind of problem; use ${PROBLEM_KINDS.join(', ')}`);
      }
      const result = await checkRota(run.ctx, { days: o.days, scheduleIds: o.schedule, ignore: o.ignore as ProblemKind[] });
      const { nameLookup } = await import('../people-names.js');
      const name = await nameLookup(run.ctx);
      if (run.json) {
        const problems = result.problems.map((p) => ({
          kind: p.kind,
          schedule: p.schedule,
          start: isoOrNull(p.start ?? null),
          end: isoOrNull(p.end ?? null),
          person: p.person ?? null,
          other: p.other ?? null,
          layer: p.layer ?? null,
          reason: p.reason ?? null,
          message: describe(p, name, run),
        }));
        run.print(JSON.stringify({ from: isoOrNull(result.window.start), to: isoOrNull(result.window.end), schedules: result.schedules, problems }, null, 2));
      } else {
        const span = `${formatTime(result.window.start, run.ctx.zone, run.ctx.now)} → ${formatTime(result.window.end, run.ctx.zone, run.ctx.now)}`;
        run.print(run.colors.dim(`Checked ${result.schedules.length} schedule${result.schedules.length === 1 ? '' : 's'}, ${span}.`));
        if (result.problems.length === 0) return run.print(run.colors.green(`No problems in the next ${o.days} days.`));
        // Two lines each: the messages are long, and a cut-off time is no use.
        for (const p of result.problems) {
          run.print(`${run.colors.red(p.kind)}  ${run.colors.bold(p.schedule)}`);
          run.print(`  ${describe(p, name, run)}`);
        }
        run.print(run.colors.dim(timesIn(run.ctx.zone)));
      }
      if (result.problems.length > 0) {
        const n = result.problems.length;
        throw new ProblemsFound(`${n} problem${n === 1 ? '' : 's'} found; fix them, or leave a kind out with --ignore`);
      }
    });
}

function describe(p: Problem, name: Names, run: Invocation): string {
  const time = (t: number | undefined) => (t === undefined ? '' : formatTime(t, run.ctx.zone, run.ctx.now));
  const span = `${time(p.start)} → ${time(p.end)}`;
  const who = name(p.person ?? null);
  switch (p.kind) {
    case 'gap':
      return `nobody on call ${span}`;
    case 'time-off':
      return `${who} on call while on time off${p.reason ? ` (${p.reason})` : ''}, ${span}`;
    case 'overlapping-overrides':
      return `overrides for ${who} and ${name(p.other ?? null)} overlap ${span}; the newer wins`;
    case 'double-booked':
      return `${who} also on call in ${p.other}, ${span}`;
    case 'single-member':
      return `layer ${p.layer} has one member (${who}): no one to swap with`;
    case 'schedule-ends':
      return `every layer ends by ${time(p.start)}: nobody on call after`;
  }
}
