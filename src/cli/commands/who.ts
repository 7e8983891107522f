// oncall who [--schedule ID…] [--team ID] [--at TIME]

import type { Command } from 'commander';
import { whoIsOnCall, type WhoEntry } from '../../app/who.js';
import { collect, invocation, type Invocation } from '../globals.js';
import { formatShortTime, formatTime, table, timesIn, type Cell } from '../output.js';
import { nameLookup, type Names } from '../people-names.js';
import { isoOrNull } from '../json.js';

export function registerWho(program: Command): void {
  program
    .command('who')
    .description('who is on call now (or --at TIME) in each schedule, since when, until when, who is next')
    .option('--schedule <id>', 'only this schedule (repeatable, or comma-separated)', collect)
    .option('--team <id>', "only this team's schedules")
    .option('--at <time>', 'ask about another time ("next friday 03:00", "+2h", ISO)')
    .option('--policy <id>', "who an escalation policy's first level pages")
    .action(async (options, command: Command) => {
      const run = await invocation(command);
      const at = options.at !== undefined ? await run.time(options.at, '--at') : run.ctx.now;
      if (options.policy) return printPolicyResponders(run, options.policy, at, Boolean(options.at));
      const entries = await whoIsOnCall(run.ctx, { scheduleIds: options.schedule, team: options.team, at });
      const name = await nameLookup(run.ctx);
      if (run.json) {
        run.printJson(entries.map((e) => whoJson(e, name)));
        return;
      }
      printWho(run, entries, name, at, Boolean(options.at));
    });
}

async function printPolicyResponders(run: Invocation, policyId: string, at: number, pinned: boolean): Promise<void> {
  const { firstResponders } = await import('../../app/who-policy.js');
  const { policy, responders } = await firstResponders(run.ctx, policyId, at);
  const name = await nameLookup(run.ctx);
  if (run.json) {
    const json = responders.map((r) => ({
      policy,
      level: 1,
      target: r.target,
      ...(r.shift ? whoJson(r.shift, name) : { schedule: null, person: r.person, name: name(r.person), start: null, end: null, source: null, next: null }),
    }));
    return run.printJson(json);
  }
  const { colors: c, ctx } = run;
  const time = (t: number | null | undefined) => (t === undefined ? '—' : formatShortTime(t, ctx.zone, ctx.now));
  const rows: Cell[][] = responders.map((r) => [
    { text: r.target },
    r.person === null ? { text: 'no one (gap)', paint: c.red } : { text: name(r.person)!, paint: c.bold },
    { text: time(r.shift?.start) },
    { text: time(r.shift?.end) },
    { text: r.shift?.next ? `${name(r.shift.next.person)}` : '—' },
  ]);
  run.print(c.dim(`${policy}, level 1${pinned ? ` at ${formatTime(at, ctx.zone, ctx.now)}` : ''}:`));
  const columns = [{ header: 'TARGET', shrink: true, min: 12 }, { header: 'PAGES', shrink: true, min: 10 }, { header: 'SINCE' }, { header: 'UNTIL' }, { header: 'NEXT', shrink: true }];
  run.print(table(columns, rows, c, run.width));
  run.print(c.dim(timesIn(ctx.zone)));
}

function whoJson(e: WhoEntry, name: Names) {
  return {
    schedule: e.schedule.id,
    person: e.person,
    name: name(e.person),
    start: isoOrNull(e.start),
    end: isoOrNull(e.end),
    source: e.source,
    next: e.next ? { person: e.next.person, name: name(e.next.person), start: isoOrNull(e.next.start) } : null,
  };
}

function printWho(run: Invocation, entries: WhoEntry[], name: Names, at: number, pinned: boolean): void {
  const { colors: c, ctx } = run;
  if (entries.length === 0) {
    run.note('No schedules yet. Describe them in YAML and run: oncall apply -f FILE');
    return;
  }
  // Short dates keep the five columns inside 80 characters.
  const time = (t: number | null) => formatShortTime(t, ctx.zone, ctx.now);
  const rows: Cell[][] = entries.map((e) => {
    const who: Cell =
      e.person === null
        ? { text: 'no one (gap)', paint: c.red }
        : { text: `${name(e.person)}${e.source === 'override' ? ' (override)' : ''}`, paint: c.bold };
    const next = e.next ? `${name(e.next.person)}${e.next.start !== e.end ? ` from ${time(e.next.start)}` : ''}` : '—';
    return [{ text: e.schedule.id }, who, { text: time(e.start) }, { text: time(e.end) }, { text: next }];
  });
  if (pinned) run.print(c.dim(`On call at ${formatTime(at, ctx.zone, ctx.now)}:`));
  run.print(
    table(
      [{ header: 'SCHEDULE', shrink: true, min: 12 }, { header: 'ON CALL', shrink: true, min: 10 }, { header: 'SINCE' }, { header: 'UNTIL' }, { header: 'NEXT', shrink: true }],
      rows,
      c,
      run.width,
    ),
  );
  run.print(c.dim(timesIn(ctx.zone)));
}
