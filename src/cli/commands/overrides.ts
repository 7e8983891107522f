// oncall override add|list|rm, oncall swap

import type { Command } from 'commander';
import type { Problem } from '../../core/index.js';
import { plural } from '../../core/index.js';
import { invocation, positiveInteger } from '../globals.js';
import { formatInterval, formatTime, table, timesIn } from '../output.js';
import { printChange, warn } from '../change-output.js';
import { changeJson, iso } from '../json.js';

export function registerOverrides(program: Command): void {
  const override = program.command('override').description('put someone on call over the rotation');
  override
    .command('add')
    .description('add an override (the newest wins where overrides overlap)')
    .requiredOption('--schedule <id>')
    .requiredOption('--person <id>', 'who is on call instead')
    .requiredOption('--from <time>')
    .requiredOption('--to <time>')
    .option('--replaces <id>', 'only where this person would otherwise be on call (a swap)')
    .option('--reason <text>')
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      const from = await run.time(o.from, '--from');
      const to = await run.time(o.to, '--to');
      const { addOverrideChecked } = await import('../../app/override-add.js');
      const wanted = { person: o.person, from, to, ...(o.replaces && { replaces: o.replaces }), ...(o.reason && { reason: o.reason }) };
      const added = await addOverrideChecked(run.ctx, o.schedule, wanted);
      const time = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now);
      for (const h of added.hidden) {
        warn(run, `overlaps ${h.person}'s override ${formatInterval(h.from, h.to, run.ctx.zone, run.ctx.now)}; this newer one wins where they overlap`);
      }
      for (const p of added.warnings) warn(run, overrideWarning(p, time));
      printChange(run, added.plan, `Added override ${added.id} on ${o.schedule}: ${o.person} ${formatInterval(from, to, run.ctx.zone, run.ctx.now)}.`);
    });
  override
    .command('list')
    .description('overrides that have not ended yet (or since --from)')
    .option('--schedule <id>')
    .option('--from <time>', 'also show overrides that ended after this time')
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      const from = o.from !== undefined ? await run.time(o.from, '--from') : run.ctx.now;
      const { overridesFrom } = await import('../../app/overrides-read.js');
      const rows = await overridesFrom(run.ctx, o.schedule, from);
      if (run.json) {
        run.printJson(rows.map((r) => ({ id: r.id, schedule: r.scheduleId, person: r.person, start: iso(r.start), end: iso(r.end), replaces: r.replaces, reason: r.reason })));
        return;
      }
      if (rows.length === 0) return run.print('No overrides.');
      const time = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now);
      const cells = rows.map((r) => [String(r.id), r.scheduleId, r.person, time(r.start), time(r.end), [r.replaces && `for ${r.replaces}`, r.reason].filter(Boolean).join(': ')].map((text) => ({ text })));
      run.print(table([{ header: 'ID' }, { header: 'SCHEDULE', shrink: true }, { header: 'PERSON', shrink: true }, { header: 'FROM' }, { header: 'TO' }, { header: 'NOTE', shrink: true }], cells, run.colors, run.width));
      run.print(run.colors.dim(timesIn(run.ctx.zone)));
    });
  override
    .command('rm <id>')
    .description('remove an override: one in progress ends now; the past stays')
    .action(async (id: string, _o, command: Command) => {
      const run = await invocation(command);
      const { removeOverrideById } = await import('../../app/overrides-read.js');
      const { plan } = await removeOverrideById(run.ctx, positiveInteger('override id')(id));
      printChange(run, plan, `Removed override ${id}.`);
    });

  program
    .command('swap')
    .description("exchange two people's whole turns in a layer: the one of --shift-of at --at, and the next one of --with")
    .requiredOption('--schedule <id>')
    .requiredOption('--shift-of <id>')
    .requiredOption('--with <id>')
    .requiredOption('--at <time>', 'a time inside the first turn')
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      const at = await run.time(o.at, '--at');
      const { swapChecked } = await import('../../app/swap.js');
      const { plan, value: swap, warnings } = await swapChecked(run.ctx, { scheduleId: o.schedule, shiftOf: o.shiftOf, with: o.with, at });
      const time = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now);
      for (const p of warnings) warn(run, overrideWarning(p, time));
      const turns = swap.turns.map((t) => ({ ...t, from: Math.max(t.start, run.ctx.now) }));
      if (run.json) {
        run.printJson({
          schedule: o.schedule,
          layer: swap.layer,
          turns: turns.map((t) => ({
            person: t.person,
            takenBy: t.takenBy,
            start: iso(t.start),
            end: iso(t.end),
            shifts: t.shifts.map((s) => ({ start: iso(s.start), end: iso(s.end) })),
          })),
          changes: plan.changes.map(changeJson),
        });
        return;
      }
      if (plan.changes.length === 0) return run.print('No changes.');
      run.print(`Swapped on ${o.schedule}, layer ${swap.layer}:`);
      for (const t of turns) {
        const count = plural(t.shifts.length, 'shift');
        const rest = t.from > t.start ? `${count}, from now on` : count;
        run.print(`  ${t.takenBy} takes ${t.person}'s turn ${formatInterval(t.start, t.end, run.ctx.zone, run.ctx.now)} (${rest})`);
      }
    });
}

/** A problem `check` would report about the new override's person, as a warning. */
function overrideWarning(p: Problem, time: (t: number) => string): string {
  if (p.kind === 'time-off') {
    const off = p.timeOff ?? { start: p.start!, end: p.end! };
    return `${p.person} is on time off${p.reason ? ` (${p.reason})` : ''} ${time(off.start)} → ${time(off.end)}`;
  }
  return `${p.person} is also on call in ${p.other} from ${time(p.start!)}`;
}
