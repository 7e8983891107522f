// Grafana OnCall shifts as oncall layers and overrides (src/importers/grafana-shifts.ts).
import { describe, expect, it } from 'vitest';
import { checkHandoffRule } from '../../src/core/values.js';
import type { GrafanaShift } from '../../src/importers/grafana-api.js';
import { mapOverride, mapShift, MAX_TOGETHER, type ShiftContext } from '../../src/importers/grafana-shifts.js';

const PEOPLE: Record<string, string> = { U1: 'ann', U2: 'ben', U3: 'cyd', U4: 'dan' };

function ctx(over: Partial<ShiftContext> = {}): ShiftContext {
  return {
    label: 'schedule "S", shift "R"',
    shiftZone: 'Europe/Berlin',
    scheduleZone: 'Europe/Berlin',
    person: (id) => PEOPLE[id],
    userLabel: (id) => `user ${id}`,
    ...over,
  };
}

const rotation = (over: Partial<GrafanaShift>): GrafanaShift => ({
  id: 'O1',
  name: 'R',
  type: 'rolling_users',
  time_zone: 'Europe/Berlin',
  level: 0,
  start: '2027-03-01T09:00:00',
  rotation_start: '2027-03-01T09:00:00',
  duration: 604800,
  frequency: 'weekly',
  interval: 1,
  week_start: 'MO',
  rolling_users: [['U1'], ['U2'], ['U3']],
  start_rotation_from_user_index: 0,
  ...over,
});

