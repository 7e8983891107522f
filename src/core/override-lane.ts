// The overrides of a schedule as defined, painted onto one lane: the newest on top where
// they overlap, clipped to the window. (The final shifts also respect `replaces`; this lane
// shows what was asked for.)

import type { Override, Shift, Window } from './types.js';

export function overrideLane(overrides: Override[], window: Window): Shift[] {
  let lane: Shift[] = [];
  for (const o of [...overrides].sort((a, b) => a.seq - b.seq)) {
    const start = Math.max(o.start, window.start);
    const end = Math.min(o.end, window.end);
    if (start >= end) continue;
    const shift: Shift = { start, end, person: o.person, source: 'override', ...(o.reason && { reason: o.reason }) };
    lane = [
      ...lane.flatMap((p) => {
        if (p.end <= start || p.start >= end) return [p];
        return [...(p.start < start ? [{ ...p, end: start }] : []), ...(p.end > end ? [{ ...p, start: end }] : [])];
      }),
      shift,
    ].sort((a, b) => a.start - b.start);
  }
  return lane;
}
