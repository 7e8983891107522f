// `oncall who --policy P`: who the first level of an escalation policy pages at an instant.

import { parseTarget, scheduleTargets } from '../core/index.js';
import { UserError } from '../errors.js';
import type { AppContext } from './context.js';
import { directTargets, findPolicy } from './escalate.js';
import { whoIsOnCall, type WhoEntry } from './who.js';

export interface FirstResponder {
  target: string;
  /** Null when a schedule target is in a gap. */
  person: string | null;
  /** The schedule's answer (since, until, next) for schedule targets. */
  shift?: WhoEntry;
}

export async function firstResponders(ctx: AppContext, policyId: string, at: number): Promise<{ policy: string; responders: FirstResponder[] }> {
  const store = await ctx.store();
  const policy = await findPolicy(store, policyId, at);
  const targets = policy.levels[0].targets;
  const direct = await directTargets(store, targets);
  const scheduleIds = scheduleTargets(targets);
  const shifts = scheduleIds.length > 0 ? await whoIsOnCall(ctx, { scheduleIds, at }).catch(gone) : [];
  const responders = targets.flatMap((target): FirstResponder[] => {
    const parsed = parseTarget(target);
    if (parsed?.kind === 'schedule') {
      const shift = shifts.find((s) => s.schedule.id === parsed.id);
      return [shift ? { target, person: shift.person, shift } : { target, person: null }];
    }
    const people = direct(target, at);
    return people.length > 0 ? people.map((person) => ({ target, person })) : [{ target, person: null }];
  });
  return { policy: policy.id, responders };
}

/** A policy may name a schedule deleted since: answer for the others instead of failing. */
function gone(error: unknown): WhoEntry[] {
  if (error instanceof UserError) return [];
  throw error;
}
