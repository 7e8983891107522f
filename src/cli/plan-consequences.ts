// The consequences part of `apply`'s plan: for each schedule the plan changes, the final
// shifts in the horizon that change hands (old person → new person), in the viewer's zone;
// and the same as JSON. What a change does is easier to judge from who ends up on call than
// from "~ layer … (members)".

import type { ApplyResult } from '../app/apply.js';
import type { ScheduleConsequences } from '../app/plan-consequences.js';
import type { HandChange } from '../core/index.js';
import { groupHandChanges, plural } from '../core/index.js';
import type { Invocation } from './globals.js';
import { iso } from './json.js';
import { formatInterval, formatTime } from './output.js';
import { term } from './terminal-text.js';

/** Lines of hand changes shown per schedule; `--json` has them all. */
export const SHOWN_HAND_CHANGES = 10;

/** `horizon` names the window's length in words ("28 days"). Prints nothing when no existing schedule changes. */
export function printConsequences(run: Invocation, result: ApplyResult, horizon: string): void {
  if (result.consequences.length === 0) return;
  const { zone, now } = run.ctx;
  const c = run.colors;
  // The window starts at the effective instant: before it nothing can change.
  const from = result.window.start === now ? `in the next ${horizon}` : `in the ${horizon} from ${formatTime(result.window.start, zone, now)}`;
  run.print(c.bold(`Hand-offs that change ${from} (${zone}):`));
  for (const schedule of result.consequences) {
    if (schedule.unknown) {
      run.print(term`  ${schedule.scheduleId}: hand changes unknown; ${schedule.unknown}`);
    } else if (schedule.handChanges.length === 0) {
      run.print(term`  ${schedule.scheduleId}: no shift changes hands`);
    } else {
      run.print(term`  ${schedule.scheduleId}:`);
      // Consecutive hand changes with one pair are one line (a week handed over outside a
      // business-hours layer is one line, not five nights); the line says how many it joins.
      const groups = groupHandChanges(schedule.handChanges);
      const shown = groups.slice(0, SHOWN_HAND_CHANGES);
      const times = shown.map((h) => formatInterval(h.start, h.end, zone, now));
      const wide = Math.max(...times.map((t) => t.length));
      shown.forEach((h, i) => {
        const split = h.shifts > 1 ? ` in ${plural(h.shifts, 'shift')}` : '';
        run.print(term`    ${times[i].padEnd(wide)}  ${holder(h.before)} → ${holder(h.after)}${split}`);
      });
      const more = groups.length - shown.length;
      if (more > 0) run.print(c.dim(`    … and ${more} more (--json lists them all)`));
    }
  }
}

function holder(person: string | null): string {
  return person ?? 'nobody';
}

/** The consequences as JSON: every hand change, instants in UTC. */
export function consequencesJson(result: ApplyResult) {
  return {
    window: { start: iso(result.window.start), end: iso(result.window.end) },
    consequences: result.consequences.map((s: ScheduleConsequences) => ({
      schedule: s.scheduleId,
      handChanges: s.handChanges.map((h: HandChange) => ({ start: iso(h.start), end: iso(h.end), before: h.before, after: h.after })),
      ...(s.unknown !== undefined && { unknown: s.unknown }),
    })),
  };
}
