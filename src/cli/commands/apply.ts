// oncall apply -f FILE… [--dry-run] [--prune] [--effective T] [--horizon DURATION]

import type { Command } from 'commander';
import type { Change } from '../../core/index.js';
import type { ApplyResult } from '../../app/apply.js';
import type { IneffectiveOverride } from '../../app/override-effect.js';
import { collect, invocation, type Invocation } from '../globals.js';
import { statusLine } from '../status-line.js';
import { formatInterval, formatTime } from '../output.js';
import { changeJson, iso } from '../json.js';
import { term } from '../terminal-text.js';
import { withFlags } from '../flag-errors.js';
import { overrideKey, plural } from '../../core/index.js';
import { ownershipJson, printOwnership } from '../ownership-output.js';
import { ChangesPending } from '../../errors.js';
import { consequencesJson, printConsequences } from '../plan-consequences.js';
import { horizonOption } from '../window-option.js';

export function registerApply(program: Command): void {
  program
    .command('apply')
    .description('make the database match YAML files: prints a plan, applies it in one transaction')
    .requiredOption('-f, --file <path>', 'YAML file (repeatable)', collect)
    .option('--dry-run', 'print the plan only; exit 4 when changes are pending, 0 when none')
    .option('--prune', 'also remove people, teams and schedules the files do not mention, and command-line overrides and time off')
    .option('--effective <time>', 'when the changes take effect (default: now; never in the past)')
    .option('--horizon <duration>', 'how far from the effective instant the plan lists shifts that change hands', '28d')
    .action(withFlags({ effective: '--effective' }, async (options, command: Command) => {
      const run = await invocation(command);
      const effective = options.effective !== undefined ? await run.time(options.effective, '--effective') : undefined;
      // Checked before any file is read: a bad --horizon is refused like any bad window.
      const horizon = horizonOption(options.horizon, Math.max(effective ?? run.ctx.now, run.ctx.now), run.ctx.zone);
      // YAML, zod and drizzle load only here, never for the read-only commands.
      const { applyFiles } = await import('../../app/apply.js');
      const dryRun = Boolean(options.dryRun);
      const status = statusLine(run.io.stderr);
      const result = await applyFiles(run.ctx, { files: options.file, dryRun, prune: Boolean(options.prune), effective, window: horizon.window, onProgress: status.update })
        .finally(status.done);
      if (run.json) run.printJson(applyJson(result));
      else printPlan(run, result, dryRun, horizon.words);
      // The plan is complete on stdout; the status tells CI that it is not empty (exit 4).
      // Adopting command-line rows is not a change (docs/commands.md): the plan alone decides.
      if (dryRun && result.plan.changes.length > 0) throw new ChangesPending('changes pending');
    }));
}

function applyJson(result: ApplyResult) {
  return {
    effective: iso(result.effective),
    applied: result.applied,
    changes: result.plan.changes.map((c) => ({ ...changeJson(c), effective: iso(effectiveOf(c, result)) })),
    untouched: result.plan.untouched,
    noEffect: result.noEffect.map(({ scheduleId, override: o, why }) => ({
      schedule: scheduleId,
      person: o.person,
      from: iso(o.from),
      to: iso(o.to),
      replaces: o.replaces ?? null,
      reason: o.reason ?? null,
      why,
    })),
    ...ownershipJson(result),
    ...consequencesJson(result),
  };
}

/** When a change takes effect: its own instant (a roster change waiting for a handoff), else the plan's. */
function effectiveOf(change: Change, result: ApplyResult): number {
  return (change.entity === 'layer' ? change.effective : undefined) ?? result.effective;
}

const MANY = 5;

