// oncall shifts --schedule ID [--from T] [--to T | --days N] [--layers]

import type { Command } from 'commander';
import { addDays, fromFloating, startOfDay, toFloating, type Segment } from '../../core/index.js';
import { scheduleShifts } from '../../app/shifts.js';
import { UserError } from '../../errors.js';
import { invocation, positiveInteger, type Invocation } from '../globals.js';
import { formatTime, table, timesIn, type Cell } from '../output.js';
import { nameLookup } from '../people-names.js';
import { iso } from '../json.js';

export function registerShifts(program: Command): void {
  program
    .command('shifts')
    .description("a schedule's final shifts in a window, gaps included")
    .requiredOption('--schedule <id>', 'the schedule')
    .option('--from <time>', 'window start (default: today 00:00)')
    .option('--to <time>', 'window end')
    .option('--days <n>', 'window length in days (default: 7)', positiveInteger('--days'))
    .option('--layers', "also show each layer's own shifts")
    .action(async (options, command: Command) => {
      const run = await invocation(command);
      const window = await windowFrom(run, options);
      const result = await scheduleShifts(run.ctx, options.schedule, window, Boolean(options.layers));
      const name = await nameLookup(run.ctx);
      if (run.json) {
        const final = result.shifts.map((s) => shiftJson(result.schedule.id, s));
        const layers = result.layers?.map((l) => ({ layer: l.layer, shifts: l.shifts.map((s) => shiftJson(result.schedule.id, s)) }));
        run.print(JSON.stringify(layers ? { shifts: final, layers } : final, null, 2));
        return;
      }
      const title = `${result.schedule.name} (${result.schedule.id}), ${formatTime(window.start, run.ctx.zone, run.ctx.now)} → ${formatTime(window.end, run.ctx.zone, run.ctx.now)}`;
      run.print(run.colors.bold(title));
      for (const lane of result.layers ?? []) {
        run.print(`\nLayer ${lane.layer}:`);
        run.print(shiftTable(run, lane.shifts, name));
      }
      if (result.layers) run.print('\nFinal:');
      run.print(shiftTable(run, result.shifts, name));
      run.print(run.colors.dim(timesIn(run.ctx.zone)));
    });
}

export async function windowFrom(
  run: Invocation,
  options: { from?: string; to?: string; days?: number },
): Promise<{ start: number; end: number }> {
  if (options.to && options.days) throw new UserError('give either --to or --days, not both');
  const zone = run.ctx.zone;
  // Days are calendar days in the viewer's zone (a window over a DST change is 167 or 169 h).
  const start = options.from
    ? await run.time(options.from, '--from')
    : fromFloating(startOfDay(toFloating(run.ctx.now, zone)), zone);
  const end = options.to
    ? await run.time(options.to, '--to')
    : addDays(start, options.days ?? 7, zone);
  if (end <= start) throw new UserError('the window ends before it starts; --to must be after --from');
  return { start, end };
}

function shiftJson(schedule: string, s: Segment) {
  return { schedule, person: s.person, start: iso(s.start), end: iso(s.end), source: s.source };
}

function shiftTable(run: Invocation, shifts: Segment[], name: (id: string | null) => string | null): string {
  const c = run.colors;
  const time = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now);
  const rows: Cell[][] = shifts.map((s) => [
    { text: time(s.start) },
    { text: time(s.end) },
    s.person === null ? { text: 'no one (gap)', paint: c.red } : { text: name(s.person)! },
    { text: s.source ?? '', paint: s.source === 'override' ? c.yellow : undefined },
  ]);
  return table([{ header: 'START' }, { header: 'END' }, { header: 'ON CALL', shrink: true }, { header: 'SOURCE', shrink: true }], rows, c, run.width);
}
