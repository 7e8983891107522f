import { describe, expect, test } from 'vitest';
import { formatTarget, parseTarget, scheduleTargets } from '../../src/core/index.js';

describe('targets', () => {
  test.each([
    ['schedule:primary', { kind: 'schedule', id: 'primary' }],
    ['person:ann', { kind: 'person', id: 'ann' }],
    ['team:payments', { kind: 'team', id: 'payments' }],
    ['pager:ann', undefined],
    ['ann', undefined],
  ])('parseTarget(%s)', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  test('formatTarget is the inverse of parseTarget', () => {
    expect(formatTarget('team', 'payments')).toBe('team:payments');
  });

  test('scheduleTargets keeps each schedule once, in order', () => {
    expect(scheduleTargets(['schedule:b', 'person:ann', 'schedule:a', 'schedule:b'])).toEqual(['b', 'a']);
  });
});
