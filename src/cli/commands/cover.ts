// oncall cover --schedule S --from T --to T [--for PERSON]: who could take it, best first.

import type { Command } from 'commander';
import type { CoverResult, Ruled } from '../../app/cover.js';
import { HOUR_MS } from '../../core/index.js';
import { invocation, type Invocation } from '../globals.js';
import { formatInterval, formatShortTime, table, timesIn, type Cell } from '../output.js';
import { iso } from '../json.js';
import { requireWindow } from '../window-option.js';
import { withFlags } from '../flag-errors.js';
import type { Names } from '../people-names.js';

const hours = (ms: number) => `${Math.round(ms / HOUR_MS)} h`;

export function registerCover(program: Command): void {
  program
    .command('cover')
    .description('rank the people who could take a window of a schedule, with the override command to accept')
    .requiredOption('--schedule <id>')
    .requiredOption('--from <time>')
    .requiredOption('--to <time>')
    .option('--for <person>', 'the person who needs cover (default: whoever is on call for the whole window)')
    .action(withFlags({ for: '--for' }, async (o, command: Command) => {
      const run = await invocation(command);
      const from = await run.time(o.from, '--from');
      const to = await run.time(o.to, '--to');
      requireWindow(from, to, run.ctx.zone, { order: '--to must be after --from' });
      const { suggestCover } = await import('../../app/cover.js');
      const result = await suggestCover(run.ctx, { schedule: o.schedule, window: { start: from, end: to }, for: o.for });
      const { nameLookup } = await import('../people-names.js');
      const name = await nameLookup(run.ctx);
      if (run.json) return run.printJson(coverJson(result));
      printCover(run, result, name);
    }));
}

/** The exact command that puts `person` on call for the window. */
function overrideCommand(r: CoverResult, person: string): string {
  const replaces = r.covering ? ` --replaces ${r.covering}` : '';
  return `oncall override add --schedule ${r.schedule} --person ${person} --from ${iso(r.window.start)} --to ${iso(r.window.end)}${replaces}`;
}

function coverJson(r: CoverResult) {
  return {
    schedule: r.schedule,
    from: iso(r.window.start),
    to: iso(r.window.end),
    for: r.covering ?? null,
    candidates: r.candidates.map((c, i) => ({
      rank: i + 1,
      person: c.person,
      recentHours: Math.round(c.recent / HOUR_MS),
      nightAndWeekendHours: Math.round(c.nightsAndWeekends / HOUR_MS),
      command: overrideCommand(r, c.person),
    })),
    ruledOut: r.ruledOut.map((x) => ({ person: x.person, why: x.why, schedule: x.schedule ?? null, from: iso(x.start), to: iso(x.end), reason: x.reason ?? null })),
  };
}

function printCover(run: Invocation, r: CoverResult, name: Names): void {
  const c = run.colors;
  const who = r.covering ? ` for ${name(r.covering)}` : '';
  run.print(c.bold(`Cover ${r.schedule} ${formatInterval(r.window.start, r.window.end, run.ctx.zone, run.ctx.now)}${who}`));
  if (r.candidates.length === 0) {
    run.print(c.red('Nobody in the team is free then.'));
  } else {
    const rows: Cell[][] = r.candidates.map((cand, i) => [
      { text: String(i + 1) },
      { text: name(cand.person)!, paint: i === 0 ? c.bold : undefined },
      { text: `${hours(cand.recent)} in 90 days (team avg ${hours(r.teamAverage)}), ${hours(cand.nightsAndWeekends)} nights/weekends` },
    ]);
    run.print(table([{ header: 'RANK' }, { header: 'PERSON', shrink: true, min: 10 }, { header: 'WHY', shrink: true, min: 30 }], rows, c, run.width));
  }
  if (r.ruledOut.length > 0) {
    run.print(c.dim('Not free:'));
    // Short times (no weekday) keep these lines inside 80 columns. Each person once: a second
    // reason goes on the next line, under the first.
    const short = (t: number) => formatShortTime(t, run.ctx.zone, run.ctx.now);
    for (const [person, reasons] of byPerson(mergeRuled(r.ruledOut))) {
      const head = `  ${name(person)}: `;
      reasons.forEach((x, i) => run.print(c.dim(`${i === 0 ? head : ' '.repeat(head.length)}${ruledText(x, short)}`)));
    }
  }
  if (r.candidates.length > 0) {
    run.print(c.dim('To accept a suggestion, run:'));
    for (const cand of r.candidates.slice(0, 3)) run.print(`  ${overrideCommand(r, cand.person)}`);
  }
  run.print(c.dim(timesIn(run.ctx.zone)));
}

function ruledText(x: Ruled, time: (t: number) => string): string {
  const when = `${time(x.start)} → ${time(x.end)}`;
  if (x.why === 'time-off') return `time off${x.reason ? ` (${x.reason})` : ''} ${when}`;
  if (x.why === 'on-call-here') return `already on call in ${x.schedule} ${when}`;
  return `on call in ${x.schedule} ${when}`;
}

/** The reasons of each person, people in order of their first reason. */
function byPerson(list: Ruled[]): Map<string, Ruled[]> {
  const people = new Map<string, Ruled[]>();
  for (const x of list) people.set(x.person, [...(people.get(x.person) ?? []), x]);
  return people;
}

/** One line per person and reason: from the first such continuous shift to the end of the last. */
function mergeRuled(list: Ruled[]): Ruled[] {
  const merged = new Map<string, Ruled>();
  for (const x of list) {
    const key = `${x.person}|${x.why}|${x.schedule ?? ''}|${x.reason ?? ''}`;
    const seen = merged.get(key);
    if (seen) seen.end = Math.max(seen.end, x.end);
    else merged.set(key, { ...x });
  }
  return [...merged.values()];
}
