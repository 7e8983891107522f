// Problems found in schedule definitions rather than in shifts: overrides that overlap,
// layers nobody can swap in, schedules about to end.

import { overlap } from './overlap.js';
import type { Problem } from './problems.js';
import type { ScheduleConfig } from './config.js';
import type { Window } from './types.js';
import { wallClockToInstant } from './wall-clock.js';

/**
 * Two overrides of one schedule that overlap inside the window: the newer one hides the other.
 * Problems come in the order of the overrides (the older of each pair first).
 */
export function overlappingOverrides(definitions: ScheduleConfig[], window: Window): Problem[] {
  return definitions.flatMap((s) => {
    // Comparing every override with every other took 1 M pairs for the benchmark's 200
    // schedules, and a schedule with 20 000 overrides would take 200 M. Only overrides that
    // reach into the window can overlap there, and in order of start each one can only
    // overlap those that start before it ends.
    const inWindow = s.overrides
      .map((o, index) => ({ o, index }))
      .filter(({ o }) => o.from < window.end && o.to > window.start)
      .sort((x, y) => x.o.from - y.o.from);
    const pairs: [number, number][] = [];
    for (let i = 0; i < inWindow.length; i++) {
      for (let j = i + 1; j < inWindow.length && inWindow[j].o.from < inWindow[i].o.to; j++) {
        const [x, y] = [inWindow[i].index, inWindow[j].index];
        pairs.push(x < y ? [x, y] : [y, x]);
      }
    }
    return pairs
      .sort((p, q) => p[0] - q[0] || p[1] - q[1])
      .flatMap(([i, j]) => {
        const [a, b] = [s.overrides[i], s.overrides[j]];
        const both = overlap({ start: a.from, end: a.to }, { start: b.from, end: b.to });
        const seen = both && overlap(both, window);
        return seen ? [{ kind: 'overlapping-overrides' as const, schedule: s.id, ...seen, person: a.person, other: b.person }] : [];
      });
  });
}

/** Layers that still rotate after the window starts with one member: no one to swap with. */
export function singleMembers(definitions: ScheduleConfig[], window: Window): Problem[] {
  return definitions.flatMap((s) =>
    s.layers
      .filter((l) => !l.disabled && l.members.length === 1 && (l.end === undefined || wallClockToInstant(l.end, s.timezone) > window.start))
      .map((l) => ({ kind: 'single-member' as const, schedule: s.id, layer: l.id, person: l.members[0] })),
  );
}

/** Schedules whose every layer ends inside the window. */
export function endingSchedules(definitions: ScheduleConfig[], window: Window): Problem[] {
  return definitions.flatMap((s) => {
    const active = s.layers.filter((l) => !l.disabled);
    if (active.length === 0 || active.some((l) => l.end === undefined)) return [];
    const last = Math.max(...active.map((l) => wallClockToInstant(l.end!, s.timezone)));
    return last > window.start && last <= window.end ? [{ kind: 'schedule-ends' as const, schedule: s.id, start: last }] : [];
  });
}
