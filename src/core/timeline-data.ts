// What the timeline view draws: plain data that app computes and ui renders. It lives in core
// because both sides need the shape and ui may import nothing from app (the boundary rule).

import type { Shift, Window } from './types.js';

export interface Lane {
  label: string;
  /** Sorted, disjoint shifts; time not covered is simply absent. */
  shifts: Shift[];
}

export interface ScheduleTimeline {
  id: string;
  name: string;
  timezone: string;
  layers: Lane[];
  overrides: Lane;
  final: Shift[];
}

export interface PersonLook {
  name: string;
  color?: string;
}

/** Loads the timeline for a window; the interactive view calls it again whenever the window moves. */
export type TimelineLoader = (window: Window) => Promise<ScheduleTimeline[]>;
