// What a change command prints: one line per change (or JSON), and warnings on stderr.

import type { Plan } from '../core/index.js';
import type { Invocation } from './globals.js';
import { changeJson, iso } from './json.js';
import { term } from './terminal-text.js';

export function printChange(run: Invocation, plan: Plan, done: string, effective?: number): void {
  if (run.json) {
    run.printJson({
      changes: plan.changes.map(changeJson),
      ...(effective !== undefined && { effective: iso(effective) }),
    });
    return;
  }
  run.print(plan.changes.length === 0 ? 'No changes.' : done);
}

export function warn(run: Invocation, message: string): void {
  run.note(term`${run.colors.yellow('warning:')} ${message}`);
}
