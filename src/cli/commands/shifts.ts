// oncall shifts --schedule ID [--from T] [--to T | --days N] [--layers]

import type { Command } from 'commander';
import { addDays, startOfDayIn, type Shift } from '../../core/index.js';
import { scheduleShifts } from '../../app/shifts.js';
import { invocation, type Invocation } from '../globals.js';
import { formatInterval, formatTime, table, timesIn, type Cell } from '../output.js';
import { nameLookup, type Names } from '../people-names.js';
import { iso } from '../json.js';
import { dayCount, MAX_WINDOW_DAYS, windowOption } from '../window-option.js';

export function registerShifts(program: Command): void {
  program
    .command('shifts')
    .description("a schedule's final shifts in a window, gaps included")
    .requiredOption('--schedule <id>', 'the schedule')
    .option('--from <time>', 'window start (default: today 00:00)')
    .option('--to <time>', 'window end')
    .option('--days <n>', `window length in days, 1 to ${MAX_WINDOW_DAYS} (default: 7)`, dayCount('--days'))
    .option('--layers', "also show each layer's own shifts")
    .action(async (options, command: Command) => {
      const run = await invocation(command);
      const window = await windowOption(run, options, {
        start: (now, zone) => startOfDayIn(now, zone),
        end: (start, _now, zone) => addDays(start, 7, zone),
      });
      const result = await scheduleShifts(run.ctx, options.schedule, window, Boolean(options.layers));
      const name = await nameLookup(run.ctx);
      if (run.json) {
        const final = result.shifts.map((s) => shiftJson(result.schedule.id, s));
        const layers = result.layers?.map((l) => ({ layer: l.layer, shifts: l.shifts.map((s) => shiftJson(result.schedule.id, s)) }));
        run.printJson(layers ? { shifts: final, layers } : final);
        return;
      }
      const title = `${result.schedule.name} (${result.schedule.id}), ${formatInterval(window.start, window.end, run.ctx.zone, run.ctx.now)}`;
      run.print(run.colors.bold(title));
      for (const lane of result.layers ?? []) {
        run.print('');
        run.print(`Layer ${lane.layer}:`);
        run.print(shiftTable(run, lane.shifts, name));
      }
      if (result.layers) {
        run.print('');
        run.print('Final:');
      }
      run.print(shiftTable(run, result.shifts, name));
      run.print(run.colors.dim(timesIn(run.ctx.zone)));
    });
}

function shiftJson(schedule: string, s: Shift) {
  return { schedule, person: s.person, start: iso(s.start), end: iso(s.end), source: s.source };
}

function shiftTable(run: Invocation, shifts: Shift[], name: Names) {
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
