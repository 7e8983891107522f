// What to tell someone adding an override about its person, found by the same detectors as
// `oncall check`: their time off while it runs, and their time on call in the team's other
// schedules then.

import type { Problem, FinalShifts, TimeOffInterval } from './problems.js';
import { doubleBookings, timeOffConflicts } from './shift-problems.js';

/**
 * `here` is the schedule with the override in place and `team` every schedule of its team,
 * both over the override's window. One time-off problem per time off (carrying the whole
 * time off), then one double booking per other schedule (its earliest).
 */
export function overrideWarnings(person: string, here: FinalShifts, team: FinalShifts[], timeOff: TimeOffInterval[]): Problem[] {
  const off = timeOffConflicts([here], timeOff).filter((p) => p.person === person);
  const busy = doubleBookings([here], team).filter((p) => p.person === person);
  return [...firstOf(off, (p) => `${p.timeOff?.start}|${p.timeOff?.end}|${p.reason ?? ''}`), ...firstOf(busy, (p) => p.other ?? '')];
}

function firstOf(problems: Problem[], key: (p: Problem) => string): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(key(p)) && seen.add(key(p)));
}
