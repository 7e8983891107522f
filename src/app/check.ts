// `oncall check`: problems in the rota over the coming days, before they happen.

import type { ScheduleConfig, Window } from '../core/index.js';
import { addDays, wallClockToInstant } from '../core/index.js';
import { timeOffBetween } from '../storage/read-time-off.js';
import type { AppContext } from './context.js';
import { currentConfig } from './current-config.js';
import { finalShifts, overlap, stretches, type ScheduleShifts } from './final-shifts.js';
import { selectSchedules } from './select-schedules.js';

export const PROBLEM_KINDS = ['gap', 'time-off', 'overlapping-overrides', 'double-booked', 'single-member', 'schedule-ends'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface Problem {
  kind: ProblemKind;
  schedule: string;
  start?: number;
  end?: number;
  person?: string;
  /** The other schedule (double-booked) or the layer (single-member). */
  other?: string;
  layer?: string;
  reason?: string;
}

export interface CheckResult {
  window: Window;
  schedules: string[];
  problems: Problem[];
}

export async function checkRota(ctx: AppContext, options: { days: number; scheduleIds?: string[]; ignore?: ProblemKind[] }): Promise<CheckResult> {
  const store = await ctx.db();
  const window = { start: ctx.now, end: addDays(ctx.now, options.days, ctx.zone) };
  const config = await currentConfig(ctx);
  const disabled = new Set(config.schedules.filter((s) => s.disabled).map((s) => s.id));
  const chosen = selectSchedules(store, { scheduleIds: options.scheduleIds, aliveAt: ctx.now }).filter((s) => !disabled.has(s.id));
  // Double bookings need the team's other schedules even when only one was asked about.
  const teams = new Set(chosen.map((s) => s.team));
  const teamSchedules = selectSchedules(store, { aliveAt: ctx.now }).filter((s) => teams.has(s.team) && !disabled.has(s.id));
  const shifts = finalShifts(store, teamSchedules, window);
  const mine = shifts.filter((s) => chosen.some((c) => c.id === s.schedule.id));

  const definitions = config.schedules.filter((s) => chosen.some((c) => c.id === s.id));
  const problems = [
    ...mine.flatMap(gaps),
    ...timeOffConflicts(mine, timeOffBetween(store, window.start, window.end)),
    ...overlappingOverrides(definitions, window),
    ...doubleBookings(mine, shifts),
    ...singleMembers(definitions, window),
    ...endingSchedules(definitions, window),
  ].filter((p) => !options.ignore?.includes(p.kind));
  problems.sort((a, b) => (a.start ?? window.start) - (b.start ?? window.start) || a.schedule.localeCompare(b.schedule));
  return { window, schedules: chosen.map((s) => s.id), problems };
}

function gaps({ schedule, segments }: ScheduleShifts): Problem[] {
  return segments.filter((s) => s.person === null).map((s) => ({ kind: 'gap', schedule: schedule.id, start: s.start, end: s.end }));
}

function timeOffConflicts(shifts: ScheduleShifts[], timeOff: ReturnType<typeof timeOffBetween>): Problem[] {
  return shifts.flatMap(({ schedule, segments }) =>
    stretches(segments).flatMap((shift) =>
      timeOff
        .filter((t) => t.person === shift.person)
        .flatMap((t) => {
          const both = overlap(shift, { start: t.start, end: t.end });
          return both ? [{ kind: 'time-off' as const, schedule: schedule.id, person: shift.person, ...both, ...(t.reason && { reason: t.reason }) }] : [];
        }),
    ),
  );
}

function overlappingOverrides(definitions: ScheduleConfig[], window: Window): Problem[] {
  return definitions.flatMap((s) =>
    s.overrides.flatMap((a, i) =>
      s.overrides.slice(i + 1).flatMap((b) => {
        const both = overlap({ start: a.from, end: a.to }, { start: b.from, end: b.to });
        const seen = both && overlap(both, window);
        return seen ? [{ kind: 'overlapping-overrides' as const, schedule: s.id, ...seen, person: a.person, other: b.person }] : [];
      }),
    ),
  );
}

/** The same person on call in two schedules of one team at once. */
function doubleBookings(mine: ScheduleShifts[], all: ScheduleShifts[]): Problem[] {
  const reported = new Set<string>();
  return mine.flatMap((a) =>
    all
      .filter((b) => b.schedule.id !== a.schedule.id && b.schedule.team === a.schedule.team)
      .flatMap((b) => {
        const pair = [a.schedule.id, b.schedule.id].sort().join('|');
        if (reported.has(pair)) return [];
        reported.add(pair);
        const theirs = stretches(b.segments);
        return stretches(a.segments).flatMap((x) =>
          theirs.flatMap((y) => {
            const both = x.person === y.person ? overlap(x, y) : undefined;
            return both ? [{ kind: 'double-booked' as const, schedule: a.schedule.id, other: b.schedule.id, person: x.person, ...both }] : [];
          }),
        );
      }),
  );
}

/** Layers that still rotate in the window with one member: no one to swap with. */
function singleMembers(definitions: ScheduleConfig[], window: Window): Problem[] {
  return definitions.flatMap((s) =>
    s.layers
      .filter((l) => !l.disabled && l.members.length === 1 && (l.end === undefined || wallClockToInstant(l.end, s.timezone) > window.start))
      .map((l) => ({ kind: 'single-member' as const, schedule: s.id, layer: l.id, person: l.members[0] })),
  );
}

/** Schedules whose every layer has ended by the end of the window. */
function endingSchedules(definitions: ScheduleConfig[], window: Window): Problem[] {
  return definitions.flatMap((s) => {
    const active = s.layers.filter((l) => !l.disabled);
    if (active.length === 0 || active.some((l) => l.end === undefined)) return [];
    const last = Math.max(...active.map((l) => wallClockToInstant(l.end!, s.timezone)));
    return last > window.start && last <= window.end ? [{ kind: 'schedule-ends' as const, schedule: s.id, start: last }] : [];
  });
}
