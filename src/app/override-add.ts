// `oncall override add`: add the override, then say what `check` would say about its person
// while it runs (time off, on call elsewhere in the team), with the same core detectors.
// One that would change nothing (over already, or replacing someone never on call then) is refused.

import type { OverrideConfig, Plan, Problem } from '../core/index.js';
import { overrideKey, overrideWarnings } from '../core/index.js';
import { listSchedules } from '../storage/read.js';
import { timeOffBetween } from '../storage/read-time-off.js';
import type { AppContext } from './context.js';
import { finalShifts } from './final-shifts.js';
import { addOverride } from './manage-schedules.js';
import { refuseIneffective } from './override-effect.js';

export interface AddedOverride {
  plan: Plan;
  /** The new override's id, from its insert; undefined when nothing was added (it was already there). */
  id?: number;
  /** Older overrides it overlaps: the new one wins there. */
  hidden: OverrideConfig[];
  /** Its person's time off and double bookings while it runs (kinds 'time-off', 'double-booked'). */
  warnings: Problem[];
}

export async function addOverrideChecked(ctx: AppContext, scheduleId: string, override: OverrideConfig): Promise<AddedOverride> {
  const { plan, value, written } = await addOverride(ctx, scheduleId, override, { afterWrite: refuseIneffective });
  const id = written.overrides.find((w) => w.scheduleId === scheduleId && overrideKey(w.override) === overrideKey(override))?.id;
  const store = await ctx.store();
  const window = { start: override.from, end: override.to };
  const team = await finalShifts(ctx, store, await listSchedules(store, { team: value.schedule.team }), window);
  const here = team.find((s) => s.schedule.id === scheduleId);
  const timeOff = await timeOffBetween(store, window.start, window.end, override.person);
  const warnings = here ? overrideWarnings(override.person, here, team, timeOff) : [];
  return { plan, ...(id !== undefined && { id }), hidden: value.hidden, warnings };
}
