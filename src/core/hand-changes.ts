// What a plan does to who is on call: two final schedules of one window (before and after a
// change) compared instant by instant. Only the person counts: the same person from another
// source (a layer instead of an override) is not a hand change.

import type { Instant, Shift } from './types.js';

/** Over `[start, end)`, `after` holds what `before` held (null: nobody, a gap). */
export interface HandChange {
  start: Instant;
  end: Instant;
  before: string | null;
  after: string | null;
}

/**
 * The intervals in which the holder differs, in order. Touching intervals with the same
 * before → after pair are joined, so a shift split by sources or restrictions reads as one.
 * Time covered by only one of the lists is ignored; final shifts of one window cover it
 * both times.
 */
export function handChanges(before: Shift[], after: Shift[]): HandChange[] {
  const out: HandChange[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    const a = before[i];
    const b = after[j];
    const start = Math.max(a.start, b.start);
    const end = Math.min(a.end, b.end);
    if (start < end && a.person !== b.person) add(out, { start, end, before: a.person, after: b.person });
    // Step past whichever ends first (both when they end together).
    if (a.end <= b.end) i++;
    if (b.end <= a.end) j++;
  }
  return out;
}

function add(out: HandChange[], change: HandChange): void {
  const last = out[out.length - 1];
  if (last && last.end === change.start && last.before === change.before && last.after === change.after) {
    last.end = change.end;
  } else {
    out.push(change);
  }
}

/** Consecutive hand changes with one before → after pair, for reading: `shifts` of them over `[start, end)`. */
export interface HandChangeGroup extends HandChange {
  shifts: number;
}

/**
 * Hand changes that follow one another with the same pair, joined across the unchanged time
 * between them: a week that passes from one person to another outside a business-hours layer
 * reads as one line, not one per night. `shifts` says how many hand changes it joins.
 */
export function groupHandChanges(changes: HandChange[]): HandChangeGroup[] {
  const out: HandChangeGroup[] = [];
  for (const change of changes) {
    const last = out[out.length - 1];
    if (last && last.before === change.before && last.after === change.after) {
      last.end = change.end;
      last.shifts++;
    } else {
      out.push({ ...change, shifts: 1 });
    }
  }
  return out;
}
