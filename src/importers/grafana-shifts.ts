// One Grafana OnCall shift as oncall layers or overrides. Grafana gives a shift a wall-clock
// `start` in its zone, a `duration` in seconds and an iCal-like recurrence (`frequency`,
// `interval`, `by_day`, `week_start`); `rolling_users` groups take turns, one turn per
// recurrence period. oncall layers are rotations with optional restriction windows, so a
// shift maps exactly when its occurrences are "one window per day or week inside each turn";
// anything else is mapped as closely as the model allows and said in a note.
//
// A group of several people is on call together; oncall has one person per schedule at a
// time, so position p of every group goes to its own layer ("positions"): the caller puts
// position 0 in the schedule itself and the others in extra schedules.

import { addMonths, DAY_MS, formatWallClock, fromFloating, HOUR_MS, isoUtc, MINUTE_MS, parseWallClock, toFloating, WEEK_MS } from '../core/index.js';
import type { GrafanaShift, IcalDay } from './grafana-api.js';
import type { ImportedLayer, ImportedOverride } from './types.js';

export type LayerBody = Omit<ImportedLayer, 'id'>;

export interface MappedShift {
  /** Layer p holds the p-th person of every group (a group without one: its first person). */
  positions: LayerBody[];
  notes: string[];
}

export interface ShiftContext {
  /** How notes name the shift: `schedule "X", shift "Y"`. */
  label: string;
  /** The zone the shift's wall clock is read in, and the oncall schedule's zone. */
  shiftZone: string;
  scheduleZone: string;
  person: (userId: string) => string | undefined;
  /** A schedule made in Grafana's UI (type `web`): its rotations render turns still running at rotation_start. */
  web?: boolean;
  /** How notes name a user id: `gus (U7)`. */
  userLabel: (userId: string) => string;
}

/** At most this many people on call together (each position is a schedule of its own). */
export const MAX_TOGETHER = 10;

