// oncall check [--days 30] [--schedule ID…] [--ignore KIND…]: exit 3 when the rota has problems.

import type { Command } from 'commander';
import type { Problem, ProblemKind } from '../../app/check.js';
import { ProblemsFound, UserError } from '../../errors.js';
import { collect, invocation, type Invocation } from '../globals.js';
import { dayCount, MAX_WINDOW_DAYS, requireWindow } from '../window-option.js';
import { formatInterval, formatTime, timesIn } from '../output.js';
import { isoOrNull } from '../json.js';
import { term } from '../terminal-text.js';
import { addDays, plural } from '../../core/index.js';
import type { Names } from '../people-names.js';


export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('problems in the coming days: gaps, people on call on time off, clashes; exit 3 when any')
    .option('--days <n>', `how far ahead to look, 1 to ${MAX_WINDOW_DAYS}`, dayCount('--days'), 30)
    .option('--schedule <id>', 'only this schedule (repeatable, or comma-separated)', collect)
    .option('--ignore <kinds>', 'kinds of problem to leave out (comma-separated), e.g. single-member', collect)
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      requireWindow(run.ctx.now, addDays(run.ctx.now, o.days, run.ctx.zone), run.ctx.zone, { fix: 'ask for fewer --days' });
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
          message: [describe(p, name), whenOf(p, run)].filter(Boolean).join(', '),
        }));
        run.printJson({ from: isoOrNull(result.window.start), to: isoOrNull(result.window.end), schedules: result.schedules, problems });
      } else {
        const when = formatInterval(result.window.start, result.window.end, run.ctx.zone, run.ctx.now);
        run.print(run.colors.dim(`Checked ${plural(result.schedules.length, 'schedule')}, ${when}.`));
        if (result.problems.length === 0) return run.print(run.colors.green(`No problems in the next ${o.days} days.`));
        // Two lines each, to fit 80 columns: what, where and when; then who and why.
        for (const p of result.problems) {
          const when = whenOf(p, run);
          run.print(term`${run.colors.red(p.kind)}  ${run.colors.bold(p.schedule)}${when ? `  ${when}` : ''}`);
          run.print(`  ${describe(p, name)}`);
        }
        run.print(run.colors.dim(timesIn(run.ctx.zone)));
      }
      if (result.problems.length > 0) {
        const n = result.problems.length;
        throw new ProblemsFound(`${plural(n, 'problem')} found; fix them, or leave a kind out with --ignore`);
      }
    });
}

/** "Mon 23 Nov 13:00 → Mon 30 Nov 10:00", "from Thu 10 Dec 10:00", or nothing. */
function whenOf(p: Problem, run: Invocation): string {
  const time = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now);
  if (p.start !== undefined && p.end !== undefined) return formatInterval(p.start, p.end, run.ctx.zone, run.ctx.now);
  return p.start !== undefined ? `from ${time(p.start)}` : '';
}

function describe(p: Problem, name: Names): string {
  const who = name(p.person ?? null);
  switch (p.kind) {
    case 'gap':
      return 'nobody on call';
    case 'time-off':
      return `${who} on call while on time off${p.reason ? ` (${p.reason})` : ''}`;
    case 'overlapping-overrides':
      return `overrides for ${who} and ${name(p.other ?? null)} overlap; the newer wins`;
    case 'double-booked':
      return `${who} also on call in ${p.other}`;
    case 'single-member':
      return `layer ${p.layer} has one member (${who}): no one to swap with`;
    case 'schedule-ends':
      return 'every layer has ended: nobody on call';
    case 'no-effect':
      return `override for ${who} changes nothing: ${name(p.other ?? null)} is never on call then`;
  }
}
