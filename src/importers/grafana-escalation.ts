// Grafana OnCall escalation chains as oncall escalation policies. A chain is an ordered list
// of steps (`position`); `wait` steps add their `duration` (seconds) and every notify step
// fires after the waits before it. oncall's levels carry that delay from the incident's
// start (`after`), so notify steps with no wait between them share one level.

import type { RawPolicy } from '../core/config-schema.js';
import { formatDelay } from '../core/duration.js';
import type { GrafanaChain, GrafanaStep } from './grafana-api.js';

export interface EscalationContext {
  policyId: string;
  team: string;
  /** The oncall schedules a Grafana schedule became (several when groups were split), or none. */
  schedules: (scheduleId: string) => string[] | undefined;
  person: (userId: string) => string | undefined;
  userLabel: (userId: string) => string;
  team_: (teamId: string) => string | undefined;
}

/** At most this many steps are read from one chain (Grafana's UI keeps them short). */
const MAX_STEPS = 100;

export function mapChain(chain: GrafanaChain, steps: GrafanaStep[], ctx: EscalationContext): { policy?: RawPolicy; notes: string[] } {
  const notes: string[] = [];
  const label = `escalation chain "${chain.name}"`;
  const ordered = steps.filter((s) => s.escalation_chain_id === chain.id).sort((a, b) => a.position - b.position);
  if (ordered.length > MAX_STEPS) notes.push(`${label}: only its first ${MAX_STEPS} steps were read`);
  // oncall's delays are whole minutes and must grow: steps that round to one minute share a level.
  const levels: { minutes: number; targets: string[] }[] = [];
  let seconds = 0;
  let rounded = false;
  const add = (targets: string[]) => {
    if (targets.length === 0) return;
    const minutes = Math.round(seconds / 60);
    rounded ||= seconds % 60 !== 0;
    const last = levels[levels.length - 1];
    if (last && last.minutes === minutes) last.targets.push(...targets.filter((t) => !last.targets.includes(t)));
    else levels.push({ minutes, targets: [...new Set(targets)] });
  };
  for (const step of ordered.slice(0, MAX_STEPS)) {
    switch (step.type) {
      case 'wait':
        seconds += Math.max(0, step.duration ?? 0);
        break;
      case 'notify_on_call_from_schedule': {
        const ids = step.notify_on_call_from_schedule ? ctx.schedules(step.notify_on_call_from_schedule) : undefined;
        if (ids && ids.length > 0) add(ids.map((id) => `schedule:${id}`));
        else notes.push(`${label}: step ${step.position} pages schedule ${step.notify_on_call_from_schedule ?? '(none)'}, which was not imported; left out`);
        break;
      }
      case 'notify_persons':
      case 'notify_person_next_each_time': {
        const users = (step.type === 'notify_persons' ? step.persons_to_notify : step.persons_to_notify_next_each_time) ?? [];
        const people: string[] = [];
        for (const user of users) {
          const person = ctx.person(user);
          if (person) people.push(person);
          else notes.push(`${label}: step ${step.position} pages ${ctx.userLabel(user)}, who was not imported; left out`);
        }
        if (step.type === 'notify_person_next_each_time' && people.length > 1) {
          notes.push(`${label}: step ${step.position} pages the next of ${people.join(', ')} at each escalation; oncall pages all of them`);
        }
        add(people.map((p) => `person:${p}`));
        break;
      }
      case 'notify_team_members': {
        const team = step.team_to_notify ? ctx.team_(step.team_to_notify) : undefined;
        if (team) add([`team:${team}`]);
        else notes.push(`${label}: step ${step.position} pages team ${step.team_to_notify ?? '(none)'}, which was not imported; left out`);
        break;
      }
      default:
        notes.push(`${label}: step ${step.position} (${step.type}) has no oncall equivalent; left out`);
    }
  }
  if (levels.length === 0) return { notes: [...notes, `${label} pages nobody oncall imported; no policy written`] };
  if (rounded) notes.push(`${label}: waits rounded to whole minutes`);
  const policy: RawPolicy = {
    id: ctx.policyId,
    team: ctx.team,
    name: chain.name,
    levels: levels.map((l) => ({ targets: l.targets, after: formatDelay(l.minutes) })),
  };
  return { policy, notes };
}
