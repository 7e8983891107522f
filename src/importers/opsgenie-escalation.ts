// An Opsgenie escalation as an oncall escalation policy, where it maps. Opsgenie's rules
// each wait `delay` from the alert's creation, as oncall's levels wait `after` from the
// incident's start: rules with the same delay become one level. Recipients map to
// person:, schedule: and team: targets; an escalation as recipient (or "none") does not.

import type { RawPolicy } from '../core/config-schema.js';
import type { OgEscalation, OgRecipient } from './opsgenie-api.js';

const MINUTES: Record<string, number> = { days: 1440, hours: 60, minutes: 1, seconds: 1 / 60, miliseconds: 1 / 60_000 };
/** oncall repeats a chain at most this many more times. */
const MAX_REPEAT = 9;

export interface EscalationTargets {
  team: (owner: OgEscalation['ownerTeam']) => string;
  /** Targets for a recipient, or why it has none. */
  targets: (r: OgRecipient) => string[] | { problem: string };
}

export function policyOf(escalation: OgEscalation, id: string, map: EscalationTargets, note: (text: string) => void): RawPolicy | undefined {
  const where = `escalation "${escalation.name}"`;
  const levels = new Map<number, string[]>();
  for (const rule of escalation.rules ?? []) {
    const unit = rule.delay?.timeUnit ?? 'minutes';
    const exact = (rule.delay?.timeAmount ?? 0) * (MINUTES[unit] ?? NaN);
    if (!Number.isFinite(exact) || exact < 0) {
      note(`${where}: a rule's delay ${rule.delay?.timeAmount} ${unit} is not a time oncall reads; the rule is left out`);
      continue;
    }
    const minutes = Math.ceil(exact);
    if (minutes !== exact) note(`${where}: a delay of ${rule.delay?.timeAmount} ${unit} is rounded up to ${minutes} minutes (oncall counts whole minutes)`);
    if (rule.condition === 'if-not-closed') note(`${where}: a rule waits for the alert to be closed; oncall's levels wait for an acknowledgement`);
    const targets = map.targets(rule.recipient);
    if (!Array.isArray(targets)) {
      note(`${where}: ${targets.problem}; that rule is left out`);
      continue;
    }
    const notify = rule.notifyType ?? 'default';
    if (rule.recipient.type === 'schedule' && notify !== 'default') {
      note(`${where}: a rule notifies the ${notify} on-call person of a schedule; oncall pages whoever is on call now`);
    }
    if (rule.recipient.type === 'team' && notify !== 'all') {
      note(`${where}: a rule notifies team "${rule.recipient.name ?? rule.recipient.id}" (${notify}); oncall's team: target pages every member`);
    }
    const level = levels.get(minutes) ?? [];
    for (const t of targets) if (!level.includes(t)) level.push(t);
    levels.set(minutes, level);
  }
  if (levels.size === 0) {
    note(`${where} has no rule oncall can express; it is left out`);
    return undefined;
  }
  const ordered = [...levels].sort((a, b) => a[0] - b[0]);
  const policy: RawPolicy = {
    id,
    team: map.team(escalation.ownerTeam),
    name: escalation.name,
    levels: ordered.map(([minutes, targets]) => ({ targets, after: `${minutes}m` })),
  };
  const count = escalation.repeat?.count ?? 0;
  if (count > 0) {
    if (count > MAX_REPEAT) note(`${where} repeats ${count} times; oncall repeats a chain at most ${MAX_REPEAT} times`);
    policy.repeat = Math.min(count, MAX_REPEAT);
    // Opsgenie waits `waitInterval` minutes after its last rule; oncall counts from one run's start.
    policy.repeat_after = `${ordered[ordered.length - 1][0] + Math.max(1, escalation.repeat?.waitInterval ?? 0)}m`;
  }
  return policy;
}
