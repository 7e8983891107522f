// One Opsgenie rotation as an oncall layer, and which rotations of a schedule can share one
// oncall schedule. Opsgenie puts the people of *every* rotation of a schedule on call at the
// same time, without precedence; oncall's schedule has one person at a time. Rotations whose
// hours never meet (business hours and nights, the three shifts of a follow-the-sun) are
// layers of one schedule, exactly; rotations that can meet go to separate schedules.

import { formatClock, formatWallClock, toFloating } from '../core/index.js';
import type { ImportedLayer } from './types.js';
import type { OgRecipient, OgRotation, OgTimeOfDay, OgTimeRestriction, OgWeekdayTime } from './opsgenie-api.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
/** Opsgenie's rotation types and oncall's shift units; `length` counts them (default 1). */
const UNITS: Record<string, { unit: string; max: number }> = {
  hourly: { unit: 'h', max: 8784 },
  daily: { unit: 'd', max: 366 },
  weekly: { unit: 'w', max: 52 },
};

/** An instant from Opsgenie ("2027-01-04T08:00:00Z") as wall clock in the schedule's zone. */
export function wallClockIn(iso: string, zone: string): string {
  return formatWallClock(toFloating(Date.parse(iso), zone));
}

const clock = (hour: number, minute: number) => formatClock(hour * 60 + minute);
const dayIndex = (day: unknown) => (typeof day === 'string' ? DAYS.indexOf(day.toLowerCase()) : -1);
const hour = (h: unknown) => Number.isInteger(h) && (h as number) >= 0 && (h as number) <= 23;
const minute = (m: unknown) => Number.isInteger(m) && (m as number) >= 0 && (m as number) <= 59;
/** Hours 0-23 and minutes 0-59 at both ends (anything else is a shape oncall does not read). */
const clocksOk = (r: OgTimeOfDay | undefined) => !!r && hour(r.startHour) && minute(r.startMin) && hour(r.endHour) && minute(r.endMin);

/** `shift:` of a rotation, or a reason it has none. */
export function shiftOf(rotation: OgRotation): { shift: string } | { problem: string } {
  const unit = UNITS[rotation.type];
  const length = rotation.length ?? 1;
  if (!unit) return { problem: `its type "${rotation.type}" is not hourly, daily or weekly` };
  if (!Number.isInteger(length) || length < 1 || length > unit.max) return { problem: `its length ${length} ${rotation.type} is outside what oncall rotates (1 to ${unit.max})` };
  return { shift: `${length}${unit.unit}` };
}

/**
 * oncall restrictions for an Opsgenie time restriction, in the schedule's zone (both read
 * restrictions as wall clock there). Same-day windows with the same hours become one entry
 * listing its days; a window running into another day is one weekly span ("fri 17:00" →
 * "mon 09:00"). Undefined when the restriction has a shape oncall does not know.
 */
export function restrictionsOf(tr: OgTimeRestriction | undefined): ImportedLayer['restrictions'] | undefined | 'unknown' {
  if (!tr) return undefined;
  if (tr.type === 'time-of-day') {
    const r = tr.restriction;
    if (!clocksOk(r)) return 'unknown';
    return [{ from: clock(r.startHour, r.startMin), to: clock(r.endHour, r.endMin) }];
  }
  if (tr.type !== 'weekday-and-time-of-day' || !Array.isArray(tr.restrictions) || tr.restrictions.length === 0) return 'unknown';
  const sameDay = new Map<string, number[]>();
  const result: NonNullable<ImportedLayer['restrictions']> = [];
  for (const r of tr.restrictions) {
    const [start, end] = [dayIndex(r.startDay), dayIndex(r.endDay)];
    if (start < 0 || end < 0 || !clocksOk(r)) return 'unknown';
    const [from, to] = [clock(r.startHour, r.startMin), clock(r.endHour, r.endMin)];
    if (start === end && from < to) {
      const key = `${from}-${to}`;
      sameDay.set(key, [...(sameDay.get(key) ?? []), start]);
    } else {
      result.push({ from: `${DAYS[start].slice(0, 3)} ${from}`, to: `${DAYS[end].slice(0, 3)} ${to}` });
    }
  }
  const daily = [...sameDay].map(([key, days]) => {
    const [from, to] = key.split('-');
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    return { ...(sorted.length < 7 && { days: sorted.map((d) => DAYS[d].slice(0, 3)) }), from, to };
  });
  return [...daily, ...result];
}