function printPlan(run: Invocation, result: ApplyResult, dryRun: boolean, horizon: string): void {
  const { changes, untouched } = result.plan;
  const c = run.colors;
  if (changes.length === 0) {
    run.print('No changes.');
  } else {
    run.print(c.bold(`Plan (takes effect ${formatTime(result.effective, run.ctx.zone, run.ctx.now)}):`));
    const sign = { add: c.green('+'), change: c.yellow('~'), remove: c.red('-') };
    const overrideAdds = new Map<string, number>();
    for (const change of changes) {
      if (change.entity === 'override' && change.action === 'add') {
        overrideAdds.set(change.scheduleId, (overrideAdds.get(change.scheduleId) ?? 0) + 1);
      }
    }
    // Overrides that change nothing are flagged under their line, not refused: the file owns
    // what it lists (docs/commands.md).
    const flag = (n: IneffectiveOverride) => run.print(term`      ${c.yellow('warning:')} changes nothing; ${because(n)}`);
    const flagsOf = (change: Extract<Change, { entity: 'override' }>) => result.noEffect.filter((n) => n.scheduleId === change.scheduleId && overrideKey(n.override) === change.id);
    for (const change of changes) {
      if (change.entity === 'override' && change.action === 'add' && overrideAdds.get(change.scheduleId)! > MANY) continue;
      run.print(term`  ${sign[change.action]} ${describe(run, result, change)}${ownInstant(run, result, change)}`);
      if (change.entity === 'override' && change.action === 'add') flagsOf(change).forEach(flag);
    }
    for (const [schedule, count] of overrideAdds) {
      if (count <= MANY) continue;
      run.print(term`  ${sign.add} ${count} overrides on ${schedule}`);
      for (const n of result.noEffect.filter((x) => x.scheduleId === schedule)) {
        const o = n.override;
        run.print(term`      ${c.yellow('warning:')} ${o.person} ${formatInterval(o.from, o.to, run.ctx.zone, run.ctx.now)} changes nothing; ${because(n)}`);
      }
    }
    printConsequences(run, result, horizon);
    const count = (action: string) => changes.filter((ch) => ch.action === action).length;
    const summary = `${count('add')} to add, ${count('change')} to change, ${count('remove')} to remove`;
    run.print(dryRun ? `Dry run: ${summary}; nothing was changed.` : `Applied: ${summary}.`);
  }
  printOwnership(run, result);
  if (untouched.length > 0) {
    run.print(c.dim('Kept, not in the files (--prune removes them):'));
    for (const line of groupByKind(untouched)) run.print(c.dim(`  ${line}`));
  }
}

function describe(run: Invocation, result: ApplyResult, change: Change): string {
  // Field names as written in YAML.
  const yamlName: Record<string, string> = { timeOff: 'time_off', repeatAfter: 'repeat_after' };
  const fields = change.fields.length > 0 ? ` (${change.fields.map((f) => yamlName[f] ?? f).join(', ')})` : '';
  switch (change.entity) {
    case 'person':
      return `person ${change.id}${change.after ? ` ${change.after.name}` : ''}${fields}`;
    case 'team':
      return `team ${change.id}${change.after ? `: ${change.after.members.join(', ')}` : ''}${fields}`;
    case 'schedule':
      return `schedule ${change.id}${change.after ? ` (${change.after.timezone})` : ''}${fields}`;
    case 'layer': {
      const layer = change.after ?? change.before!;
      const rotation = layer.shift ? `every ${layer.shift}` : `handoffs ${layer.handoffs}`;
      return `layer ${change.scheduleId}/${change.id}: ${rotation}, ${layer.members.join(', ')}${fields}`;
    }
    case 'override': {
      const o = change.after ?? change.before!;
      const zone = run.ctx.zone;
      const when = formatInterval(o.from, o.to, zone, run.ctx.now);
      const replaces = o.replaces ? ` replacing ${o.replaces}` : '';
      const reason = o.reason ? ` "${o.reason}"` : '';
      return `override on ${change.scheduleId}: ${o.person} ${when}${replaces}${reason}${fields}`;
    }
    case 'policy': {
      const levels = (change.after ?? change.before!).levels.length;
      return `escalation policy ${change.id}: ${plural(levels, 'level')}${fields}`;
    }
  }
}

/** "; takes effect …" for a change with an instant of its own; the header names everyone else's. */
function ownInstant(run: Invocation, result: ApplyResult, change: Change): string {
  const at = effectiveOf(change, result);
  return at === result.effective ? '' : `; takes effect ${formatTime(at, run.ctx.zone, run.ctx.now)}`;
}

function because({ override: o, why }: IneffectiveOverride): string {
  return why === 'past' ? 'it is over before it takes effect' : `${o.replaces} is never on call then`;
}

/** ["person a", "schedule s", "person b"] → ["schedules: s", "people: a, b"], policies and schedules first. */
function groupByKind(labels: string[]): string[] {
  const kinds = [['escalation policy', 'escalation policies'], ['schedule', 'schedules'], ['team', 'teams'], ['person', 'people']];
  return kinds.flatMap(([kind, plural]) => {
    const ids = labels.filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(kind.length + 1));
    if (ids.length === 0) return [];
    const shown = ids.length > 12 ? `${ids.slice(0, 12).join(', ')}, … (${ids.length} in all)` : ids.join(', ');
    return [`${plural}: ${shown}`];
  });
}
