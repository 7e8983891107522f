// oncall timeoff add|list|rm|import

import type { Command } from 'commander';
import { invocation, positiveInteger, type Invocation } from '../globals.js';
import { formatInterval, formatTime, table, timesIn, type Cell } from '../output.js';
import { printChange } from '../change-output.js';
import { iso } from '../json.js';
import { parseTimeOption } from '../time-option.js';
import { requireAfter } from '../window-option.js';
import { plural, timeRangeProblem } from '../../core/index.js';
import { UserError } from '../../errors.js';

const manage = () => import('../../app/manage-time-off.js');

/** A person's zone: their bounds are read there ("2026-12-24" is their Christmas Eve). */
async function personZone(run: Invocation, id: string): Promise<string> {
  return (await import('../../app/time-off-read.js')).personZone(run.ctx, id);
}

/** Dates and ISO times as in YAML; else plain English or relative to `reference`. A day without a time ("friday") is whole. */
async function bound(text: string, option: string, zone: string, reference: number, end: boolean): Promise<number> {
  const { parseTimeOffBound } = await import('../../core/normalize-time-off.js');
  const exact = parseTimeOffBound(text, zone, end);
  if (exact === undefined) return parseTimeOption(text, option, reference, zone, { wholeDay: end ? 'end' : 'start' });
  const outside = timeRangeProblem(exact);
  if (outside) throw new UserError(`${option} "${text.trim()}" ${outside}`);
  return exact;
}

export function registerTimeOff(program: Command): void {
  const timeoff = program.command('timeoff').description("people's holidays and absences");
  timeoff
    .command('add <person>')
    .description('record time off (dates and times in the person\'s zone; a date as --to is the whole day)')
    .requiredOption('--from <time>', 'first day or time, e.g. 2026-12-21')
    .requiredOption('--to <time>', 'last day (inclusive) or end time, e.g. 2026-12-24')
    .option('--reason <text>')
    .action(async (person: string, o, command: Command) => {
      const run = await invocation(command);
      const zone = await personZone(run, person);
      const from = await bound(o.from, '--from', zone, run.ctx.now, false);
      // --to counts from --from: "--from friday --to monday" is the Monday after, "+3d" three days on.
      const to = await bound(o.to, '--to', zone, from, true);
      requireAfter(from, to, `--to (${o.to}) must be after --from (${o.from})`);
      const { plan, value } = await (await manage()).addTimeOff(run.ctx, person, [{ from, to, ...(o.reason && { reason: o.reason }) }]);
      if (!run.json && value.already) return run.print(`That time off is already recorded for ${person}.`);
      printChange(run, plan, `Added time off for ${person}: ${formatInterval(from, to, zone, run.ctx.now)} (${zone}).`);
    });
  timeoff
    .command('import <person> <file>')
    .description('busy events of an .ics calendar become time off (importing again changes nothing)')
    .action(async (person: string, file: string, _o, command: Command) => {
      const run = await invocation(command);
      const zone = await personZone(run, person);
      const { plan, value } = await (await manage()).importTimeOff(run.ctx, person, file, zone);
      if (run.json) return run.printJson({ events: value.events, added: value.added, already: value.already });
      const already = value.already ? `, ${value.already} already recorded` : '';
      run.print(plan.changes.length === 0 && value.added === 0
        ? `No changes: ${plural(value.events, 'busy event')} in ${file}${already}.`
        : `Imported ${value.added} time off for ${person} from ${file} (${plural(value.events, 'busy event')}${already}).`);
    });
  timeoff
    .command('list')
    .description('time off in progress and to come (--all: past too)')
    .option('--person <id>')
    .option('--all', 'also time off that has ended')
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      const { listTimeOff } = await import('../../app/time-off-read.js');
      const rows = await listTimeOff(run.ctx, { person: o.person, all: o.all });
      if (run.json) return run.printJson(rows.map((r) => ({ id: r.id, person: r.person, from: iso(r.start), to: iso(r.end), reason: r.reason })));
      if (rows.length === 0) return run.print('No time off recorded.');
      const time = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now);
      const cells: Cell[][] = rows.map((r) => [String(r.id), r.person, time(r.start), time(r.end), r.reason ?? ''].map((text) => ({ text })));
      run.print(table([{ header: 'ID' }, { header: 'PERSON' }, { header: 'FROM' }, { header: 'UNTIL' }, { header: 'REASON', shrink: true }], cells, run.colors, run.width));
      run.print(run.colors.dim(timesIn(run.ctx.zone)));
    });
  timeoff
    .command('rm <id>')
    .description('remove time off (ids from "oncall timeoff list")')
    .action(async (id: string, _o, command: Command) => {
      const run = await invocation(command);
      const { plan, row } = await (await manage()).removeTimeOff(run.ctx, positiveInteger('time off id')(id));
      printChange(run, plan, `Removed time off ${id} of ${row.person}.`);
    });
}
