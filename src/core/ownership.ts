// Who owns an override or a time off entry: the files that list it, or the command line that
// made it. `apply` makes the database match what its files own and leaves command-line
// changes alone unless told to prune them (docs/yaml.md, "Who owns what").

import type { Config, OverrideConfig, PersonConfig, ScheduleConfig, TimeOffConfig } from './config.js';
import { overrideKey, timeOffKey } from './config.js';

/** The command-line rows in force: override keys by schedule id, time off keys by person id. */
export interface CommandLineRows {
  overrides: Map<string, Set<string>>;
  timeOff: Map<string, Set<string>>;
}

/** One command-line override or time off entry that an apply keeps or adopts. */
export type OwnedItem =
  | { entity: 'override'; scheduleId: string; override: OverrideConfig }
  | { entity: 'time off'; personId: string; timeOff: TimeOffConfig };

export interface Ownership {
  /** What to plan against: the files' config plus the command-line rows it keeps. */
  config: Config;
  /** Command-line rows the files do not list, kept because --prune was not given. */
  kept: OwnedItem[];
  /** Command-line rows the files list: they change nothing, and from now on the files own them. */
  adopted: OwnedItem[];
}

/**
 * Sorts the command-line rows of the schedules and people that the files describe into kept
 * (not listed, and --prune not given) and adopted (listed). Without --prune the kept ones are
 * added to the desired config, so the plan neither removes nor lists them. An override that
 * is over by `effective` is left to `keepEndedOverrides` (history is never rewritten).
 */
export function sortOwnership(current: Config, listed: Config, cli: CommandLineRows, effective: number, prune: boolean): Ownership {
  const kept: OwnedItem[] = [];
  const adopted: OwnedItem[] = [];
  const schedulesNow = new Map(current.schedules.map((s) => [s.id, s]));
  const peopleNow = new Map(current.people.map((p) => [p.id, p]));

  const schedules = listed.schedules.map((schedule): ScheduleConfig => {
    const ours = cli.overrides.get(schedule.id);
    const now = schedulesNow.get(schedule.id);
    if (!ours || !now) return schedule;
    const listedKeys = new Set(schedule.overrides.map(overrideKey));
    const keep: OverrideConfig[] = [];
    for (const override of now.overrides) {
      const key = overrideKey(override);
      if (!ours.has(key)) continue;
      const item = { entity: 'override' as const, scheduleId: schedule.id, override };
      if (listedKeys.has(key)) adopted.push(item);
      else if (override.to > effective && !prune) {
        kept.push(item);
        keep.push(override);
      }
    }
    // Kept ones go first: they are older than anything the files add, as their ids say.
    return keep.length === 0 ? schedule : { ...schedule, overrides: [...keep, ...schedule.overrides] };
  });

  const people = listed.people.map((person): PersonConfig => {
    const ours = cli.timeOff.get(person.id);
    const now = peopleNow.get(person.id);
    if (!ours || !now?.timeOff) return person;
    const listedKeys = new Set((person.timeOff ?? []).map(timeOffKey));
    const keep: TimeOffConfig[] = [];
    for (const timeOff of now.timeOff) {
      const key = timeOffKey(timeOff);
      if (!ours.has(key)) continue;
      const item = { entity: 'time off' as const, personId: person.id, timeOff };
      if (listedKeys.has(key)) adopted.push(item);
      else if (!prune) {
        kept.push(item);
        keep.push(timeOff);
      }
    }
    if (keep.length === 0) return person;
    // Sorted as stored, so that a person whose time off did not change compares equal.
    const timeOff = [...(person.timeOff ?? []), ...keep].sort((a, b) => a.from - b.from || a.to - b.to);
    return { ...person, timeOff };
  });

  return { config: { ...listed, people, schedules }, kept, adopted };
}