/**
 * The minutes of a week (Monday 00:00 = 0, wall clock in the schedule's zone) in which the
 * rotation may have someone on call. Used only to tell whether two rotations can meet.
 */
export function weekMinutes(tr: OgTimeRestriction | undefined): Uint8Array {
  const week = new Uint8Array(MINUTES_PER_WEEK);
  const mark = (from: number, length: number) => {
    for (let m = 0; m < length; m++) week[(from + m) % MINUTES_PER_WEEK] = 1;
  };
  if (!tr) return week.fill(1);
  if (tr.type === 'time-of-day') {
    const r = tr.restriction;
    const [from, to] = [r.startHour * 60 + r.startMin, r.endHour * 60 + r.endMin];
    const length = to > from ? to - from : to + MINUTES_PER_DAY - from;
    for (let day = 0; day < 7; day++) mark(day * MINUTES_PER_DAY + from, length);
    return week;
  }
  for (const r of (tr as { restrictions?: OgWeekdayTime[] }).restrictions ?? []) {
    const from = dayIndex(r.startDay) * MINUTES_PER_DAY + r.startHour * 60 + r.startMin;
    const to = dayIndex(r.endDay) * MINUTES_PER_DAY + r.endHour * 60 + r.endMin;
    mark(from, to > from ? to - from : to + MINUTES_PER_WEEK - from);
  }
  return week;
}

/** Whether two rotations can have someone on call at the same instant. */
export function canMeet(a: OgRotation, b: OgRotation): boolean {
  const [aStart, bStart] = [Date.parse(a.startDate), Date.parse(b.startDate)];
  const [aEnd, bEnd] = [a.endDate ? Date.parse(a.endDate) : Infinity, b.endDate ? Date.parse(b.endDate) : Infinity];
  if (aEnd <= bStart || bEnd <= aStart) return false;
  const [wa, wb] = [weekMinutes(a.timeRestriction), weekMinutes(b.timeRestriction)];
  return wa.some((on, m) => on === 1 && wb[m] === 1);
}

/**
 * Rotations in groups that never meet, in Opsgenie's order: each rotation joins the first
 * group none of whose rotations it can meet. One group is one oncall schedule.
 */
export function groupsThatNeverMeet<T extends { rotation: OgRotation }>(rotations: T[]): T[][] {
  const groups: T[][] = [];
  for (const item of rotations) {
    const group = groups.find((g) => g.every((other) => !canMeet(other.rotation, item.rotation)));
    if (group) group.push(item);
    else groups.push([item]);
  }
  return groups;
}

/** What a participant is, for members and for reading the vendor's timeline. */
export type Participant = { person: string } | { label: string | null; why: string };

/**
 * Layer members for a rotation's participants. oncall's members are people; a slot of a
 * team, an escalation, "none" or an unknown user cannot be one. Such a slot goes to the
 * person before it in the rotation, so that everyone else's turns stay where Opsgenie has
 * them; the caller notes each one. Undefined when no participant is a person.
 */
export function membersOf(participants: OgRecipient[], resolve: (r: OgRecipient) => Participant): { members: string[]; filled: { slot: number; why: string }[] } | undefined {
  const resolved = participants.map(resolve);
  const people = resolved.map((p) => ('person' in p ? p.person : undefined));
  const last = people.filter((p) => p !== undefined).pop();
  if (last === undefined) return undefined;
  let previous = last;
  const members: string[] = [];
  const filled: { slot: number; why: string }[] = [];
  resolved.forEach((p, slot) => {
    if ('person' in p) previous = p.person;
    else filled.push({ slot, why: p.why });
    members.push(previous);
  });
  return { members, filled };
}
