// Grafana OnCall escalation chains as oncall escalation policies (src/importers/grafana-escalation.ts).
import { describe, expect, it } from 'vitest';
import type { GrafanaStep } from '../../src/importers/grafana-api.js';
import { mapChain, type EscalationContext } from '../../src/importers/grafana-escalation.js';

const context: EscalationContext = {
  policyId: 'critical',
  team: 'payments',
  schedules: (id) => ({ S1: ['primary'], S3: ['pairs', 'pairs-2'] })[id],
  person: (id) => ({ U1: 'ann', U2: 'ben' })[id],
  userLabel: (id) => `user ${id}`,
  team_: (id) => (id === 'T1' ? 'payments' : undefined),
};
const chain = { id: 'F1', name: 'Critical', team_id: 'T1' };
const step = (position: number, type: string, more: Partial<GrafanaStep> = {}): GrafanaStep => ({ id: `E${position}`, escalation_chain_id: 'F1', position, type, ...more });

describe('escalation chains', () => {
  it('waits add up into each level\'s delay; notify steps without a wait between them share a level; steps are read by position', () => {
    const steps = [
      step(3, 'notify_persons', { persons_to_notify: ['U1', 'U2'] }),
      step(0, 'notify_on_call_from_schedule', { notify_on_call_from_schedule: 'S3' }),
      step(1, 'wait', { duration: 300 }),
      step(2, 'wait', { duration: 3600 }),
      step(4, 'notify_team_members', { team_to_notify: 'T1' }),
      step(5, 'wait', { duration: 600 }),
      step(6, 'notify_on_call_from_schedule', { notify_on_call_from_schedule: 'S1' }),
      { ...step(0, 'wait', { duration: 60 }), escalation_chain_id: 'F2' },
    ];
    const { policy, notes } = mapChain(chain, steps, context);
    expect(policy).toEqual({
      id: 'critical',
      team: 'payments',
      name: 'Critical',
      levels: [
        { targets: ['schedule:pairs', 'schedule:pairs-2'], after: '0m' },
        { targets: ['person:ann', 'person:ben', 'team:payments'], after: '1h5m' },
        { targets: ['schedule:primary'], after: '1h15m' },
      ],
    });
    expect(notes).toEqual([]);
  });

  it('what has no equivalent, or was not imported, is a note', () => {
    const steps = [
      step(0, 'notify_persons', { persons_to_notify: ['U1', 'U7'] }),
      step(1, 'notify_user_group', { group_to_notify: 'G1' } as Partial<GrafanaStep>),
      step(2, 'notify_on_call_from_schedule', { notify_on_call_from_schedule: 'S9' }),
      step(3, 'notify_person_next_each_time', { persons_to_notify_next_each_time: ['U1', 'U2'] }),
    ];
    const { policy, notes } = mapChain(chain, steps, context);
    expect(policy?.levels).toEqual([{ targets: ['person:ann', 'person:ben'], after: '0m' }]);
    expect(notes).toEqual([
      'escalation chain "Critical": step 0 pages user U7, who was not imported; left out',
      'escalation chain "Critical": step 1 (notify_user_group) has no oncall equivalent; left out',
      'escalation chain "Critical": step 2 pages schedule S9, which was not imported; left out',
      'escalation chain "Critical": step 3 pages the next of ann, ben at each escalation; oncall pages all of them',
    ]);
  });

  it('waits are rounded to whole minutes, and steps that round to the same minute share a level', () => {
    const steps = [
      step(0, 'notify_persons', { persons_to_notify: ['U1'] }),
      step(1, 'wait', { duration: 20 }),
      step(2, 'notify_persons', { persons_to_notify: ['U2'] }),
      step(3, 'wait', { duration: 70 }),
      step(4, 'notify_team_members', { team_to_notify: 'T1' }),
    ];
    const { policy, notes } = mapChain(chain, steps, context);
    expect(policy?.levels).toEqual([
      { targets: ['person:ann', 'person:ben'], after: '0m' },
      { targets: ['team:payments'], after: '2m' },
    ]);
    expect(notes).toEqual(['escalation chain "Critical": waits rounded to whole minutes']);
  });

  it('a chain that pages nobody oncall knows writes no policy', () => {
    const { policy, notes } = mapChain(chain, [step(0, 'wait', { duration: 60 }), step(1, 'resolve')], context);
    expect(policy).toBeUndefined();
    expect(notes.at(-1)).toBe('escalation chain "Critical" pages nobody oncall imported; no policy written');
  });
});
