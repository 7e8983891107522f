// Final shifts as calendar events, shared by the ICS export and calendar sync: which shifts
// (whole ones, even where they cross the window's edges), and what an event says.

import type { PersonConfig, Segment, Window } from '../core/index.js';
import { resolveSchedule, DAY_MS } from '../core/index.js';
import type { Store } from '../storage/open.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';

/** Shifts crossing the window's edges are taken whole, up to this far outside it. */
export const EDGE_MARGIN = 35 * DAY_MS;

export interface ShiftEvent {
  schedule: ScheduleInfo;
  segment: Segment & { person: string };
  /** Identifies the shift: schedule, person, start. */
  key: string;
  summary: string;
  description: string;
}

export function shiftEvents(
  store: Store,
  schedules: ScheduleInfo[],
  people: Map<string, PersonConfig>,
  window: Window,
  onlyPeople?: Set<string>,
): ShiftEvent[] {
  const wide = { start: window.start - EDGE_MARGIN, end: window.end + EDGE_MARGIN };
  const inputs = scheduleInputs(store, schedules, wide);
  const events: ShiftEvent[] = [];
  schedules.forEach((schedule, i) => {
    for (const segment of resolveSchedule(inputs[i], wide)) {
      if (segment.person === null || segment.end <= window.start || segment.start >= window.end) continue;
      if (onlyPeople && !onlyPeople.has(segment.person)) continue;
      const name = people.get(segment.person)?.name ?? segment.person;
      events.push({
        schedule,
        segment: segment as Segment & { person: string },
        key: `${schedule.id}|${segment.person}|${new Date(segment.start).toISOString()}`,
        summary: `On call: ${name} — ${schedule.name}`,
        description: describe(schedule, segment),
      });
    }
  });
  return events.sort(
    (a, b) =>
      a.segment.start - b.segment.start ||
      a.schedule.id.localeCompare(b.schedule.id) ||
      a.segment.person.localeCompare(b.segment.person),
  );
}

function describe(schedule: ScheduleInfo, segment: Segment): string {
  const source =
    segment.source === 'override'
      ? `override${segment.reason ? `: ${segment.reason}` : ''}`
      : `layer "${segment.source?.replace(/^layer:/, '')}"`;
  return `Schedule: ${schedule.name} (${schedule.id})\nSource: ${source}`;
}
