// The final shifts of many schedules over one window: what `check`, `report` and `cover`
// look at.

import type { Segment, Window } from '../core/index.js';
import { resolveSchedule } from '../core/index.js';
import type { Store } from '../storage/open.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';

export interface ScheduleShifts {
  schedule: ScheduleInfo;
  segments: Segment[];
  /** Everyone in the rotation of any layer version in the window. */
  members: string[];
}

export function finalShifts(store: Store, schedules: ScheduleInfo[], window: Window): ScheduleShifts[] {
  const inputs = scheduleInputs(store, schedules, window);
  return schedules.map((schedule, i) => ({
    schedule,
    segments: resolveSchedule(inputs[i], window),
    members: [...new Set(inputs[i].layers.filter((l) => !l.disabled).flatMap((l) => l.members))],
  }));
}

/** The part of two windows they share, or undefined. */
export function overlap(a: Window, b: Window): Window | undefined {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : undefined;
}

/** A person's contiguous stretches in a schedule, whatever layer or override they came from. */
export function stretches(segments: Segment[]): { person: string; start: number; end: number }[] {
  const out: { person: string; start: number; end: number }[] = [];
  for (const s of segments) {
    if (s.person === null) continue;
    const last = out[out.length - 1];
    if (last && last.person === s.person && last.end === s.start) last.end = s.end;
    else out.push({ person: s.person, start: s.start, end: s.end });
  }
  return out;
}
