// `oncall apply`: make the database match YAML files, in one transaction, after printing
// what will change. Every problem in every file is reported at once and nothing changes.

import type { OwnedItem, Plan, Window } from '../core/index.js';
import { addDays, keepEndedOverrides, planChanges, sortOwnership } from '../core/index.js';
import { normalizeFiles } from '../core/normalize.js';
import { InputError } from '../errors.js';
import { loadConfig } from '../storage/state.js';
import { applyPlan, claimDefinitions } from '../storage/write.js';
import { adoptRows, commandLineRows } from '../storage/ownership.js';
import type { AppContext } from './context.js';
import { contentErrors, loadYamlFiles } from './yaml-files.js';
import { holidayRegionCheck } from './holiday-check.js';
import { timeRosterChanges } from './roster-timing.js';
import { recogniseLiteral } from './literal-rotations.js';
import { openRotationPositions } from '../storage/read-versions.js';
import { ineffectiveOverrides, type IneffectiveOverride } from './override-effect.js';
import { changedSchedules, withConsequences, type ScheduleConsequences } from './plan-consequences.js';

export interface ApplyOptions {
  files: string[];
  dryRun: boolean;
  prune: boolean;
  /** When the changes take effect; default now. */
  effective?: number;
  /** Where the plan's consequences are looked for; default the 28 days from the effective instant. */
  window?: Window;
  /** Told what the apply is doing, step by step (for a status line on a terminal). */
  onProgress?: (step: string) => void;
}

/** How far ahead a plan looks for hand changes unless told otherwise. */
export const PLAN_HORIZON_DAYS = 28;

export interface ApplyResult {
  plan: Plan;
  applied: boolean;
  effective: number;
  /** Overrides the plan adds that would change nothing: flagged, yet applied (the file owns them). */
  noEffect: IneffectiveOverride[];
  /** Command-line overrides and time off the files do not list, kept (none with --prune). */
  kept: OwnedItem[];
  /** Command-line ones the files list: nothing changes but their owner, now the files. */
  adopted: OwnedItem[];
  /** The window searched for consequences, and what the plan does in it to each schedule it changes. */
  window: Window;
  consequences: ScheduleConsequences[];
}

export async function applyFiles(ctx: AppContext, options: ApplyOptions): Promise<ApplyResult> {
  const effective = options.effective ?? ctx.now;
  if (effective < ctx.now) {
    throw new InputError('effective', (flag) => `${flag ?? 'the effective time'} is in the past; history is never rewritten, so give a time from now on`);
  }
  const window = options.window ?? { start: effective, end: addDays(effective, PLAN_HORIZON_DAYS, ctx.zone) };
  const progress = options.onProgress ?? (() => undefined);
  progress(`reading ${options.files.length === 1 ? options.files[0] : `${options.files.length} files`}`);
  const files = loadYamlFiles(options.files);
  const holidayRegion = await holidayRegionCheck(files.flatMap((f) => (f.data as { teams?: unknown[] } | null)?.teams ?? []));
  const store = await ctx.store();
  const orm = await store.orm();
  // Read, plan and write under one write lock: a concurrent writer (someone adding an
  // override while CI applies) lands entirely before or entirely after this apply.
  const { plan, applied, noEffect, kept, adopted, consequences } = await store.write(
    async () => {
      await claimDefinitions(store);
      progress('reading the database');
      const current = await loadConfig(store);
      const known = options.prune
        ? { people: new Set<string>(), teams: new Set<string>(), holidayRegion }
        : {
            holidayRegion,
            people: new Set(current.people.map((p) => p.id)),
            teams: new Set(current.teams.map((t) => t.id)),
            schedules: new Set(current.schedules.map((s) => s.id)),
          };
      progress('checking the files');
      const { config: listed, issues } = normalizeFiles(files, known);
      if (issues.length > 0) throw contentErrors(files, (located) => normalizeFiles(located, known).issues);
      // Files own what they list; command-line changes stay unless --prune (docs/yaml.md).
      const { config: owned, kept, adopted } = sortOwnership(current, listed, await commandLineRows(store), effective, options.prune);
      const config = keepEndedOverrides(current, owned, effective);
      recogniseLiteral(current, config, await openRotationPositions(store));
      progress('planning');
      const plan = planChanges(current, config, options.prune);
      await timeRosterChanges(store, plan.changes, effective, options.effective !== undefined);
      const applied = !options.dryRun && plan.changes.length > 0;
      const writeContext = { effective, now: ctx.now, actor: ctx.actor, owner: 'file' as const };
      if (!options.dryRun) await adoptRows(store, adopted, writeContext);
      const watched = changedSchedules(plan);
      // The consequences are read around the write itself, so a dry run and a real apply
      // show the same ones.
      const write = async () => {
        progress(`${options.dryRun ? 'trying' : 'writing'} ${plan.changes.length} changes`);
        const done = await withConsequences(store, watched, window, () => applyPlan(orm, config, plan.changes, writeContext));
        return { noEffect: await ineffectiveOverrides(store, done.result), consequences: done.consequences };
      };
      const none = { noEffect: [] as IneffectiveOverride[], consequences: [] as ScheduleConsequences[] };
      // A dry run writes the plan and rolls it back: overrides and shifts are judged as stored.
      const worthRehearsing = watched.length > 0 || plan.changes.some((c) => c.entity === 'override' && c.action === 'add');
      const outcome = applied ? await write() : worthRehearsing ? await store.rehearse(write) : none;
      return { plan, applied, kept, adopted, ...outcome };
    },
  );
  return { plan, applied, effective, noEffect, kept, adopted, window, consequences };
}
