// Every problem `oncall check` looks for, over one window, from values loaded beforehand.

import type { ScheduleConfig } from './config.js';
import { endingSchedules, overlappingOverrides, singleMembers } from './definition-problems.js';
import { sortProblems, type Problem, type ProblemKind, type FinalShifts, type TimeOffInterval } from './problems.js';
import { doubleBookings, gaps, timeOffConflicts } from './shift-problems.js';
import type { Window } from './types.js';

export interface RotaState {
  window: Window;
  /** Final shifts of the schedules being checked. */
  mine: FinalShifts[];
  /** Final shifts of every schedule of their teams (for double bookings). */
  team: FinalShifts[];
  /** Definitions of the schedules being checked. */
  definitions: ScheduleConfig[];
  timeOff: TimeOffInterval[];
  /** Overrides that change nothing (kind 'no-effect'), found beforehand from the stored rows. */
  noEffect?: Problem[];
}

export function rotaProblems(state: RotaState, ignore: ProblemKind[] = []): Problem[] {
  const { window, mine, definitions } = state;
  const problems = [
    ...mine.flatMap(gaps),
    ...timeOffConflicts(mine, state.timeOff),
    ...overlappingOverrides(definitions, window),
    ...doubleBookings(mine, state.team),
    ...singleMembers(definitions, window),
    ...endingSchedules(definitions, window),
    ...(state.noEffect ?? []),
  ].filter((p) => !ignore.includes(p.kind));
  return sortProblems(problems, window);
}
