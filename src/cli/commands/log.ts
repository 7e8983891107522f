// oncall log [--since T] [--entity KIND:ID]

import type { Command } from 'commander';
import { invocation } from '../globals.js';
import { fitWidth, formatTime } from '../output.js';
import { auditValueJson, iso, isoOrNull } from '../json.js';

export function registerLog(program: Command): void {
  program
    .command('log')
    .description('the audit log, newest first: who changed what, when, old and new values')
    .option('--since <time>', 'e.g. 7d (7 days ago), "2026-11-01", "last monday"')
    .option('--entity <kind:id>', 'e.g. schedule:payments-primary (with its layers and overrides), person:alice')
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      const since = o.since === undefined ? undefined : await run.since(o.since, '--since');
      const { auditLog } = await import('../../app/audit-log.js');
      const entries = await auditLog(run.ctx, { since, entity: o.entity });
      if (run.json) {
        run.printJson(entries.map((e) => ({
          at: iso(e.at), actor: e.actor, entity: e.entity, action: e.action,
          old: auditValueJson(e.oldValue),
          new: auditValueJson(e.newValue),
          effective: isoOrNull(e.effective),
        })));
        return;
      }
      if (entries.length === 0) return run.print('Nothing in the log.');
      for (const e of entries) {
        // Only a later instant is worth saying: most changes take effect as they are made.
        const later = e.effective !== null && e.effective > e.at ? `  takes effect ${formatTime(e.effective, run.ctx.zone, run.ctx.now)}` : '';
        const head = `${formatTime(e.at, run.ctx.zone, run.ctx.now)}  ${e.actor}  ${e.action} ${e.entity}${later}`;
        run.print(e.action === 'add' ? run.colors.green(head) : e.action === 'remove' ? run.colors.red(head) : run.colors.yellow(head));
        const time = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now);
        for (const line of diffLines(e.oldValue, e.newValue, time)) run.print(fitWidth(`    ${line}`, run.width));
      }
    });
}

/** "field: old → new" for each changed field; the whole value for adds and removals. */
export function diffLines(oldJson: string | null, newJson: string | null, time: (t: number) => string): string[] {
  const before = oldJson === null ? undefined : (JSON.parse(oldJson) as Record<string, unknown>);
  const after = newJson === null ? undefined : (JSON.parse(newJson) as Record<string, unknown>);
  // Override windows and time off are stored as instants; show them as times.
  const when = (t: { from: number; to: number }) => `${time(t.from)}–${time(t.to)}`;
  const show = (v: unknown, key = '') =>
    v === undefined ? '—'
      : typeof v === 'number' && (key === 'from' || key === 'to') ? time(v)
        : key === 'timeOff' && Array.isArray(v) ? v.map(when).join('; ') || '—'
          : typeof v === 'string' ? v : JSON.stringify(v);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (k) => k !== 'layers' && k !== 'overrides' && show(before?.[k]) !== show(after?.[k]),
  );
  return keys.map((k) =>
    before && after ? `${k}: ${show(before[k], k)} → ${show(after[k], k)}` : `${k}: ${show((after ?? before)![k], k)}`,
  );
}
