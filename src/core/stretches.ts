// A person's contiguous time on call in one schedule, whatever layer or override it came from.

import type { Segment } from './types.js';

export interface Stretch {
  person: string;
  start: number;
  end: number;
}

/** Neighbouring segments of the same person join into one stretch; gaps are left out. */
export function stretches(segments: Segment[]): Stretch[] {
  const out: Stretch[] = [];
  for (const s of segments) {
    if (s.person === null) continue;
    const last = out[out.length - 1];
    if (last && last.person === s.person && last.end === s.start) last.end = s.end;
    else out.push({ person: s.person, start: s.start, end: s.end });
  }
  return out;
}
