// oncall timeline [--schedule ID…] [--team ID] [--from T] [--days N] [--static]

import type { Command } from 'commander';
import { startOfDayIn } from '../../core/index.js';
import { Interrupted } from '../../errors.js';
import { collect, invocation } from '../globals.js';
import { dayCount, requireWindow } from '../window-option.js';
import { isInteractive } from '../io.js';
import type { Terminal } from '../../ui/render-timeline.js';
import { renderedText } from '../terminal-text.js';

export function registerTimeline(program: Command): void {
  program
    .command('timeline')
    .description('draw layers, overrides and the final schedule (interactive in a terminal)')
    .option('--schedule <id>', 'only this schedule (repeatable, or comma-separated)', collect)
    .option('--team <id>', "only this team's schedules")
    .option('--from <time>', 'first day (default: Monday of this week)')
    .option('--days <n>', 'how many days, 1 to 56 (default: 14)')
    .option('--static', 'print the picture once and exit (also when not on a terminal, or CI is set)')
    .action(async (options, command: Command) => {
      const run = await invocation(command);
      const [{ defaultStart, windowOf, DEFAULT_DAYS }, { MAX_DAYS }] = await Promise.all([import('../../ui/window.js'), import('../../ui/layout.js')]);
      const days = options.days === undefined ? DEFAULT_DAYS : dayCount('--days', MAX_DAYS, '8 weeks')(options.days);
      const { zone, now } = run.ctx;
      const start = options.from !== undefined
        ? startOfDayIn(await run.time(options.from, '--from'), zone)
        : defaultStart(now, days, zone);
      const { timelineLoader } = await import('../../app/timeline.js');
      const { load, people } = await timelineLoader(run.ctx, { scheduleIds: options.schedule, team: options.team });
      const window = windowOf(start, days, zone);
      requireWindow(window.start, window.end, zone);
      if (run.json) {
        const { timelineJson } = await import('../../app/timeline-json.js');
        return run.printJson(timelineJson({ schedules: await load(window), window, days, zone, people }));
      }
      const ui = await import('../../ui/render-timeline.js');
      const { io } = run;
      if (options.static || !isInteractive(io)) {
        const width = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : Number(io.env.COLUMNS) || 100;
        // The view makes every name and id safe for the terminal itself; the codes in it are its colours.
        run.print(renderedText(ui.staticTimeline({ schedules: await load(window), window, zone, now, width, people, color: run.color })));
        return;
      }
      // Both ends are terminals, so these are the process's own TTY streams.
      const terminal = io as unknown as Terminal;
      const ending = await ui.interactiveTimeline({ load, zone, now, start, days, people, color: run.color }, terminal);
      if (ending === 'interrupted') throw new Interrupted();
    });
}
