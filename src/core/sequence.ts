// SEQUENCE numbers for exported shifts, derived from the stored history so that exporting
// the same database twice gives the same numbers, and a shift that a change could have moved
// gets a higher one. A change counts for a shift when it could have touched it: a layer
// change at instant E for every shift still running at E or later; an override (added after
// the schedule's first definition, or removed) for every shift it overlaps or borders (an
// override that starts where a shift now ends may be what cut it short).

import type { Instant, Window } from './types.js';

export interface ChangeHistory {
  /** Distinct instants at which the schedule's layers changed (first definitions excluded). */
  layerChanges: Instant[];
  /** Intervals of override additions and removals. */
  overrideChanges: Window[];
}

export function sequenceOf(shift: Window, history: ChangeHistory): number {
  let count = 0;
  for (const at of history.layerChanges) if (at < shift.end) count++;
  for (const change of history.overrideChanges) if (change.start <= shift.end && change.end >= shift.start) count++;
  return count;
}
