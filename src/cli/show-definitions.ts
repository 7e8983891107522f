// `schedule show` and `layer show`: the definition in force now, then each one planned for
// later under "From <time>:", so a change made with a later --effective is never shown as current.

import type { LayerConfig } from '../core/index.js';
import { plural } from '../core/index.js';
import type { LayerDefinitions, ScheduleDefinitions } from '../app/definitions.js';
import type { Invocation } from './globals.js';
import { fitWidth, formatTime } from './output.js';
import { iso, overrideJson } from './json.js';
import { term } from './terminal-text.js';

/** A layer in a few short lines (each fits 80 columns for ordinary ids). */
export function describeLayer(l: LayerConfig): string[] {
  const rotation = l.shift ? `every ${l.shift}` : `handoffs ${l.handoffs}`;
  const lines = [
    `layer ${l.id}${l.disabled ? ' (disabled)' : ''}: ${rotation} from ${l.start}${l.end ? ` to ${l.end}` : ''}`,
    `  members: ${l.members.join(', ')}`,
  ];
  for (const r of l.restrictions ?? []) lines.push(`  only ${r.days ? `${r.days.join(',')} ` : ''}${r.from}-${r.to}`);
  if (l.priority !== undefined) lines.push(`  priority ${l.priority}`);
  return lines;
}

const from = (run: Invocation, effective: number) => `From ${formatTime(effective, run.ctx.zone, run.ctx.now)}`;

export function printSchedule(run: Invocation, { current: s, pending }: ScheduleDefinitions): void {
  if (run.json) {
    return run.printJson({
      ...s,
      overrides: s.overrides.map(overrideJson),
      pending: pending.map((p) => ({ effective: iso(p.effective), timezone: p.timezone, disabled: p.disabled, layers: p.layers })),
    });
  }
  run.print(`${s.name} (${s.id}), team ${s.team}, ${s.timezone}${s.disabled ? ' (disabled)' : ''}`);
  for (const l of s.layers) for (const line of describeLayer(l)) run.print(fitWidth(`  ${line}`, run.width));
  run.print(`  ${plural(s.overrides.length, 'override')} ("oncall override list --schedule ${s.id}")`);
  for (const p of pending) {
    const zone = p.timezone === s.timezone ? '' : ` zone ${p.timezone}`;
    run.print(fitWidth(`${from(run, p.effective)}:${zone}${p.disabled ? ' (disabled)' : ''}`, run.width));
    if (p.layers.length === 0) run.print('  no layers');
    for (const l of p.layers) for (const line of describeLayer(l)) run.print(fitWidth(`  ${line}`, run.width));
  }
}

export function printLayer(run: Invocation, id: string, { current, turn, pending }: LayerDefinitions): void {
  if (run.json) {
    const later = pending.map((p) =>
      'layer' in p ? { effective: iso(p.effective), ...p.layer, turn: p.turn ?? null } : { effective: iso(p.effective), removed: true },
    );
    // Not yet in force: only its id and what is planned.
    return run.printJson(current ? { ...current, turn: turn ?? null, pending: later } : { id, pending: later });
  }
  if (current) for (const line of describeLayer(current)) run.print(fitWidth(line, run.width));
  else run.print(fitWidth(`layer ${id}: not in force yet`, run.width));
  if (current && turn) run.print(term`  turn now: ${turn}`);
  for (const p of pending) {
    if (!('layer' in p)) {
      run.print(`${from(run, p.effective)}: removed`);
      continue;
    }
    run.print(`${from(run, p.effective)}:`);
    for (const line of describeLayer(p.layer)) run.print(fitWidth(`  ${line}`, run.width));
    if (p.turn) run.print(term`    turn then: ${p.turn}`);
  }
}
