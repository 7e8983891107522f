// What `oncall check` reports: the kinds of problem in a rota, and one problem's shape.

import type { Instant, Shift, Window } from './types.js';

export const PROBLEM_KINDS = ['gap', 'time-off', 'overlapping-overrides', 'double-booked', 'single-member', 'schedule-ends', 'no-effect'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export function isProblemKind(text: string): text is ProblemKind {
  return (PROBLEM_KINDS as readonly string[]).includes(text);
}

export interface Problem {
  kind: ProblemKind;
  schedule: string;
  start?: Instant;
  end?: Instant;
  person?: string;
  /**
   * The other schedule (double-booked), the other override's person (overlapping-overrides)
   * or the person an override replaces (no-effect).
   */
  other?: string;
  layer?: string;
  reason?: string;
  /** On time-off problems: the whole time off, of which start…end is the part on call. */
  timeOff?: Window;
}

/** One schedule's final shifts over the window being checked. */
export interface FinalShifts {
  schedule: { id: string; team: string };
  shifts: Shift[];
}

/** Time off as the detectors see it. */
export interface TimeOffInterval {
  person: string;
  start: Instant;
  end: Instant;
  reason?: string | null;
}

/** By start (problems without one count as the window's start), then by schedule. */
export function sortProblems(problems: Problem[], window: Window): Problem[] {
  return [...problems].sort((a, b) => (a.start ?? window.start) - (b.start ?? window.start) || a.schedule.localeCompare(b.schedule));
}
