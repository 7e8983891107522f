// `oncall timeline --json`: the data the picture is drawn from, without drawing it (so Ink
// is never loaded). Instants are UTC ISO-8601, people are ids, as in every JSON output.

import type { Shift, Window } from '../core/index.js';
import { isoUtc } from '../core/index.js';
import type { PersonLook, ScheduleTimeline } from '../core/index.js';

export interface TimelineJsonInput {
  schedules: ScheduleTimeline[];
  window: Window;
  days: number;
  /** The viewer's zone, in which the window's days are counted. */
  zone: string;
  people: Map<string, PersonLook>;
}

function shift(schedule: string, s: Shift) {
  return {
    schedule,
    person: s.person,
    start: isoUtc(s.start),
    end: isoUtc(s.end),
    source: s.source,
    ...(s.reason !== undefined && { reason: s.reason }),
  };
}

/**
 * One element per schedule: each layer's own shifts (time a layer does not cover is simply
 * absent), the overrides as defined (the newest on top where they overlap), and the final
 * shifts, which tile the window with gaps as `person: null`; all clipped to the window.
 * `people` lists everyone who appears, as the legend does.
 */
export function timelineJson({ schedules, window, days, zone, people }: TimelineJsonInput) {
  const shown = new Set<string>();
  const note = (shifts: Shift[]) => shifts.forEach((p) => p.person !== null && shown.add(p.person));
  const list = schedules.map((s) => {
    s.layers.forEach((lane) => note(lane.shifts));
    note(s.overrides.shifts);
    note(s.final);
    return {
      schedule: s.id,
      name: s.name,
      timezone: s.timezone,
      layers: s.layers.map((lane) => ({ layer: lane.label, shifts: lane.shifts.map((p) => shift(s.id, p)) })),
      overrides: s.overrides.shifts.map((p) => shift(s.id, p)),
      final: s.final.map((p) => shift(s.id, p)),
    };
  });
  return {
    window: { start: isoUtc(window.start), end: isoUtc(window.end), days, zone },
    schedules: list,
    people: [...shown].sort().map((id) => ({ person: id, name: people.get(id)?.name ?? id, color: people.get(id)?.color ?? null })),
  };
}
