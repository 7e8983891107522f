// What a change command prints: one line per change (or JSON), and warnings on stderr.

import type { Plan } from '../core/index.js';
import type { Invocation } from './globals.js';
import { changeJson, iso } from './json.js';

export function printChange(run: Invocation, plan: Plan, done: string, effective?: number): void {
  if (run.json) {
    run.print(
      JSON.stringify(
        {
          changes: plan.changes.map(changeJson),
          ...(effective !== undefined && { effective: iso(effective) }),
        },
        null,
        2,
      ),
    );
    return;
  }
  run.print(plan.changes.length === 0 ? 'No changes.' : done);
}

export function warn(run: Invocation, message: string): void {
  run.note(`${run.colors.yellow('warning:')} ${message}`);
}
