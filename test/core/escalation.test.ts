import { describe, expect, test } from 'vitest';
import type { EscalationPolicyConfig } from '../../src/core/config.js';
import { escalationChain, runLength, stepTimes } from '../../src/core/escalation.js';
import { formatDelay, parseDelay } from '../../src/core/duration.js';

const MIN = 60_000;
const T = Date.parse('2026-11-23T12:00:00Z');

const policy = (levels: [string[], string][], extra: Partial<EscalationPolicyConfig> = {}): EscalationPolicyConfig => ({
  id: 'p',
  team: 't',
  name: 'p',
  levels: levels.map(([targets, after]) => ({ targets, after })),
  ...extra,
});

describe('delays', () => {
  test('minutes and hours read and write back in one short form', () => {
    expect(parseDelay('90m')).toEqual({ ok: true, value: 90 });
    expect(parseDelay('1h30m')).toEqual({ ok: true, value: 90 });
    expect(parseDelay('2h')).toEqual({ ok: true, value: 120 });
    expect(formatDelay(90)).toBe('1h30m');
    expect(formatDelay(0)).toBe('0m');
    expect(parseDelay('15').ok).toBe(false);
    expect(parseDelay('8d').ok).toBe(false);
  });
});

describe('run length', () => {
  test('the last level waits as long as the one before it did', () => {
    // levels at 0, 15, 30 min: the last gap is 15 min, so a run lasts 30 + 15 = 45 min
    expect(runLength(policy([[['a'], '0m'], [['b'], '15m'], [['c'], '30m']]))).toBe(45 * MIN);
    // levels at 0 and 10 min: 10 + 10 = 20 min
    expect(runLength(policy([[['a'], '0m'], [['b'], '10m']]))).toBe(20 * MIN);
  });
  test('a single level repeats every 30 minutes after its delay; repeat_after wins', () => {
    expect(runLength(policy([[['a'], '5m']]))).toBe(35 * MIN);
    expect(runLength(policy([[['a'], '0m'], [['b'], '15m']], { repeat: 1, repeatAfter: '1h' }))).toBe(60 * MIN);
  });
  test('every level of every run fires at start + run × length + after', () => {
    const times = stepTimes(policy([[['a'], '0m'], [['b'], '15m']], { repeat: 2 }), T);
    // run length 15 + 15 = 30 min
    expect(times.map((s) => [s.level, s.run, (s.at - T) / MIN])).toEqual([
      [1, 0, 0], [2, 0, 15], [1, 1, 30], [2, 1, 45], [1, 2, 60], [2, 2, 75],
    ]);
  });
});

describe('the chain', () => {
  test('each target is resolved at the minute its level fires', () => {
    // ann until T+10 min, ben after: level 2 at T+15 reaches ben, not ann
    const reach = (target: string, at: number) => (target === 'schedule:s' ? [at < T + 10 * MIN ? 'ann' : 'ben'] : []);
    const steps = escalationChain(policy([[['schedule:s'], '0m'], [['schedule:s'], '15m']]), T, reach);
    expect(steps.map((s) => s.people)).toEqual([['ann'], ['ben']]);
  });
  test('people already paged in the same run are skipped; a repeat pages them again', () => {
    const reach = (target: string) => (target === 'team:t' ? ['ann', 'cat'] : ['ann']);
    const steps = escalationChain(policy([[['person:ann'], '0m'], [['team:t'], '10m']], { repeat: 1 }), T, reach);
    expect(steps.map((s) => [s.run, s.people, s.skipped])).toEqual([
      [0, ['ann'], []],
      [0, ['cat'], ['ann']],
      [1, ['ann'], []],
      [1, ['cat'], ['ann']],
    ]);
    expect(steps.some((s) => s.gap)).toBe(false);
  });
  test('a level that reaches nobody is a gap; one whose people were all paged is not', () => {
    const reach = (target: string) => (target === 'schedule:empty' ? [] : ['ann']);
    const steps = escalationChain(policy([[['person:ann'], '0m'], [['person:ann'], '5m'], [['schedule:empty'], '10m']]), T, reach);
    expect(steps.map((s) => s.gap)).toEqual([false, false, true]);
    expect(steps[1]).toMatchObject({ people: [], skipped: ['ann'] });
  });
});