describe('rolling_users rotations', () => {
  it('a weekly rotation whose turns last the week: one layer, no restrictions, in wall clock', () => {
    const { positions, notes } = mapShift(rotation({}), ctx());
    expect(positions).toEqual([{ start: '2027-03-01T09:00', shift: '1w', members: ['ann', 'ben', 'cyd'] }]);
    expect(notes).toEqual([]);
  });

  it('start_rotation_from_user_index starts the rotation at that group', () => {
    const { positions } = mapShift(rotation({ start_rotation_from_user_index: 2 }), ctx());
    expect(positions[0].members).toEqual(['cyd', 'ann', 'ben']);
  });

  it('interval multiplies the turn; until ends the layer', () => {
    // until bounds when turns start: the turn begun on Mon 24 May runs to Mon 7 June 09:00.
    const { positions } = mapShift(rotation({ interval: 2, duration: 2 * 604800, until: '2027-06-01T00:00:00' }), ctx());
    expect(positions[0]).toMatchObject({ shift: '2w', end: '2027-06-07T09:00' });
    const atHandoff = mapShift(rotation({ until: '2027-03-15T09:00:00' }), ctx());
    expect(atHandoff.positions[0].end).toBe('2027-03-15T09:00');
    const days = mapShift(rotation({ by_day: ['MO'], duration: 28800, until: '2027-03-17T12:00:00' }), ctx());
    expect(days.positions[0].end).toBe('2027-03-17T12:00');
    const daily = mapShift(rotation({ frequency: 'daily', interval: 3, duration: 3 * 86400 }), ctx());
    expect(daily.positions[0].shift).toBe('3d');
    const hourly = mapShift(rotation({ frequency: 'hourly', interval: 12, duration: 12 * 3600 }), ctx());
    expect(hourly.positions[0].shift).toBe('12h');
  });

  it('business hours: weekly with by_day and 8 hours becomes a Monday-Friday 09:00-17:00 restriction', () => {
    const { positions, notes } = mapShift(rotation({ by_day: ['FR', 'MO', 'TU', 'WE', 'TH'], duration: 28800 }), ctx());
    expect(positions[0]).toEqual({
      start: '2027-03-01T09:00',
      shift: '1w',
      members: ['ann', 'ben', 'cyd'],
      restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
    });
    expect(notes).toEqual([]);
  });

  it('a weekend: Saturday 00:00 for 48 hours is one span a week', () => {
    const { positions } = mapShift(rotation({ start: '2027-03-06T00:00:00', by_day: ['SA'], duration: 172800 }), ctx());
    expect(positions[0].restrictions).toEqual([{ from: 'sat 00:00', to: 'mon 00:00' }]);
  });

  it('a night shift: daily 22:00 for 10 hours runs overnight', () => {
    const { positions } = mapShift(rotation({ frequency: 'daily', start: '2027-03-01T22:00:00', duration: 36000 }), ctx());
    expect(positions[0]).toMatchObject({ shift: '1d', restrictions: [{ from: '22:00', to: '08:00' }] });
  });

  it('a weekly 3-day shift without by_day: one span from its weekday', () => {
    const { positions } = mapShift(rotation({ start: '2027-03-03T09:00:00', duration: 3 * 86400 }), ctx());
    expect(positions[0].restrictions).toEqual([{ from: 'wed 09:00', to: 'sat 09:00' }]);
  });

  it('daily with by_day hands over on listed days only: a weekday RRULE, the start moved to the first listed day', () => {
    const shift = rotation({ frequency: 'daily', start: '2027-03-06T09:00:00', by_day: ['MO', 'TU', 'WE', 'TH', 'FR'], duration: 28800 });
    const { positions } = mapShift(shift, ctx());
    expect(positions[0]).toMatchObject({
      start: '2027-03-08T09:00',
      handoffs: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0',
      restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
    });
    expect(positions[0].shift).toBeUndefined();
    // oncall accepts it as written: the start is one of the rule's handoffs.
    expect(checkHandoffRule(positions[0].handoffs!, positions[0].start)).toBeUndefined();
  });

  it('a shift in another zone than the schedule is converted at its start, with a note', () => {
    const { positions, notes } = mapShift(rotation({ time_zone: 'America/New_York' }), ctx({ shiftZone: 'America/New_York' }));
    // 09:00 in New York on 1 March 2027 (UTC-5) is 15:00 in Berlin (UTC+1).
    expect(positions[0].start).toBe('2027-03-01T15:00');
    expect(notes.join('\n')).toMatch(/in America\/New_York while the schedule is in Europe\/Berlin/);
  });

  it('what cannot be restricted exactly is said: a 12-hour shift every 2 days, monthly turns, by_monthday', () => {
    expect(mapShift(rotation({ frequency: 'daily', interval: 2, duration: 43200 }), ctx()).notes.join('\n')).toMatch(/covers 720 min of each 2d turn/);
    const monthly = mapShift(rotation({ frequency: 'monthly', duration: 30 * 86400 }), ctx());
    expect(monthly.positions[0].shift).toBe('1mo');
    expect(monthly.notes.join('\n')).toMatch(/monthly turns/);
    expect(mapShift(rotation({ by_monthday: [1] }), ctx()).notes.join('\n')).toMatch(/by_month/);
  });

  it('an edited rotation (rotation_start after start) starts at its first rendered turn, with the groups turned to match', () => {
    // Turns are counted on the grid from start: 1 Mar ann, 8 Mar ben, 15 Mar cyd, 22 Mar ann.
    const edited = rotation({ rotation_start: '2027-03-10T12:00:00' });
    // An API/Terraform shift renders turns starting at or after rotation_start: 15 Mar, cyd's.
    expect(mapShift(edited, ctx()).positions[0]).toMatchObject({ start: '2027-03-15T09:00', members: ['cyd', 'ann', 'ben'] });
    // A web schedule renders the turn still running at rotation_start: 8 Mar, ben's.
    expect(mapShift(edited, ctx({ web: true })).positions[0]).toMatchObject({ start: '2027-03-08T09:00', members: ['ben', 'cyd', 'ann'] });
    const monthly = mapShift(rotation({ frequency: 'monthly', start: '2027-01-31T09:00:00', rotation_start: '2027-03-01T00:00:00', duration: 28 * 86400 }), ctx());
    expect(monthly.positions[0]).toMatchObject({ start: '2027-03-31T09:00', shift: '1mo', members: ['cyd', 'ann', 'ben'] });
    const withDays = mapShift(rotation({ by_day: ['MO'], duration: 28800, rotation_start: '2027-03-10T12:00:00' }), ctx());
    expect(withDays.positions[0].start).toBe('2027-03-01T09:00');
    expect(withDays.notes.join('\n')).toMatch(/rotation_start 2027-03-10T12:00:00 differs from start; the turns are counted from start/);
  });

  it('a group of two on call together: one layer per position, shorter groups filled with their own first person, and a note', () => {
    const { positions, notes } = mapShift(rotation({ rolling_users: [['U1', 'U2'], ['U3']] }), ctx());
    expect(positions.map((p) => p.members)).toEqual([
      ['ann', 'cyd'],
      ['ben', 'cyd'],
    ]);
    expect(notes.join('\n')).toMatch(/schedule "S", shift "R" puts 2 people on call together \(ann \+ ben\)/);
  });

  it(`a group larger than ${MAX_TOGETHER} is cut there, with a note`, () => {
    const many = Array.from({ length: 12 }, (_, i) => `M${i}`);
    const { positions, notes } = mapShift(rotation({ rolling_users: [many] }), ctx({ person: (id) => id.toLowerCase() }));
    expect(positions).toHaveLength(MAX_TOGETHER);
    expect(notes).toContain(`schedule "S", shift "R": only the first ${MAX_TOGETHER} people of each group were imported`);
  });

  it('unknown users are a note, never a crash; a rotation of nobody is left out', () => {
    const some = mapShift(rotation({ rolling_users: [['U1'], ['U9']] }), ctx());
    expect(some.positions[0].members).toEqual(['ann']);
    expect(some.notes.join('\n')).toMatch(/user U9 has no e-mail or is not a user/);
    const none = mapShift(rotation({ rolling_users: [['U9']] }), ctx());
    expect(none.positions).toEqual([]);
    expect(none.notes.join('\n')).toMatch(/has nobody oncall can import; left out/);
    expect(mapShift(rotation({ start: 'soon' }), ctx()).notes.join('\n')).toMatch(/is not a date and time/);
  });
});

