// Who could cover a window of a schedule. Candidates are the team; people on time off or on
// call elsewhere then are ruled out; the rest are ranked by how much they carried lately,
// nights and weekends breaking ties.

import { overlap } from './overlap.js';
import type { FinalShifts, TimeOffInterval } from './problems.js';
import { byCodePoint } from './by-code-point.js';
import { continuousShifts } from './continuous-shifts.js';
import type { Window } from './types.js';
import { HOUR_MS } from './wall-clock.js';

export interface Candidate {
  person: string;
  /** Milliseconds on call lately, and of those at night or at weekends. */
  recent: number;
  nightsAndWeekends: number;
}

export interface Ruled {
  person: string;
  why: 'time-off' | 'on-call-elsewhere' | 'on-call-here';
  schedule?: string;
  start: number;
  end: number;
  reason?: string;
}

export interface CoverState {
  /** The schedule to cover, and its final shifts over the window. */
  here: FinalShifts;
  window: Window;
  /** The person being covered, if any: only their own continuous shifts need someone. */
  covering?: string;
  /** Who may be asked: the team, without the person being covered. */
  team: string[];
  /** Final shifts of every schedule over the window (this one included). */
  shifts: FinalShifts[];
  timeOff: TimeOffInterval[];
  /** What each person carried lately, in milliseconds. */
  carried: Map<string, { total: number; nightsAndWeekends: number }>;
}

export interface CoverRanking {
  candidates: Candidate[];
  ruledOut: Ruled[];
  /** The team's mean of `carried` totals. */
  teamAverage: number;
}

/** Everyone on call in the shifts, in order of first appearance. */
export function holdersOf(shifts: FinalShifts['shifts']): string[] {
  return [...new Set(continuousShifts(shifts).map((s) => s.person))];
}

export function rankCover(state: CoverState): CoverRanking {
  const { here, window, covering, team } = state;
  const ruledOut: Ruled[] = [];
  for (const t of state.timeOff) {
    if (team.includes(t.person)) ruledOut.push({ person: t.person, why: 'time-off', start: t.start, end: t.end, ...(t.reason && { reason: t.reason }) });
  }
  // Covering someone only takes their own continuous shifts: someone on call in this schedule at
  // other times in the window can still take them.
  const needed = covering ? continuousShifts(here.shifts).filter((s) => s.person === covering).flatMap((s) => overlap(s, window) ?? []) : [window];
  for (const { schedule, shifts } of state.shifts) {
    const isHere = schedule.id === here.schedule.id;
    const clash = isHere ? needed : [window];
    for (const s of continuousShifts(shifts)) {
      if (!team.includes(s.person)) continue;
      for (const both of clash.flatMap((w) => overlap(s, w) ?? [])) {
        ruledOut.push({ person: s.person, why: isHere ? 'on-call-here' : 'on-call-elsewhere', schedule: schedule.id, ...both });
      }
    }
  }
  const candidates = team
    .filter((p) => !ruledOut.some((r) => r.person === p))
    .map((person) => {
      const c = state.carried.get(person);
      return { person, recent: c?.total ?? 0, nightsAndWeekends: c?.nightsAndWeekends ?? 0 };
    })
    // Less than an hour apart counts as equal, so nights and weekends decide.
    .sort((a, b) => beyondAnHour(a.recent - b.recent) || a.nightsAndWeekends - b.nightsAndWeekends || byCodePoint(a.person, b.person));
  const teamAverage = team.length === 0 ? 0 : team.reduce((sum, p) => sum + (state.carried.get(p)?.total ?? 0), 0) / team.length;
  return { candidates, ruledOut, teamAverage };
}

function beyondAnHour(diff: number): number {
  return Math.abs(diff) < HOUR_MS ? 0 : diff;
}
