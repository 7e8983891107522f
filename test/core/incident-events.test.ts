import { describe, expect, test } from 'vitest';
import { incidentEvents, statusOf, type ChainStep, type Incident } from '../../src/core/index.js';
import { at } from './helpers.js';

const step = (level: number, clock: string, people: string[]): ChainStep => ({
  level, run: 0, at: at(`2026-01-05T${clock}Z`), targets: [], people, skipped: [], gap: people.length === 0,
});
const opened: Incident = {
  id: 1, title: 'Checkout latency', policyId: 'main', severity: 'sev3', openedAt: at('2026-01-05T10:00Z'), openedBy: 'ann',
  chain: [step(1, '10:00', ['a']), step(2, '10:15', []), step(3, '10:30', ['lead'])],
  acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null, note: null,
};
const time = (clock: string) => at(`2026-01-05T${clock}Z`);

describe('an incident\'s events', () => {
  const cases: { name: string; incident: Incident; now: string; expected: string[]; status: string }[] = [
    {
      name: 'open: levels reached so far are notified (a level reaching nobody is unanswered), later ones pending',
      incident: opened, now: '10:20', status: 'open',
      expected: ['10:00 opened ann', '10:00 notified L1', '10:15 unanswered L2', '10:30 pending L3'],
    },
    {
      name: 'acknowledged: escalation stops there, nothing pending',
      incident: { ...opened, acknowledgedAt: time('10:20'), acknowledgedBy: 'a' }, now: '11:00', status: 'acknowledged',
      expected: ['10:00 opened ann', '10:00 notified L1', '10:15 unanswered L2', '10:20 acknowledged a'],
    },
    {
      name: 'resolved after an acknowledgement: both, with the note',
      incident: { ...opened, acknowledgedAt: time('10:05'), acknowledgedBy: 'a', resolvedAt: time('10:40'), resolvedBy: 'b', note: 'rolled back' },
      now: '11:00', status: 'resolved',
      expected: ['10:00 opened ann', '10:00 notified L1', '10:05 acknowledged a', '10:40 resolved b: rolled back'],
    },
    {
      name: 'resolved without an acknowledgement: the implied acknowledgement is not an event of its own',
      incident: { ...opened, acknowledgedAt: time('10:35'), acknowledgedBy: 'lead', resolvedAt: time('10:35'), resolvedBy: 'lead' },
      now: '11:00', status: 'resolved',
      expected: ['10:00 opened ann', '10:00 notified L1', '10:15 unanswered L2', '10:30 notified L3', '10:35 resolved lead'],
    },
  ];
  test.each(cases)('$name', ({ incident, now, expected, status }) => {
    const events = incidentEvents(incident, time(now)).map((e) => {
      const who = e.by ? ` ${e.by}` : e.step ? ` L${e.step.level}` : '';
      return `${new Date(e.at).toISOString().slice(11, 16)} ${e.kind}${who}${e.note ? `: ${e.note}` : ''}`;
    });
    expect(events).toEqual(expected);
    expect(statusOf(incident)).toBe(status);
  });
});
