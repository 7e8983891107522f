// `oncall escalate`: an escalation policy's chain resolved for an incident starting at an
// instant. Each schedule target is resolved at the minute its level fires.

import type { ChainStep, EscalationPolicyConfig } from '../core/index.js';
import { escalationChain, parseTarget, resolveSchedule, scheduleTargets, shiftAt, stepTimes, type Shift } from '../core/index.js';
import { InputError, UserError } from '../errors.js';
import type { Store } from '../storage/store.js';
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
  const policy = await findPolicy(store, policyId, start);
  return { policy, start, steps: await chainFor(ctx, store, policy, start) };
}

/** The version of the policy in force at `at`, with an error that says what to do. */
export async function findPolicy(store: Store, id: string, at: number): Promise<EscalationPolicyConfig> {
  const policy = await policyAt(store, id, at);
  if (policy) return policy;
  if ((await policyAt(store, id, Number.MAX_SAFE_INTEGER - 1)) || (await currentPolicyIds(store)).includes(id)) {
    throw new InputError('at', (flag) => `escalation policy "${id}" did not exist at that time; pick a later ${flag ?? 'time'}`);
  }
  throw new UserError(`unknown escalation policy "${id}"; "oncall policy list" shows them`);
}

// A schedule whose rotation cannot be computed reaches nobody here and is set aside (named,
// exit 1): an incident still opens, and the chain shows the gap.
async function chainFor(ctx: AppContext, store: Store, policy: EscalationPolicyConfig, start: number): Promise<ChainStep[]> {
  const times = stepTimes(policy, start);
  const window = { start, end: times[times.length - 1].at + 1 };
  const scheduleIds = scheduleTargets(policy.levels.flatMap((l) => l.targets));
  // A schedule deleted before the incident is simply not there: its levels reach nobody.
  const schedules = scheduleIds.length > 0 ? await listSchedules(store, { ids: scheduleIds, aliveAt: start }) : [];
  const inputs = await scheduleInputs(store, schedules, window);
  const resolved = eachUsable(ctx, inputs, window, (input) => resolveSchedule(input, window));
  const shifts = new Map<string, Shift[]>(schedules.map((s, i) => [s.id, resolved[i] ?? []]));
  const direct = await directTargets(store, policy.levels.flatMap((l) => l.targets));
  return escalationChain(policy, start, (target, at) => {
    const parsed = parseTarget(target);
    if (parsed?.kind !== 'schedule') return direct(target, at);
    const person = shiftAt(shifts.get(parsed.id) ?? [], at)?.person;
    return person ? [person] : [];
  });
}

/**
 * Who each `person:` or `team:` target among `targets` reaches at an instant (nobody once the
 * person was removed), read once up front: the chain asks level by level, synchronously.
 */
export async function directTargets(store: Store, targets: string[]): Promise<(target: string, at: number) => string[]> {
  const teams = new Map<string, string[]>();
  const removedAt = new Map<string, number | null | undefined>();
  for (const target of new Set(targets)) {
    const parsed = parseTarget(target);
    if (parsed?.kind === 'team') teams.set(parsed.id, await teamMembersOf(store, parsed.id));
    else if (parsed?.kind === 'person') removedAt.set(parsed.id, await personRemovedAt(store, parsed.id));
  }
  return (target, at) => {
    const { kind, id } = parseTarget(target)!;
    if (kind === 'team') return teams.get(id) ?? [];
    const removed = removedAt.get(id);
    return removed === null || (removed !== undefined && removed > at) ? [id] : [];
  };
}