describe('recurrent and single events', () => {
  it('a recurrent event of one person on listed days', () => {
    const shift = rotation({ type: 'recurrent_event', rolling_users: undefined, users: ['U4'], by_day: ['SA', 'SU'], start: '2027-03-06T10:00:00', duration: 21600 });
    expect(mapShift(shift, ctx()).positions).toEqual([
      { start: '2027-03-06T10:00', shift: '1w', members: ['dan'], restrictions: [{ days: ['sat', 'sun'], from: '10:00', to: '16:00' }] },
    ]);
  });

  it('a single event is a layer that lasts exactly its duration', () => {
    const shift = rotation({ type: 'single_event', rolling_users: undefined, frequency: null, users: ['U2'], start: '2027-03-30T10:00:00', duration: 86400 });
    expect(mapShift(shift, ctx()).positions).toEqual([{ start: '2027-03-30T10:00', end: '2027-03-31T10:00', shift: '1d', members: ['ben'] }]);
  });
});

describe('overrides', () => {
  const override = (over: Partial<GrafanaShift>): GrafanaShift => ({ id: 'OV', name: 'Swap', type: 'override', time_zone: null, start: '2027-03-24T12:00:00', duration: 14400, users: ['U3'], ...over });

  it('in the schedule zone: wall clock from start to start + duration', () => {
    expect(mapOverride(override({}), ctx()).positions).toEqual([{ person: 'cyd', from: '2027-03-24T12:00', to: '2027-03-24T16:00', reason: 'Grafana override Swap' }]);
  });

  it('in another zone: exact instants', () => {
    const { positions } = mapOverride(override({ time_zone: 'America/New_York' }), ctx({ shiftZone: 'America/New_York' }));
    expect(positions[0]).toMatchObject({ from: '2027-03-24T16:00:00Z', to: '2027-03-24T20:00:00Z' });
  });

  it('web overrides list their people in rolling_users; several people are several positions', () => {
    const { positions, notes } = mapOverride(override({ users: undefined, rolling_users: [['U1', 'U2']] }), ctx());
    expect(positions.map((p) => p.person)).toEqual(['ann', 'ben']);
    expect(notes.join('\n')).toMatch(/ann \+ ben on call together/);
  });
});
