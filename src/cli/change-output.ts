// What a change command prints: one line per change (or JSON), and warnings on stderr.

import type { Plan } from '../core/index.js';
import type { Invocation } from './globals.js';
import { changeJson, iso } from './json.js';
import { term } from './terminal-text.js';
import { formatTime } from './output.js';

export function printChange(run: Invocation, plan: Plan, done: string, effective?: number): void {
  // A roster change made without --effective waits for the layer's next handoff.
  const waits = plan.changes.flatMap((c) => (c.entity === 'layer' && c.effective !== undefined ? [c.effective] : []));
  if (run.json) {
    run.printJson({
      changes: plan.changes.map(changeJson),
      ...((effective !== undefined || waits.length > 0) && { effective: iso(waits[0] ?? effective!) }),
    });
    return;
  }
  run.print(plan.changes.length === 0 ? 'No changes.' : done);
  if (waits.length > 0) {
    run.print(`It takes effect ${formatTime(waits[0], run.ctx.zone, run.ctx.now)}, at the layer's next handoff, so that nobody's turn is cut (--effective now changes it at once).`);
  }
}

export function warn(run: Invocation, message: string): void {
  run.note(term`${run.colors.yellow('warning:')} ${message}`);
}
