// The PagerDuty mapping piece by piece: ActiveSupport zone names, restrictions, layers
// (precedence, the rotation's anchor and the layer's start) and escalation policies.

import { describe, expect, it } from 'vitest';
import { isValidTimeZone } from '../../src/core/wall-clock.js';
import type { PdLayer, PdReference } from '../../src/importers/pagerduty-api.js';
import { mapLayers } from '../../src/importers/pagerduty-layers.js';
import { PeopleMap } from '../../src/importers/pagerduty-people.js';
import { mapPolicies } from '../../src/importers/pagerduty-policies.js';
import { mapRestrictions } from '../../src/importers/pagerduty-restrictions.js';
import { ACTIVE_SUPPORT_NAMES, ianaZone } from '../../src/importers/pagerduty-zones.js';

describe('PagerDuty time zones', () => {
  it('translates every ActiveSupport name to a zone this platform knows', () => {
    expect(ACTIVE_SUPPORT_NAMES.length).toBeGreaterThan(150);
    for (const name of ACTIVE_SUPPORT_NAMES) expect(isValidTimeZone(ianaZone(name) ?? ''), name).toBe(true);
  });

  it('takes IANA names as they are and refuses names that are neither', () => {
    expect(ianaZone('Eastern Time (US & Canada)')).toBe('America/New_York');
    expect(ianaZone('Amsterdam')).toBe('Europe/Amsterdam');
    expect(ianaZone('UTC')).toBe('UTC');
    expect(ianaZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(ianaZone('EST')).toBeUndefined();
    expect(ianaZone('eastern time (us & canada)')).toBeUndefined();
    expect(ianaZone('Lunar Standard Time')).toBeUndefined();
    expect(ianaZone('constructor')).toBeUndefined();
  });
});

describe('PagerDuty restrictions', () => {
  it('maps daily restrictions, overnight and all day', () => {
    expect(mapRestrictions([
      { type: 'daily_restriction', start_time_of_day: '22:00:00', duration_seconds: 28800 },
      { type: 'daily_restriction', start_time_of_day: '08:30:00', duration_seconds: 86400 },
    ])).toEqual({ restrictions: [{ from: '22:00', to: '06:00' }, { from: '08:30', to: '08:30' }], problems: [] });
  });

  it('maps weekly restrictions across days, a whole week, and same-hours days as one line', () => {
    const weekday = (day: number) => ({ type: 'weekly_restriction', start_time_of_day: '09:00:00', duration_seconds: 28800, start_day_of_week: day });
    expect(mapRestrictions([
      { type: 'weekly_restriction', start_time_of_day: '17:00:00', duration_seconds: 230400, start_day_of_week: 5 },
      { type: 'weekly_restriction', start_time_of_day: '00:00:00', duration_seconds: 604800, start_day_of_week: 1 },
      weekday(3), weekday(1), weekday(2),
      { type: 'weekly_restriction', start_time_of_day: '18:00:00', duration_seconds: 21600, start_day_of_week: 7 },
    ]).restrictions).toEqual([
      { from: 'fri 17:00', to: 'mon 09:00' },
      { from: 'mon 00:00', to: 'mon 00:00' },
      { days: ['mon', 'tue', 'wed'], from: '09:00', to: '17:00' },
      { days: ['sun'], from: '18:00', to: '00:00' },
    ]);
  });

  it('says what it rounds or leaves out', () => {
    const { restrictions, problems } = mapRestrictions([
      { type: 'daily_restriction', start_time_of_day: '09:00:30', duration_seconds: 3630 },
      { type: 'weekly_restriction', start_time_of_day: '09:00:00', duration_seconds: 3600 },
      { type: 'monthly_restriction', start_time_of_day: '09:00:00', duration_seconds: 3600 },
    ]);
    expect(restrictions).toEqual([{ from: '09:00', to: '10:01' }]);
    expect(problems).toEqual([
      'a restriction starts at 09:00:30, with seconds; written from 09:00',
      'a restriction lasts 3630 s, not whole minutes; written as 61 min',
      'a weekly restriction has no start_day_of_week from 1 to 7 (undefined); left out',
      'a restriction of type "monthly_restriction" is not one PagerDuty documents; left out',
    ]);
  });
});

const user = (id: string): { user: PdReference } => ({ user: { id, type: 'user_reference', summary: id } });
const layer = (name: string, fields: Partial<PdLayer>): PdLayer => ({
  name,
  start: '2027-01-04T09:00:00Z',
  rotation_virtual_start: '2027-01-04T09:00:00Z',
  rotation_turn_length_seconds: 604800,
  users: [user('a'), user('b'), user('c')],
  ...fields,
});

function layers(list: PdLayer[], window = { start: Date.parse('2027-01-01T00:00:00Z'), end: Date.parse('2027-02-01T00:00:00Z') }, zone = 'UTC') {
  const notes: string[] = [];
  const mapped = mapLayers(list, { scheduleName: 'S', zone, window, person: (u) => u.id, notes });
  return { mapped, notes };
}

describe('PagerDuty layers', () => {
  it('writes the API order reversed: the layer PagerDuty lists first wins, and wins last in oncall', () => {
    const { mapped } = layers([layer('Layer 2', {}), layer('Layer 1', {})]);
    expect(mapped.map((l) => l.id)).toEqual(['layer-1', 'layer-2']);
  });

  it('starts at the first handoff after a layer start that is off the grid, with the member PagerDuty has there', () => {
    // Turns from Mon 4 Jan 09:00 (a, b, c); the layer takes effect Wed 13 Jan 15:30, in b's turn.
    const { mapped } = layers([layer('L', { start: '2027-01-13T15:30:00Z' })]);
    expect(mapped).toEqual([
      { id: 'l-first-turn', start: '2027-01-13T15:30', end: '2027-01-18T09:00', shift: '1w', members: ['b'] },
      { id: 'l', start: '2027-01-18T09:00', shift: '1w', members: ['c', 'a', 'b'] },
    ]);
  });

  it('counts turns back from a virtual start after the layer start', () => {
    const { mapped } = layers([layer('L', { start: '2027-01-01T00:00:00Z', rotation_virtual_start: '2027-01-11T09:00:00Z' })]);
    // Turn -2 (b) holds 1 Jan; turn -1 (c) starts Mon 4 Jan 09:00.
    expect(mapped).toEqual([
      { id: 'l-first-turn', start: '2027-01-01T00:00', end: '2027-01-04T09:00', shift: '1w', members: ['b'] },
      { id: 'l', start: '2027-01-04T09:00', shift: '1w', members: ['c', 'a', 'b'] },
    ]);
  });

  it('leaves out the partial first turn when it is over before the window, and ended layers', () => {
    const window = { start: Date.parse('2027-03-01T00:00:00Z'), end: Date.parse('2027-04-01T00:00:00Z') };
    const { mapped } = layers([
      layer('Now', { start: '2027-01-13T15:30:00Z', end: '2027-03-20T12:00:00Z' }),
      layer('Gone', { end: '2027-02-01T00:00:00Z' }),
    ], window);
    expect(mapped).toEqual([{ id: 'now', start: '2027-01-18T09:00', end: '2027-03-20T12:00', shift: '1w', members: ['c', 'a', 'b'] }]);
  });

  it('keeps wall-clock handoffs in the zone: a virtual start in winter anchors summer handoffs at the same hour', () => {
    const { mapped } = layers(
      [layer('Daily', { start: '2027-04-01T10:00:00+02:00', rotation_virtual_start: '2027-03-01T09:00:00+01:00', rotation_turn_length_seconds: 86400, users: [user('a'), user('b')] })],
      { start: Date.parse('2027-03-01T00:00:00Z'), end: Date.parse('2027-05-01T00:00:00Z') },
      'Europe/Amsterdam',
    );
    // 1 Apr is day 31 from 1 Mar (b's); the layer starts an hour into it.
    expect(mapped).toEqual([
      { id: 'daily-first-turn', start: '2027-04-01T10:00', end: '2027-04-02T09:00', shift: '1d', members: ['b'] },
      { id: 'daily', start: '2027-04-02T09:00', shift: '1d', members: ['a', 'b'] },
    ]);
  });

  it('writes turn lengths in weeks, days or hours, and notes the ones that are not whole hours', () => {
    const { mapped, notes } = layers([
      layer('W', { rotation_turn_length_seconds: 1209600 }),
      layer('D', { rotation_turn_length_seconds: 864000 }),
      layer('H', { rotation_turn_length_seconds: 129600 }),
      layer('M', { rotation_turn_length_seconds: 5400 }),
    ]);
    expect(mapped.map((l) => l.shift)).toEqual(['2h', '36h', '10d', '2w']);
    expect(notes).toEqual(['schedule "S", layer "M": turns of 5400 s are not whole hours, which oncall\'s rotations need; written as 2h turns, so handoffs differ (verification shows where)']);
  });

  it('notes a layer without users and one whose restrictions all fail', () => {
    const { mapped, notes } = layers([
      layer('Empty', { users: [] }),
      layer('Odd', { restrictions: [{ type: 'yearly', start_time_of_day: '09:00:00', duration_seconds: 60 }] }),
    ]);
    expect(mapped.map((l) => [l.id, l.restrictions])).toEqual([['odd', undefined]]);
    expect(notes).toEqual([
      'schedule "S", layer "Odd": a restriction of type "yearly" is not one PagerDuty documents; left out',
      'schedule "S", layer "Odd": none of its restrictions could be written, so it is written unrestricted',
      'schedule "S", layer "Empty" has no users; left out',
    ]);
  });
});

describe('PagerDuty escalation policies', () => {
  it('merges rules reached at the same minute, drops targets oncall cannot page, caps loops', () => {
    const notes: string[] = [];
    const people = new PeopleMap([{ id: 'PU1', name: 'Ann', email: 'ann@example.com' }], notes);
    const policies = mapPolicies(
      [{
        id: 'PE1',
        name: 'Ops',
        num_loops: 12,
        escalation_rules: [
          { escalation_delay_in_minutes: 0, targets: [{ id: 'PU1', type: 'user_reference' }] },
          { escalation_delay_in_minutes: 20, targets: [{ id: 'PS1', type: 'schedule_reference' }, { id: 'PX', type: 'escalation_policy_reference' }] },
          { escalation_delay_in_minutes: 5, targets: [{ id: 'PGONE', type: 'user_reference', summary: 'Old Timer' }], escalation_rule_assignment_strategy: 'round_robin' },
        ],
      }],
      { people, schedules: new Map([['PS1', 'ops-primary']]), teamOf: () => 'ops', notes },
    );
    expect(policies).toEqual([{
      id: 'ops',
      team: 'ops',
      name: 'Ops',
      repeat: 9,
      repeat_after: '25m',
      levels: [{ targets: ['person:ann', 'schedule:ops-primary'] }, { targets: ['person:old-timer'], after: '20m' }],
    }]);
    expect(notes).toEqual([
      'escalation policy "Ops", rule 2: a target of type "escalation_policy_reference" has no oncall counterpart; left out',
      'escalation policy "Ops": rule 2 is reached at the same minute as the rule before it; their targets are one level',
      'escalation policy "Ops", rule 3: assigns round robin; oncall pages every target of a level',
      'user Old Timer (PGONE) is on a schedule or policy but not in PagerDuty\'s user list (deleted, or hidden from this token); written as person "old-timer" without an e-mail: replace them before applying',
      'escalation policy "Ops" repeats 12 times; oncall repeats a chain at most 9 times',
    ]);
  });
});

describe('PagerDuty overrides', () => {
  it('writes overrides in UTC in the order PagerDuty lists them, noting overlaps and unusable ones', async () => {
    const { mapOverrides } = await import('../../src/importers/pagerduty.js');
    const notes: string[] = [];
    const people = new PeopleMap([{ id: 'PU1', name: 'Ann', email: 'ann@example.com' }, { id: 'PU2', name: 'Bo', email: 'bo@example.com' }], notes);
    const mapped = mapOverrides([
      { start: '2027-03-24T16:00:00-04:00', end: '2027-03-24T22:00:00-04:00', user: { id: 'PU1' } },
      { start: '2027-03-24T21:00:00-04:00', end: '2027-03-25T01:00:00-04:00', user: { id: 'PU2' } },
      { start: '2027-03-26T10:00:00Z', end: '2027-03-26T10:00:00Z', user: { id: 'PU2' } },
    ], 'schedule "S"', people, notes);
    expect(mapped).toEqual([
      { person: 'ann', from: '2027-03-24T20:00:00Z', to: '2027-03-25T02:00:00Z' },
      { person: 'bo', from: '2027-03-25T01:00:00Z', to: '2027-03-25T05:00:00Z' },
    ]);
    expect(notes).toEqual([
      'schedule "S": overrides overlap at 2027-03-25T01:00:00Z; the one PagerDuty lists later is written later and wins in oncall',
      'schedule "S": an override (2027-03-26T10:00:00Z to 2027-03-26T10:00:00Z) has no usable times or user; left out',
    ]);
  });
});
