// PagerDuty escalation policies as oncall escalation policies. A PagerDuty rule's
// `escalation_delay_in_minutes` is how long it waits before escalating *away* from it, so rule
// i is reached after the sum of the delays before it; oncall's `after` counts from the
// incident's start, so the delays are summed. `num_loops` repeats the whole chain, whose run
// lasts the sum of all delays: that is oncall's `repeat` and `repeat_after`.

import type { RawPolicy } from '../core/config-schema.js';
import { formatDelay } from '../core/duration.js';
import { uniqueId } from './ids.js';
import type { PdEscalationPolicy } from './pagerduty-api.js';
import type { PeopleMap } from './pagerduty-people.js';

const MAX_REPEAT = 9;

export interface PolicyContext {
  people: PeopleMap;
  /** oncall schedule id by PagerDuty schedule id (only schedules that were written). */
  schedules: Map<string, string>;
  /** oncall team id for a policy's PagerDuty teams (the fallback team when none). */
  teamOf: (teams: { id: string }[] | undefined, what: string) => string;
  notes: string[];
}

export function mapPolicies(policies: PdEscalationPolicy[], ctx: PolicyContext): RawPolicy[] {
  const taken = new Set<string>();
  const out: RawPolicy[] = [];
  for (const policy of policies) {
    const name = policy.name?.trim() || policy.summary?.trim() || policy.id;
    const where = `escalation policy "${name}"`;
    const levels: { targets: string[]; after?: string }[] = [];
    let reached = 0;
    let lastAfter = -1;
    for (const [index, rule] of (policy.escalation_rules ?? []).entries()) {
      const targets: string[] = [];
      const strategy = rule.escalation_rule_assignment_strategy;
      if ((typeof strategy === 'string' ? strategy : strategy?.type) === 'round_robin') {
        ctx.notes.push(`${where}, rule ${index + 1}: assigns round robin; oncall pages every target of a level`);
      }
      for (const target of rule.targets ?? []) {
        const type = (target.type ?? '').replace(/_reference$/, '');
        if (type === 'schedule') {
          const schedule = ctx.schedules.get(target.id);
          if (schedule) targets.push(`schedule:${schedule}`);
          else ctx.notes.push(`${where}, rule ${index + 1}: schedule ${target.summary ?? target.id} was not imported; left out of the rule`);
        } else if (type === 'user') {
          targets.push(`person:${ctx.people.person(target)}`);
        } else {
          ctx.notes.push(`${where}, rule ${index + 1}: a target of type "${target.type}" has no oncall counterpart; left out`);
        }
      }
      const unique = [...new Set(targets)];
      if (unique.length > 0) {
        // Rules with no delay between them fire together: one oncall level.
        if (reached === lastAfter && levels.length > 0) {
          const previous = levels[levels.length - 1];
          previous.targets = [...new Set([...previous.targets, ...unique])];
          ctx.notes.push(`${where}: rule ${index + 1} is reached at the same minute as the rule before it; their targets are one level`);
        } else {
          levels.push({ targets: unique, ...(levels.length > 0 || reached > 0 ? { after: formatDelay(reached) } : {}) });
          lastAfter = reached;
        }
      } else {
        ctx.notes.push(`${where}: rule ${index + 1} has no target oncall can page; left out`);
      }
      reached += Math.max(0, Math.round(Number(rule.escalation_delay_in_minutes) || 0));
    }
    if (levels.length === 0) {
      ctx.notes.push(`${where} has no rule oncall can page; left out`);
      continue;
    }
    const loops = Math.max(0, Math.round(Number(policy.num_loops) || 0));
    if (loops > MAX_REPEAT) ctx.notes.push(`${where} repeats ${loops} times; oncall repeats a chain at most ${MAX_REPEAT} times`);
    const repeat = Math.min(loops, MAX_REPEAT);
    out.push({
      id: uniqueId(name, taken, 'policy'),
      team: ctx.teamOf(policy.teams, where),
      name,
      ...(repeat > 0 && { repeat }),
      ...(repeat > 0 && reached > lastAfter && { repeat_after: formatDelay(reached) }),
      levels,
    });
  }
  return out;
}
