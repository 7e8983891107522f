// `oncall escalate`: an escalation policy's chain resolved for an incident starting at an
// instant. Each schedule target is resolved at the minute its level fires.

import type { ChainStep, EscalationPolicyConfig } from '../core/index.js';
import { escalationChain, parseTarget, resolveSchedule, scheduleTargets, shiftAt, stepTimes, type Shift } from '../core/index.js';
import { InputError, UserError } from '../errors.js';
import type { Store } from '../storage/open.js';
import { listSchedules, scheduleInputs } from '../storage/read.js';
import { currentPolicyIds, personRemovedAt, policyAt, teamMembersOf } from '../storage/read-policies.js';
import type { AppContext } from './context.js';
import { eachUsable } from './usable.js';

export interface ResolvedChain {
  policy: EscalationPolicyConfig;
  start: number;
  steps: ChainStep[];
}

export async function resolveEscalation(ctx: AppContext, policyId: string, start: number): Promise<ResolvedChain> {
  const store = await ctx.store();
  const policy = findPolicy(store, policyId, start);
  return { policy, start, steps: chainFor(ctx, store, policy, start) };
}

/** The version of the policy in force at `at`, with an error that says what to do. */
export function findPolicy(store: Store, id: string, at: number): EscalationPolicyConfig {
  const policy = policyAt(store, id, at);
  if (policy) return policy;
  if (policyAt(store, id, Number.MAX_SAFE_INTEGER - 1) || currentPolicyIds(store).includes(id)) {
    throw new InputError('at', (flag) => `escalation policy "${id}" did not exist at that time; pick a later ${flag ?? 'time'}`);
  }
  throw new UserError(`unknown escalation policy "${id}"; "oncall policy list" shows them`);
}

// A schedule whose rotation cannot be computed reaches nobody here and is set aside (named,
// exit 1): an incident still opens, and the chain shows the gap.
function chainFor(ctx: AppContext, store: Store, policy: EscalationPolicyConfig, start: number): ChainStep[] {
  const times = stepTimes(policy, start);
  const window = { start, end: times[times.length - 1].at + 1 };
  const scheduleIds = scheduleTargets(policy.levels.flatMap((l) => l.targets));
  // A schedule deleted before the incident is simply not there: its levels reach nobody.
  const schedules = scheduleIds.length > 0 ? listSchedules(store, { ids: scheduleIds, aliveAt: start }) : [];
  const inputs = scheduleInputs(store, schedules, window);
  const resolved = eachUsable(ctx, inputs, window, (input) => resolveSchedule(input, window));
  const shifts = new Map<string, Shift[]>(schedules.map((s, i) => [s.id, resolved[i] ?? []]));
  return escalationChain(policy, start, (target, at) => {
    const parsed = parseTarget(target);
    if (parsed?.kind !== 'schedule') return reachDirectly(store, target, at);
    const person = shiftAt(shifts.get(parsed.id) ?? [], at)?.person;
    return person ? [person] : [];
  });
}

/** Who a `person:` or `team:` target reaches at an instant (nobody once the person was removed). */
export function reachDirectly(store: Store, target: string, at: number): string[] {
  const { kind, id } = parseTarget(target)!;
  if (kind === 'team') return teamMembersOf(store, id);
  const removed = personRemovedAt(store, id);
  return removed === null || (removed !== undefined && removed > at) ? [id] : [];
}
