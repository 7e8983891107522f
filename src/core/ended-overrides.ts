// History is never rewritten: an override that is over by the time a change takes effect
// stays as it is, whether or not the file being applied still lists it.

import type { Config } from './config.js';
import { overrideKey } from './config.js';

/**
 * The desired config, with every override of `current` that ended at or before `effective`
 * and that the desired schedule no longer lists put back, so that the plan neither lists it
 * as a removal nor removes it. Schedules that are new or left out of `desired` are as given.
 */
export function keepEndedOverrides(current: Config, desired: Config, effective: number): Config {
  const before = new Map(current.schedules.map((s) => [s.id, s]));
  return {
    ...desired,
    schedules: desired.schedules.map((schedule) => {
      const old = before.get(schedule.id);
      if (!old) return schedule;
      const listed = new Set(schedule.overrides.map(overrideKey));
      const ended = old.overrides.filter((o) => o.to <= effective && !listed.has(overrideKey(o)));
      return ended.length === 0 ? schedule : { ...schedule, overrides: [...ended, ...schedule.overrides] };
    }),
  };
}