const ICAL_DAYS: IcalDay[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const ONCALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const UNIT = { hourly: 'h', daily: 'd', weekly: 'w', monthly: 'mo' } as const;
const UNIT_MS = { hourly: HOUR_MS, daily: DAY_MS, weekly: WEEK_MS } as const;
const MAX_INTERVAL = { hourly: 8784, daily: 366, weekly: 52, monthly: 12 } as const;

/** The shift's start as floating wall-clock ms in the schedule's zone (converted at the start when the zones differ). */
export function startIn(shift: GrafanaShift, ctx: ShiftContext, text = shift.start): number | undefined {
  const floating = parseWallClock(text);
  return floating === undefined ? undefined : inScheduleZone(floating, ctx);
}

function inScheduleZone(floating: number, ctx: ShiftContext): number {
  if (ctx.shiftZone === ctx.scheduleZone) return floating;
  return toFloating(fromFloating(floating, ctx.shiftZone), ctx.scheduleZone);
}

/**
 * A rotation edited in Grafana keeps its `start` (the grid its turns are counted on) and gets
 * a later `rotation_start`: turns before it are not rendered, and turn k still belongs to
 * group k mod n. oncall's layer starts at its first rendered turn instead, with the groups
 * rotated to match. The first rendered turn is the first starting at or after rotation_start,
 * or on a web schedule the first still running then. Undefined: not a plain period (by_day).
 */
function firstRenderedTurn(shift: GrafanaShift, ctx: ShiftContext, durationMs: number): { turn: number; start: number } | undefined {
  const start = parseWallClock(shift.start);
  const from = shift.rotation_start ? parseWallClock(shift.rotation_start) : undefined;
  if (start === undefined || from === undefined || from <= start) return { turn: 0, start: start ?? 0 };
  if (shift.by_day?.length || !shift.frequency) return undefined;
  const interval = Math.max(1, Math.floor(shift.interval ?? 1));
  const rendered = (turnStart: number) => (ctx.web ? turnStart + durationMs > from : turnStart >= from);
  if (shift.frequency === 'monthly') {
    const day = new Date(start).getUTCDate();
    // Bounded: 1200 turns of at least a month is a century.
    for (let turn = 0; turn < 1200; turn++) {
      const at = addMonths(start, turn * interval, day);
      if (rendered(at)) return { turn, start: at };
    }
    return undefined;
  }
  const period = interval * UNIT_MS[shift.frequency];
  const guess = Math.max(0, Math.floor((from - start - (ctx.web ? durationMs : 0)) / period));
  for (let turn = guess; turn < guess + 3; turn++) if (rendered(start + turn * period)) return { turn, start: start + turn * period };
  return undefined;
}

/**
 * Where a rotation with `until` stops covering, in the shift's zone. `until` bounds when turns
 * may start (RRULE UNTIL); a turn that started before it runs its whole length. For a plain
 * period that is the first handoff at or after `until`; with by_day each listed day is an
 * occurrence of its own, so `until` itself is kept (undefined).
 */
function lastTurnEnd(shift: GrafanaShift): number | undefined {
  const start = parseWallClock(shift.start);
  const until = shift.until ? parseWallClock(shift.until) : undefined;
  if (start === undefined || until === undefined || until <= start || !shift.frequency || shift.by_day?.length) return undefined;
  const interval = Math.max(1, Math.floor(shift.interval ?? 1));
  if (shift.frequency === 'monthly') {
    const day = new Date(start).getUTCDate();
    for (let turn = 1; turn <= 1200; turn++) {
      const at = addMonths(start, turn * interval, day);
      if (at >= until) return at;
    }
    return undefined;
  }
  const period = interval * UNIT_MS[shift.frequency];
  return start + Math.ceil((until - start) / period) * period;
}

/** The groups of people a shift puts on call, unknown users dropped (with a note). */
export function shiftGroups(shift: GrafanaShift, ctx: ShiftContext, notes: string[]): string[][] {
  let groups: string[][];
  if (shift.type === 'rolling_users') {
    const all = (shift.rolling_users ?? []).filter(Array.isArray);
    const from = Math.min(Math.max(0, shift.start_rotation_from_user_index ?? 0), Math.max(0, all.length - 1));
    groups = [...all.slice(from), ...all.slice(0, from)];
  } else {
    groups = [shift.users ?? (shift.rolling_users ?? []).flat()];
  }
  const mapped: string[][] = [];
  for (const group of groups) {
    const people: string[] = [];
    for (const user of group) {
      const person = ctx.person(user);
      if (person === undefined) notes.push(`${ctx.label}: ${ctx.userLabel(user)} has no e-mail or is not a user; left out`);
      else if (!people.includes(person)) people.push(person);
    }
    if (people.length > 0) mapped.push(people);
    else if (shift.type === 'rolling_users' && groups.length > 1) notes.push(`${ctx.label}: a turn with nobody oncall can import was dropped, so the turns after it come earlier`);
  }
  return mapped;
}

/** A rotation, recurring event or single event: layers, one per group position. */
export function mapShift(shift: GrafanaShift, ctx: ShiftContext): MappedShift {
  const notes: string[] = [];
  const start = startIn(shift, ctx);
  if (start === undefined) return { positions: [], notes: [`${ctx.label}: start "${shift.start}" is not a date and time; left out`] };
  if (ctx.shiftZone !== ctx.scheduleZone) {
    notes.push(`${ctx.label} is in ${ctx.shiftZone} while the schedule is in ${ctx.scheduleZone}: its times were converted at its start and move by an hour where the two zones change clocks on different dates`);
  }
  const groups = shiftGroups(shift, ctx, notes);
  if (groups.length === 0) return { positions: [], notes: [...notes, `${ctx.label} has nobody oncall can import; left out`] };
  const durationMs = Math.floor(Math.max(0, shift.duration) / 60) * MINUTE_MS;
  if (shift.duration % 60 !== 0) notes.push(`${ctx.label}: duration ${shift.duration} s rounded down to whole minutes`);
  if (durationMs === 0) return { positions: [], notes: [...notes, `${ctx.label} lasts no time; left out`] };
  let first = start;
  if (shift.type === 'rolling_users' && shift.rotation_start && shift.rotation_start !== shift.start) {
    const rendered = firstRenderedTurn(shift, ctx, durationMs);
    if (rendered) {
      first = inScheduleZone(rendered.start, ctx);
      const k = rendered.turn % groups.length;
      groups.push(...groups.splice(0, k));
    } else {
      notes.push(`${ctx.label}: rotation_start ${shift.rotation_start} differs from start; the turns are counted from start`);
    }
  }
  const startMinute = Math.floor(first / MINUTE_MS) * MINUTE_MS;
  if (startMinute !== first) notes.push(`${ctx.label}: start rounded down to the minute`);

  const body: LayerBody = { start: formatWallClock(startMinute), members: [] };
  if (shift.until) {
    const until = lastTurnEnd(shift) ?? parseWallClock(shift.until);
    if (until !== undefined) body.end = formatWallClock(Math.floor(inScheduleZone(until, ctx) / MINUTE_MS) * MINUTE_MS);
  }

  if (shift.type === 'single_event' || !shift.frequency) {
    // One occurrence: a layer that exists for exactly [start, start + duration).
    body.shift = '1d';
    body.end = formatWallClock(startMinute + durationMs);
  } else {
    Object.assign(body, recurrence(shift, startMinute, durationMs, ctx, notes));
  }

  const size = Math.min(MAX_TOGETHER, Math.max(...groups.map((g) => g.length)));
  if (groups.some((g) => g.length > MAX_TOGETHER)) notes.push(`${ctx.label}: only the first ${MAX_TOGETHER} people of each group were imported`);
  if (size > 1) {
    notes.push(
      `${ctx.label} puts ${size} people on call together (${groups.filter((g) => g.length > 1).map((g) => g.join(' + ')).join('; ')}); ` +
        `oncall has one person per schedule at a time, so person 1 of each group is in the schedule and person 2${size > 2 ? '…' + size : ''} in a schedule of its own, without the layers and overrides above this shift`,
    );
  }
  const positions: LayerBody[] = [];
  for (let p = 0; p < size; p++) positions.push({ ...body, members: groups.map((g) => g[p] ?? g[0]) });
  return { positions, notes };
}

/** shift/handoffs and restrictions for a recurring shift. */
function recurrence(shift: GrafanaShift, start: number, durationMs: number, ctx: ShiftContext, notes: string[]): Partial<LayerBody> {
  const frequency = shift.frequency!;
  let interval = Math.max(1, Math.floor(shift.interval ?? 1));
  if (interval > MAX_INTERVAL[frequency]) {
    notes.push(`${ctx.label}: interval ${interval} is longer than oncall's longest rotation; capped at ${MAX_INTERVAL[frequency]}`);
    interval = MAX_INTERVAL[frequency];
  }
  const period = `${interval}${UNIT[frequency]}`;
  if (shift.by_month?.length || shift.by_monthday?.length) {
    notes.push(`${ctx.label}: by_month/by_monthday (only some months or days of the month) cannot be written as an oncall rotation; the shift was imported for every month`);
  }
  const days = (shift.by_day ?? []).filter((d) => ICAL_DAYS.includes(d));
  const time = start - Math.floor(start / DAY_MS) * DAY_MS;
  const startDay = ICAL_DAYS[(new Date(start).getUTCDay() + 6) % 7];

  if (frequency === 'monthly') {
    if (days.length > 0) notes.push(`${ctx.label}: by_day on a monthly rotation is not imported`);
    notes.push(`${ctx.label}: monthly turns last ${shift.duration} s in Grafana and a calendar month in oncall; compare the handoffs`);
    return { shift: period };
  }
  const periodMs = interval * UNIT_MS[frequency];

  if (days.length === 0) {
    if (durationMs === periodMs) return { shift: period };
    if (durationMs > periodMs) {
      notes.push(`${ctx.label}: each turn lasts longer than the rotation period, so turns overlap in Grafana; oncall hands over at the next turn`);
      return { shift: period };
    }
    if (interval === 1 && frequency === 'daily') return { shift: period, restrictions: window([], time, durationMs) };
    if (interval === 1 && frequency === 'weekly') return { shift: period, restrictions: window([startDay], time, durationMs) };
    notes.push(`${ctx.label}: covers ${durationMs / MINUTE_MS} min of each ${period} turn, which oncall cannot restrict to; imported as covering whole turns`);
    return { shift: period };
  }

  if (durationMs >= WEEK_MS) notes.push(`${ctx.label}: occurrences a week long or longer overlap; imported without day limits`);
  const restrictions = durationMs >= WEEK_MS ? undefined : window(days, time, durationMs);
  if (frequency === 'weekly') {
    if (interval > 1 && shift.type === 'rolling_users') {
      notes.push(`${ctx.label}: Grafana covers the listed days in the first week of each ${interval}-week turn only; oncall covers them every week of the turn`);
    }
    if (interval > 1 && shift.type !== 'rolling_users') {
      notes.push(`${ctx.label}: Grafana repeats it every ${interval} weeks; oncall every week`);
    }
    const ordered = weekOrder(days, shift.week_start ?? 'SU');
    if (shift.type === 'rolling_users' && ordered[0] !== startDay) {
      notes.push(`${ctx.label}: the rotation starts on ${startDay}, not on its first day of the week (${ordered[0]}); turns in oncall run from ${startDay} to ${startDay}`);
    }
    return { shift: period, restrictions };
  }
  if (frequency === 'daily') {
    // Grafana hands a daily rotation with by_day over on each listed day only (skipping the others).
    if (interval > 1) notes.push(`${ctx.label}: turns of ${interval} listed days are imported as turns of one listed day`);
    if (!days.includes(startDay)) notes.push(`${ctx.label}: starts on a day it does not list`);
    const clock = new Date(start);
    const rule = `FREQ=WEEKLY;BYDAY=${weekOrder(days, 'MO').join(',')};BYHOUR=${clock.getUTCHours()};BYMINUTE=${clock.getUTCMinutes()}`;
    return { handoffs: rule, start: formatWallClock(firstListedDay(start, days)), restrictions };
  }
  notes.push(`${ctx.label}: by_day on an hourly rotation is not imported`);
  return { shift: period };
}

/** One restriction per listed day (or every day when none is listed) for [time, time + duration). */
function window(days: IcalDay[], time: number, durationMs: number): NonNullable<LayerBody['restrictions']> {
  const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  const from = clock(time);
  const to = clock((time + durationMs) % DAY_MS);
  if (durationMs <= DAY_MS) {
    return [days.length === 0 ? { from, to } : { days: weekOrder(days, 'MO').map(oncallDay), from, to }];
  }
  // Longer than a day: one span a week per listed day ("sat 00:00" to "mon 00:00").
  return weekOrder(days, 'MO').map((day) => {
    const index = ICAL_DAYS.indexOf(day);
    const endDay = ICAL_DAYS[(index + Math.floor((time + durationMs) / DAY_MS)) % 7];
    return { from: `${oncallDay(day)} ${from}`, to: `${oncallDay(endDay)} ${to}` };
  });
}

const oncallDay = (day: IcalDay) => ONCALL_DAYS[ICAL_DAYS.indexOf(day)];

/** Days sorted from `first` on. */
function weekOrder(days: IcalDay[], first: IcalDay): IcalDay[] {
  const base = ICAL_DAYS.indexOf(first);
  return [...new Set(days)].sort((a, b) => ((ICAL_DAYS.indexOf(a) - base + 7) % 7) - ((ICAL_DAYS.indexOf(b) - base + 7) % 7));
}

/** The start moved to the first listed day on or after it, as Grafana does. */
function firstListedDay(start: number, days: IcalDay[]): number {
  for (let k = 0; k < 7; k++) {
    const at = start + k * DAY_MS;
    if (days.includes(ICAL_DAYS[(new Date(at).getUTCDay() + 6) % 7])) return at;
  }
  return start;
}

/** An override shift: one override per position, from start to start + duration in the shift's zone. */
export function mapOverride(shift: GrafanaShift, ctx: ShiftContext): { positions: ImportedOverride[]; notes: string[] } {
  const notes: string[] = [];
  const floating = parseWallClock(shift.start);
  if (floating === undefined) return { positions: [], notes: [`${ctx.label}: start "${shift.start}" is not a date and time; left out`] };
  const everyone = shiftGroups({ ...shift, type: 'override' }, ctx, notes).flat();
  const people = everyone.slice(0, MAX_TOGETHER);
  if (everyone.length > MAX_TOGETHER) notes.push(`${ctx.label}: only the first ${MAX_TOGETHER} people of the override were imported`);
  if (people.length === 0) return { positions: [], notes: [...notes, `${ctx.label}: an override with nobody oncall can import; left out`] };
  const end = floating + Math.max(0, shift.duration) * 1000;
  // Same zone: wall clocks, as the vendor wrote them; otherwise exact instants.
  const at = (wall: number) => (ctx.shiftZone === ctx.scheduleZone ? formatWallClock(wall) : isoUtc(fromFloating(wall, ctx.shiftZone)));
  const reason = shift.name ? `Grafana override ${shift.name}` : 'Grafana override';
  if (people.length > 1) notes.push(`${ctx.label}: the override puts ${people.join(' + ')} on call together; person 2 and after are overrides on the extra schedules`);
  return { positions: people.map((person) => ({ person, from: at(floating), to: at(end), reason })), notes };
}
