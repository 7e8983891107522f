// The Opsgenie mapping, piece by piece: rotation type and length, both kinds of time
// restriction, which rotations can meet (and so cannot share an oncall schedule), turns that
// are no person, and escalations as policies.

import { describe, expect, test } from 'vitest';
import type { OgEscalation, OgRecipient, OgRotation, OgTimeRestriction } from '../../src/importers/opsgenie-api.js';
import { policyOf, type EscalationTargets } from '../../src/importers/opsgenie-escalation.js';
import { canMeet, groupsThatNeverMeet, membersOf, restrictionsOf, shiftOf, wallClockIn, weekMinutes, type Participant } from '../../src/importers/opsgenie-rotation.js';

const rotation = (over: Partial<OgRotation> = {}): OgRotation => ({
  id: over.name ?? 'r',
  startDate: '2027-01-04T08:00:00Z',
  type: 'weekly',
  length: 1,
  participants: [],
  ...over,
});
const timeOfDay = (startHour: number, endHour: number): OgTimeRestriction => ({ type: 'time-of-day', restriction: { startHour, startMin: 0, endHour, endMin: 0 } });
const weekday = (...spans: [string, number, string, number][]): OgTimeRestriction => ({
  type: 'weekday-and-time-of-day',
  restrictions: spans.map(([startDay, startHour, endDay, endHour]) => ({ startDay, startHour, startMin: 0, endDay, endHour, endMin: 0 })),
});

describe('rotation type and length', () => {
  test('hourly, daily and weekly become h, d and w shifts of `length` (default 1)', () => {
    expect(shiftOf(rotation({ type: 'hourly', length: 8 }))).toEqual({ shift: '8h' });
    expect(shiftOf(rotation({ type: 'daily', length: 3 }))).toEqual({ shift: '3d' });
    expect(shiftOf(rotation({ type: 'weekly', length: undefined }))).toEqual({ shift: '1w' });
  });

  test('an unknown type or a length oncall cannot rotate is a problem, not a guess', () => {
    expect(shiftOf(rotation({ type: 'monthly' }))).toEqual({ problem: 'its type "monthly" is not hourly, daily or weekly' });
    expect(shiftOf(rotation({ type: 'weekly', length: 53 }))).toMatchObject({ problem: expect.stringContaining('outside what oncall rotates (1 to 52)') });
    expect(shiftOf(rotation({ type: 'daily', length: 0 }))).toMatchObject({ problem: expect.any(String) });
  });

  test('startDate becomes wall clock in the schedule zone, on both sides of a DST change', () => {
    expect(wallClockIn('2027-03-27T08:00:00Z', 'Europe/Berlin')).toBe('2027-03-27T09:00');
    expect(wallClockIn('2027-03-29T07:00:00Z', 'Europe/Berlin')).toBe('2027-03-29T09:00');
    expect(wallClockIn('2027-01-05T15:00:00Z', 'America/New_York')).toBe('2027-01-05T10:00');
    expect(wallClockIn('2027-01-05T15:30:00+00:00', 'Etc/UTC')).toBe('2027-01-05T15:30');
  });
});

describe('time restrictions', () => {
  test('time-of-day is one window every day; overnight stays overnight', () => {
    expect(restrictionsOf(timeOfDay(9, 17))).toEqual([{ from: '09:00', to: '17:00' }]);
    expect(restrictionsOf(timeOfDay(22, 6))).toEqual([{ from: '22:00', to: '06:00' }]);
    expect(restrictionsOf({ type: 'time-of-day', restriction: { startHour: 8, startMin: 30, endHour: 18, endMin: 30 } })).toEqual([{ from: '08:30', to: '18:30' }]);
  });

  test('weekday windows on one day with the same hours are one entry; windows into another day are weekly spans', () => {
    const r = weekday(['monday', 9, 'monday', 17], ['tuesday', 9, 'tuesday', 17], ['friday', 9, 'friday', 17], ['saturday', 10, 'saturday', 14], ['friday', 18, 'monday', 8]);
    expect(restrictionsOf(r)).toEqual([
      { days: ['mon', 'tue', 'fri'], from: '09:00', to: '17:00' },
      { days: ['sat'], from: '10:00', to: '14:00' },
      { from: 'fri 18:00', to: 'mon 08:00' },
    ]);
  });

  test('all seven days with the same hours leave `days` out', () => {
    const all = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, 8, d, 20] as [string, number, string, number]);
    expect(restrictionsOf(weekday(...all))).toEqual([{ from: '08:00', to: '20:00' }]);
  });

  test('a window that ends before it starts on the same day runs round the week', () => {
    expect(restrictionsOf(weekday(['monday', 17, 'monday', 9]))).toEqual([{ from: 'mon 17:00', to: 'mon 09:00' }]);
  });

  test('shapes oncall does not know are reported, not guessed', () => {
    expect(restrictionsOf({ type: 'some-new-kind' } as unknown as OgTimeRestriction)).toBe('unknown');
    expect(restrictionsOf(weekday(['someday', 9, 'monday', 17]))).toBe('unknown');
    expect(restrictionsOf({ type: 'time-of-day', restriction: { startHour: 25, startMin: 0, endHour: 6, endMin: 0 } })).toBe('unknown');
    expect(restrictionsOf({ type: 'weekday-and-time-of-day', restrictions: [] })).toBe('unknown');
    expect(restrictionsOf(undefined)).toBeUndefined();
  });
});

