// A person's contiguous time on call in one schedule, whatever layer or override it came from.

import type { Shift } from './types.js';

export interface ContinuousShift {
  person: string;
  start: number;
  end: number;
}

/** Neighbouring shifts of the same person join into one continuous shift; gaps are left out. */
export function continuousShifts(shifts: Shift[]): ContinuousShift[] {
  const out: ContinuousShift[] = [];
  for (const s of shifts) {
    if (s.person === null) continue;
    const last = out[out.length - 1];
    if (last && last.person === s.person && last.end === s.start) last.end = s.end;
    else out.push({ person: s.person, start: s.start, end: s.end });
  }
  return out;
}
