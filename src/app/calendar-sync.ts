// `oncall calendar sync`: make each target's remote calendar show exactly its final shifts in
// the sync window: create what is missing, update what changed, delete events of shifts that
// no longer exist, touch nothing the tool did not create. One target failing is recorded and
// the next one still syncs.

import type { SyncPlan } from '../core/index.js';
import { planSize, planSync, DAY_MS } from '../core/index.js';
import type { CalendarProvider, RequestCounts } from '../calendars/provider.js';
import { listPeople, listSchedules } from '../storage/read.js';
import { listTargets, recordSync, type TargetRow } from '../storage/targets.js';
import { UserError } from '../errors.js';
import { peerText } from '../calendars/scrub.js';
import type { AppContext } from './context.js';
import { shiftEvents } from './shift-events.js';


export interface TargetResult {
  target: TargetRow;
  plan?: SyncPlan;
  created: number;
  updated: number;
  deleted: number;
  requests: RequestCounts;
  error?: string;
}

export interface SyncOptions {
  targetId?: number;
  dryRun: boolean;
  /** Builds the provider for a target (Google or Outlook, with its credentials). */
  providerFor: (target: TargetRow) => Promise<CalendarProvider>;
  /** Called after each change, for a progress bar. */
  progress?: (done: number, total: number) => void;
}

export async function syncCalendars(ctx: AppContext, options: SyncOptions): Promise<TargetResult[]> {
  const store = await ctx.store();
  const targets = (await listTargets(store)).filter((t) => options.targetId === undefined || t.id === options.targetId);
  if (options.targetId !== undefined && targets.length === 0) {
    throw new UserError(`unknown target ${options.targetId}; "oncall calendar list" shows the targets`);
  }
  const results: TargetResult[] = [];
  for (const target of targets) {
    const result: TargetResult = { target, created: 0, updated: 0, deleted: 0, requests: { read: 0, write: 0 } };
    const window = { start: ctx.now, end: ctx.now + target.days * DAY_MS };
    try {
      const provider = await options.providerFor(target);
      result.requests = provider.requests;
      const desired = await desiredEvents(ctx, store, target, window);
      const plan = planSync(desired, await provider.list(window));
      result.plan = plan;
      if (!options.dryRun) await carryOut(provider, plan, result, options.progress);
    } catch (error) {
      // Any failure (also a missing sign-in) stops this target only; the next still syncs.
      // Provider errors come scrubbed; anything else is made one safe line here too.
      result.error = peerText(error) || 'failed';
    }
    if (!options.dryRun) {
      await recordSync(store, target.id, {
        at: ctx.now,
        ...(result.error === undefined && { syncedUntil: window.end }),
        created: result.created,
        updated: result.updated,
        deleted: result.deleted,
        error: result.error,
      });
    }
    results.push(result);
  }
  return results;
}

async function desiredEvents(ctx: AppContext, store: Awaited<ReturnType<AppContext['store']>>, target: TargetRow, window: { start: number; end: number }) {
  const people = new Map((await listPeople(store)).map((p) => [p.id, p]));
  const schedules = (await listSchedules(store, { aliveAt: ctx.now })).filter((s) => !target.scheduleId || s.id === target.scheduleId);
  const only = target.personId ? new Set([target.personId]) : undefined;
  return (await shiftEvents(store, schedules, people, window, only)).map((e) => ({
    key: e.key,
    summary: e.summary,
    description: e.description,
    start: e.shift.start,
    end: e.shift.end,
  }));
}

async function carryOut(
  provider: CalendarProvider,
  plan: SyncPlan,
  result: TargetResult,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const total = planSize(plan);
  let done = 0;
  const step = () => progress?.(++done, total);
  for (const event of plan.delete) {
    await provider.remove(event.remoteId);
    result.deleted++;
    step();
  }
  for (const { remoteId, event } of plan.update) {
    await provider.update(remoteId, event);
    result.updated++;
    step();
  }
  for (const event of plan.create) {
    await provider.create(event);
    result.created++;
    step();
  }
}