describe('which rotations can meet', () => {
  const business = rotation({ name: 'business', timeRestriction: weekday(...['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, 9, d, 17] as [string, number, string, number])) });
  const nights = rotation({
    name: 'nights',
    timeRestriction: weekday(['monday', 17, 'tuesday', 9], ['tuesday', 17, 'wednesday', 9], ['wednesday', 17, 'thursday', 9], ['thursday', 17, 'friday', 9], ['friday', 17, 'monday', 9]),
  });
  const always = rotation({ name: 'always' });

  test('business hours and nights-and-weekends never meet; either meets a rotation without restriction', () => {
    expect(canMeet(business, nights)).toBe(false);
    expect(canMeet(business, always)).toBe(true);
    expect(canMeet(nights, always)).toBe(true);
  });

  test('the three shifts of a follow-the-sun never meet; an hour more on one of them does', () => {
    const [apac, emea, amer] = [timeOfDay(22, 6), timeOfDay(6, 14), timeOfDay(14, 22)].map((t, i) => rotation({ name: `r${i}`, timeRestriction: t }));
    expect([canMeet(apac, emea), canMeet(emea, amer), canMeet(amer, apac)]).toEqual([false, false, false]);
    expect(canMeet(rotation({ timeRestriction: timeOfDay(22, 7) }), emea)).toBe(true);
  });

  test('rotations whose dates do not overlap never meet, whatever their hours', () => {
    const until = rotation({ name: 'old', endDate: '2027-02-01T08:00:00Z' });
    const from = rotation({ name: 'new', startDate: '2027-02-01T08:00:00Z' });
    expect(canMeet(until, from)).toBe(false);
    expect(canMeet(until, rotation({ startDate: '2027-01-31T08:00:00Z' }))).toBe(true);
  });

  test('the week of a restriction: an overnight window belongs to the day it starts on', () => {
    const week = weekMinutes(timeOfDay(22, 6));
    expect(week.reduce((a, b) => a + b, 0)).toBe(7 * 8 * 60);
    expect(week[0]).toBe(1); // Monday 00:00 (Sunday night's window)
    expect(week[6 * 60]).toBe(0); // Monday 06:00
    expect(weekMinutes(undefined).every((m) => m === 1)).toBe(true);
  });

  test('groups: each rotation joins the first group it never meets, in Opsgenie order', () => {
    const items = [always, business, nights, rotation({ name: 'shadow' })].map((r) => ({ rotation: r }));
    const groups = groupsThatNeverMeet(items).map((g) => g.map((i) => i.rotation.name));
    expect(groups).toEqual([['always'], ['business', 'nights'], ['shadow']]);
    expect(groupsThatNeverMeet([business, nights].map((r) => ({ rotation: r })))).toHaveLength(1);
  });
});

describe('participants', () => {
  const people: Record<string, string> = { u1: 'ann', u2: 'ben' };
  const resolve = (r: OgRecipient): Participant =>
    r.type === 'user' && r.id && people[r.id] ? { person: people[r.id] } : { label: r.type === 'none' ? null : `${r.type}:${r.name ?? r.id}`, why: r.type };

  test('a turn that is no person goes to the person before it, so the other turns keep their place', () => {
    const got = membersOf([{ type: 'user', id: 'u1' }, { type: 'none' }, { type: 'user', id: 'u2' }, { type: 'team', name: 'Platform' }], resolve);
    expect(got).toEqual({ members: ['ann', 'ann', 'ben', 'ben'], filled: [{ slot: 1, why: 'none' }, { slot: 3, why: 'team' }] });
  });

  test('at the start of the list, the person before is the last one (the rotation is a circle)', () => {
    const got = membersOf([{ type: 'escalation', name: 'E' }, { type: 'user', id: 'u1' }, { type: 'user', id: 'u2' }], resolve);
    expect(got?.members).toEqual(['ben', 'ann', 'ben']);
  });

  test('an unknown user is no person; a rotation without any person has no members', () => {
    expect(membersOf([{ type: 'user', id: 'u9' }, { type: 'user', id: 'u1' }], resolve)?.members).toEqual(['ann', 'ann']);
    expect(membersOf([{ type: 'none' }, { type: 'team', name: 'T' }], resolve)).toBeUndefined();
    expect(membersOf([], resolve)).toBeUndefined();
  });
});

describe('escalations', () => {
  const map: EscalationTargets = {
    team: (owner) => (owner?.name === 'Payments' ? 'payments' : 'orphans'),
    targets: (r) => {
      if (r.type === 'user') return [`person:${r.username?.split('@')[0]}`];
      if (r.type === 'schedule') return r.name === 'Split' ? ['schedule:split-a', 'schedule:split-b'] : [`schedule:${r.name?.toLowerCase()}`];
      if (r.type === 'team') return [`team:${r.name?.toLowerCase()}`];
      return { problem: `${r.type} cannot be targeted` };
    },
  };
  const run = (e: Partial<OgEscalation>) => {
    const notes: string[] = [];
    const policy = policyOf({ id: 'e1', name: 'Esc', ...e }, 'esc', map, (n) => notes.push(n));
    return { policy, notes };
  };
  const rule = (amount: number, recipient: OgRecipient, extra: object = {}) => ({ condition: 'if-not-acked', notifyType: 'default', delay: { timeAmount: amount, timeUnit: 'minutes' }, recipient, ...extra });

  test('rules with the same delay are one level; levels in delay order; delays counted from the start', () => {
    const { policy, notes } = run({
      ownerTeam: { name: 'Payments' },
      rules: [
        rule(30, { type: 'team', name: 'Leads' }, { notifyType: 'all' }),
        rule(0, { type: 'schedule', name: 'Split' }),
        rule(10, { type: 'user', username: 'ann@example.com' }),
        rule(10, { type: 'schedule', name: 'Second' }),
        { ...rule(2, { type: 'user', username: 'ben@example.com' }), delay: { timeAmount: 2, timeUnit: 'hours' } },
      ],
    });
    expect(policy).toEqual({
      id: 'esc',
      team: 'payments',
      name: 'Esc',
      levels: [
        { targets: ['schedule:split-a', 'schedule:split-b'], after: '0m' },
        { targets: ['person:ann', 'schedule:second'], after: '10m' },
        { targets: ['team:leads'], after: '30m' },
        { targets: ['person:ben'], after: '120m' },
      ],
    });
    expect(notes).toEqual([]);
  });

  test('repeat: count (at most 9) and the wait after the last rule, counted from the run start', () => {
    const { policy, notes } = run({ rules: [rule(0, { type: 'user', username: 'ann@example.com' }), rule(20, { type: 'user', username: 'ben@example.com' })], repeat: { waitInterval: 15, count: 12 } });
    expect(policy).toMatchObject({ team: 'orphans', repeat: 9, repeat_after: '35m' });
    expect(notes).toEqual(['escalation "Esc" repeats 12 times; oncall repeats a chain at most 9 times']);
  });

  test('what oncall cannot express is left out or approximated, each with a note', () => {
    const { policy, notes } = run({
      rules: [
        rule(0, { type: 'schedule', name: 'Primary' }, { notifyType: 'next' }),
        rule(5, { type: 'escalation', name: 'Other' }),
        rule(10, { type: 'team', name: 'Ops' }, { notifyType: 'admins', condition: 'if-not-closed' }),
        { ...rule(90, { type: 'user', username: 'ann@example.com' }), delay: { timeAmount: 90, timeUnit: 'seconds' } },
      ],
    });
    expect(policy?.levels).toEqual([
      { targets: ['schedule:primary'], after: '0m' },
      { targets: ['person:ann'], after: '2m' },
      { targets: ['team:ops'], after: '10m' },
    ]);
    expect(notes).toEqual([
      'escalation "Esc": a rule notifies the next on-call person of a schedule; oncall pages whoever is on call now',
      'escalation "Esc": escalation cannot be targeted; that rule is left out',
      'escalation "Esc": a rule waits for the alert to be closed; oncall\'s levels wait for an acknowledgement',
      'escalation "Esc": a rule notifies team "Ops" (admins); oncall\'s team: target pages every member',
      'escalation "Esc": a delay of 90 seconds is rounded up to 2 minutes (oncall counts whole minutes)',
    ]);
  });

  test('an escalation with no rule oncall can express is left out', () => {
    const { policy, notes } = run({ rules: [rule(0, { type: 'none' })] });
    expect(policy).toBeUndefined();
    expect(notes).toEqual(['escalation "Esc": none cannot be targeted; that rule is left out', 'escalation "Esc" has no rule oncall can express; it is left out']);
  });
});
