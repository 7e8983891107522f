// Problems found in final shifts: gaps, people on call during their time off, and people on
// call in two schedules of one team at once.

import { overlap } from './overlap.js';
import type { Problem, FinalShifts, TimeOffInterval } from './problems.js';
import { continuousShifts, type ContinuousShift } from './continuous-shifts.js';

/** Time nobody holds. */
export function gaps({ schedule, shifts }: FinalShifts): Problem[] {
  return shifts.filter((s) => s.person === null).map((s) => ({ kind: 'gap', schedule: schedule.id, start: s.start, end: s.end }));
}

/** The part of each continuous shift on call that falls in the same person's time off. */
export function timeOffConflicts(shifts: FinalShifts[], timeOff: TimeOffInterval[]): Problem[] {
  return shifts.flatMap(({ schedule, shifts }) =>
    continuousShifts(shifts).flatMap((shift) =>
      timeOff
        .filter((t) => t.person === shift.person)
        .flatMap((t) => {
          const both = overlap(shift, t);
          if (!both) return [];
          const problem: Problem = { kind: 'time-off', schedule: schedule.id, person: shift.person, ...both, timeOff: { start: t.start, end: t.end } };
          return [t.reason ? { ...problem, reason: t.reason } : problem];
        }),
    ),
  );
}

/**
 * The same person on call in two schedules of one team at once. `mine` are the schedules
 * asked about, `all` every schedule of their teams; each pair of schedules is reported once.
 */
export function doubleBookings(mine: FinalShifts[], all: FinalShifts[]): Problem[] {
  const reported = new Set<string>();
  return mine.flatMap((a) =>
    all
      .filter((b) => b.schedule.id !== a.schedule.id && b.schedule.team === a.schedule.team)
      .flatMap((b) => {
        const pair = [a.schedule.id, b.schedule.id].sort().join('|');
        if (reported.has(pair)) return [];
        reported.add(pair);
        return sameTime(continuousShifts(a.shifts), continuousShifts(b.shifts)).map((both) => ({
          kind: 'double-booked' as const,
          schedule: a.schedule.id,
          other: b.schedule.id,
          ...both,
        }));
      }),
  );
}

/**
 * Where one person holds a shift in both lists at once, in the order of `mine`, then of
 * `theirs`. Each list is one schedule's, in order and never overlapping itself, so the two are
 * walked side by side, always past the shift that ends first: comparing each with each took
 * the square of a long window's shifts (a year of hourly handoffs, 76 M pairs).
 */
function sameTime(mine: ContinuousShift[], theirs: ContinuousShift[]): { person: string; start: number; end: number }[] {
  const found: { person: string; start: number; end: number }[] = [];
  for (let i = 0, j = 0; i < mine.length && j < theirs.length; ) {
    const [x, y] = [mine[i], theirs[j]];
    const both = x.person === y.person ? overlap(x, y) : undefined;
    if (both) found.push({ person: x.person, ...both });
    if (x.end <= y.end) i++;
    else j++;
  }
  return found;
}
