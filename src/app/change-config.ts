// Changes made on the command line go through the same path as `apply`: take the current
// definition, change it, check the result with the same validation as YAML files, plan the
// difference and write it at the effective instant, all under one write lock. So both kinds
// of change respect history, write the audit log, and show up in `oncall export yaml`.

import type { Config, Plan } from '../core/index.js';
import { planChanges, plural } from '../core/index.js';
import { normalizeFiles, type FileIssue } from '../core/normalize.js';
import { InputError, UserError } from '../errors.js';
import { loadConfig } from '../storage/state.js';
import { applyPlan, audit, type Written } from '../storage/write.js';
import type { Store } from '../storage/store.js';
import type { AppContext } from './context.js';
import { toYamlShape } from './export-yaml.js';
import { timeRosterChanges } from './roster-timing.js';

/** Records one more audit entry with the change (a swap is two overrides, logged as one swap). */
export type AuditNote = (entity: string, action: string, value: unknown) => void;

export interface ChangeResult<T> {
  plan: Plan;
  /** Whatever the change function returned (ids, warnings). */
  value: T;
  /** What writing created (new overrides' ids); empty on a dry run or when nothing changed. */
  written: Written;
}

export interface ChangeOptions {
  effective?: number;
  /** Nothing is written; the plan is returned (for --dry-run). */
  dryRun?: boolean;
  /** Runs after writing, inside the transaction: throwing undoes the whole change. */
  afterWrite?: (store: Store, written: Written) => Promise<void>;
}

const NO_KNOWN_IDS = { people: new Set<string>(), teams: new Set<string>() };

/**
 * The problems this change brings. A stored definition that a newer oncall checks more
 * strictly (a layer start that is not a handoff of its rule, say) stays readable, and must not
 * block an unrelated override: what was already wrong before the change is left to the
 * command that fixes it. Problems are told apart by message and by the ids on their path,
 * since removing a schedule moves the indexes of the ones after it.
 */
function newIssues(found: FileIssue[], shape: unknown, current: Config): FileIssue[] {
  if (found.length === 0) return found;
  const before = toYamlShape(current);
  const known = new Set(normalizeFiles([{ file: 'command line', data: before }], NO_KNOWN_IDS).issues.map((i) => issueKey(i, before)));
  return found.filter((issue) => !known.has(issueKey(issue, shape)));
}

/** "schedules/payments-primary/layers/weekly/handoffs: message": the path through ids. */
function issueKey(issue: FileIssue, data: unknown): string {
  const steps: string[] = [];
  let node = data;
  for (const step of issue.path) {
    node = (node as Record<string | number, unknown> | undefined)?.[step];
    const id = typeof step === 'number' && node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    steps.push(typeof id === 'string' ? `#${id}` : String(step));
  }
  return `${steps.join('/')}: ${issue.message}`;
}

export async function changeConfig<T>(
  ctx: AppContext,
  options: ChangeOptions,
  change: (config: Config, tools: { store: Store; note: AuditNote }) => T | Promise<T>,
): Promise<ChangeResult<T>> {
  const effective = options.effective ?? ctx.now;
  if (effective < ctx.now) {
    throw new InputError('effective', (flag) => `${flag ?? 'the effective time'} is in the past; history is never rewritten, so give a time from now on`);
  }
  const store = await ctx.store();
  const orm = await store.orm();
  return store.write(
    async () => {
      const current = await loadConfig(store);
      const edited = structuredClone(current);
      const notes: Parameters<AuditNote>[] = [];
      const value = await change(edited, { store, note: (...entry) => notes.push(entry) });
      const shape = toYamlShape(edited);
      const { config, issues: found } = normalizeFiles([{ file: 'command line', data: shape }], NO_KNOWN_IDS);
      const issues = newIssues(found, shape, current);
      if (issues.length > 0) {
        const more = issues.length > 1 ? ` (and ${plural(issues.length - 1, 'more problem')})` : '';
        throw new UserError(`${issues[0].message}${more}`);
      }
      const plan = planChanges(current, config, true);
      await timeRosterChanges(store, plan.changes, effective, options.effective !== undefined);
      let written: Written = { overrides: [] };
      if (!options.dryRun && plan.changes.length > 0) {
        const writeContext = { effective, now: ctx.now, actor: ctx.actor };
        written = await applyPlan(orm, config, plan.changes, writeContext);
        for (const [entity, action, value] of notes) await audit(orm, writeContext, entity, action, undefined, value);
        await options.afterWrite?.(store, written);
      }
      return { plan, value, written };
    },
  );
}
