// The resolved escalation chain: for each level of each run, the minute it fires and the
// people it reaches at that minute. Each target is resolved at the level's own minute, so a
// handoff during the escalation reaches the person on call when the level fires.

import type { EscalationPolicyConfig } from './config.js';
import { delayMs } from './duration.js';
import type { Instant } from './types.js';
import { MINUTE_MS } from './wall-clock.js';

/** Without `repeat_after`, a single-level chain waits this long before it runs again. */
const SINGLE_LEVEL_RUN = 30 * MINUTE_MS;

export interface ReachedTarget {
  target: string;
  people: string[];
}

export interface ChainStep {
  /** 1-based, as written in the policy. */
  level: number;
  /** 0 for the first run of the chain, 1… for repeats. */
  run: number;
  at: Instant;
  targets: ReachedTarget[];
  /** People notified by this step, in target order, each once. */
  people: string[];
  /** People this step reaches who were already notified earlier in the same run. */
  skipped: string[];
  /** The level's targets reach nobody at all: an error in the chain. */
  gap: boolean;
}

export const TARGET_KINDS = ['schedule', 'person', 'team'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** A level's target split into kind and id: `schedule:x`, `person:y`, `team:z`. */
export interface Target {
  kind: TargetKind;
  id: string;
}

/** Splits `kind:id`; undefined when the kind is not one of TARGET_KINDS or there is no colon. */
export function parseTarget(text: string): Target | undefined {
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const kind = text.slice(0, colon);
  if (!(TARGET_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as TargetKind, id: text.slice(colon + 1) };
}

export function formatTarget(kind: TargetKind, id: string): string {
  return `${kind}:${id}`;
}

/** The ids of the schedules among some targets, each once, in order. */
export function scheduleTargets(targets: readonly string[]): string[] {
  const ids = targets.map(parseTarget).flatMap((t) => (t?.kind === 'schedule' ? [t.id] : []));
  return [...new Set(ids)];
}

/** Who a target (`schedule:x`, `person:y`, `team:z`) reaches at an instant. */
export type Reach = (target: string, at: Instant) => string[];

/** From the start of one run of the chain to the start of the next. */
export function runLength(policy: EscalationPolicyConfig): number {
  if (policy.repeatAfter) return delayMs(policy.repeatAfter);
  const delays = policy.levels.map((l) => delayMs(l.after));
  const last = delays[delays.length - 1];
  // The last level gets as long to answer as the level before it had.
  return delays.length > 1 ? last + (last - delays[delays.length - 2]) : last + SINGLE_LEVEL_RUN;
}

/** Every minute at which some level fires, for an incident starting at `start`. */
export function stepTimes(policy: EscalationPolicyConfig, start: Instant): { level: number; run: number; at: Instant }[] {
  const length = runLength(policy);
  const times = [];
  for (let run = 0; run <= (policy.repeat ?? 0); run++) {
    for (const [i, level] of policy.levels.entries()) {
      times.push({ level: i + 1, run, at: start + run * length + delayMs(level.after) });
    }
  }
  return times;
}

export function escalationChain(policy: EscalationPolicyConfig, start: Instant, reach: Reach): ChainStep[] {
  const notified = new Map<number, Set<string>>();
  return stepTimes(policy, start).map(({ level, run, at }) => {
    const before = notified.get(run) ?? new Set<string>();
    notified.set(run, before);
    const targets = policy.levels[level - 1].targets.map((target) => ({ target, people: reach(target, at) }));
    const reached = [...new Set(targets.flatMap((t) => t.people))];
    const people = reached.filter((p) => !before.has(p));
    const skipped = reached.filter((p) => before.has(p));
    people.forEach((p) => before.add(p));
    return { level, run, at, targets, people, skipped, gap: reached.length === 0 };
  });
}
