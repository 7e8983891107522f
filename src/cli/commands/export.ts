// oncall export yaml | oncall export ics …

import path from 'node:path';
import type { Command } from 'commander';
import { addDays, MINUTE_MS, parseDelay, plural, WEEK_MS } from '../../core/index.js';
import { UserError } from '../../errors.js';
import { collect, invocation } from '../globals.js';
import { statusLine } from '../status-line.js';
import type { FeedFile } from '../../app/export-ics.js';
import { iso } from '../json.js';
import { dayCount, MAX_WINDOW_DAYS, windowOption } from '../window-option.js';

export function registerExport(program: Command): void {
  const exporter = program.command('export').description('write the current state in another format');
  exporter
    .command('yaml')
    .description('everything as YAML, in the format apply reads (a lossless round trip)')
    .action(async (_options, command: Command) => {
      const run = await invocation(command);
      const { exportYaml } = await import('../../app/export-yaml.js');
      run.printData(await exportYaml(run.ctx));
    });
  exporter
    .command('ics')
    .description('final shifts as an iCalendar feed (default window: 7 days back to 90 days ahead)')
    .option('--schedule <id>', 'only this schedule (repeatable, or comma-separated)', collect)
    .option('--team <id>', "only this team's schedules")
    .option('--person <id>', "only this person's shifts (repeatable, or comma-separated)", collect)
    .option('--from <time>', 'window start (default: 7 days ago)')
    .option('--to <time>', 'window end (default: 90 days from now)')
    .option('--days <n>', `window length in days, counted from --from (at most ${MAX_WINDOW_DAYS})`, dayCount('--days'))
    .option('-o, --output <file>', 'write to this file (atomically) instead of stdout')
    .option('--split-by <what>', 'one feed per "person" or "schedule" (with --out-dir)')
    .option('--out-dir <dir>', 'folder for --split-by feeds and their index.json')
    .option('--alarm <duration>', 'add a reminder before each shift, e.g. 15m or 1h')
    .action(async (options, command: Command) => {
      const run = await invocation(command);
      const splitBy = checkSplit(options);
      const window = await windowOption(run, options, {
        start: (now, zone) => addDays(now, -7, zone),
        end: (_start, now, zone) => addDays(now, 90, zone),
      });
      const alarmMinutes = options.alarm === undefined ? undefined : parseAlarm(options.alarm);
      const { exportIcs } = await import('../../app/export-ics.js');
      const { writeFileAtomic, ensureDirectory } = await import('../../app/atomic-write.js');
      const status = statusLine(run.io.stderr);
      let feeds: FeedFile[];
      let text: string | undefined;
      try {
        feeds = await exportIcs(run.ctx, {
          scheduleIds: options.schedule,
          team: options.team,
          personIds: options.person,
          window,
          splitBy,
          alarmMinutes,
          onProgress: status.update,
        });
        if (!splitBy) {
          status.update(`writing ${plural(feeds[0].events, 'shift')}`);
          if (options.output) writeFileAtomic(options.output, feeds[0].chunks());
          else text = [...feeds[0].chunks()].join('');
        } else {
          ensureDirectory(options.outDir);
          feeds.forEach((feed, i) => {
            status.update(`writing feeds ${i + 1}/${feeds.length}`);
            writeFileAtomic(path.join(options.outDir, feed.file!), feed.chunks());
          });
        }
      } finally {
        status.done();
      }
      if (!splitBy) {
        if (text !== undefined) run.printData(text);
        else if (run.json) run.printJson({ file: options.output, events: feeds[0].events }, 0);
        else run.print(`Wrote ${options.output} (${plural(feeds[0].events, 'shift')}).`);
        return;
      }
      const index = {
        generated: iso(run.ctx.now),
        window: { from: iso(window.start), to: iso(window.end) },
        feeds: feeds.map((f) => ({ file: f.file, [splitBy]: f.id, name: f.name, events: f.events })),
      };
      writeFileAtomic(path.join(options.outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
      const total = feeds.reduce((sum, f) => sum + f.events, 0);
      if (run.json) run.printJson(index);
      else run.print(`Wrote ${feeds.length} feeds (${total} shifts) and index.json to ${options.outDir}.`);
    });
}

function checkSplit(options: { splitBy?: string; outDir?: string; output?: string }): 'person' | 'schedule' | undefined {
  if (options.splitBy === undefined) {
    if (options.outDir) throw new UserError('--out-dir goes with --split-by person|schedule');
    return undefined;
  }
  if (options.splitBy !== 'person' && options.splitBy !== 'schedule') {
    throw new UserError(`--split-by "${options.splitBy}" must be "person" or "schedule"`);
  }
  if (!options.outDir) throw new UserError('--split-by needs --out-dir DIR for the feeds');
  if (options.output) throw new UserError('give either -o FILE or --split-by with --out-dir, not both');
  return options.splitBy;
}

/** "15m", "1h", "1h30m" as escalation delays are read, or "90" (minutes) → minutes. */
function parseAlarm(text: string): number {
  const parsed = /^\s*\d+\s*$/.test(text) ? { ok: true as const, value: Number(text) } : parseDelay(text);
  const minutes = parsed.ok ? parsed.value : NaN;
  if (!parsed.ok || minutes > WEEK_MS / MINUTE_MS) {
    throw new UserError(`--alarm "${text}" must be a duration like 15m or 1h (at most a week)`);
  }
  return minutes;
}
