// The final schedule: layers stacked by priority (higher wins, lower ones show through where
// a higher one covers nothing), then overrides painted on top in creation order, then
// neighbouring shifts with the same person and source merged. The result tiles the window.

import type { Instant, Layer, Override, ScheduleInput, Shift, Window } from './types.js';
import { layerShifts } from './layer.js';

export function resolveSchedule(input: ScheduleInput, window: Window): Shift[] {
  const layered = stackLayers(input.layers, window);
  const withOverrides = applyOverrides(layered, input.overrides, window);
  return mergeNeighbours(withOverrides);
}

/** Lowest priority first, so that later entries win. */
export function byPrecedence(a: Layer, b: Layer): number {
  return a.priority - b.priority || a.position - b.position || a.validFrom - b.validFrom;
}

/** Final shifts from layers alone: every instant of the window, gaps as `person: null`. */
export function stackLayers(layers: Layer[], window: Window): Shift[] {
  const byLayer = [...layers]
    .sort(byPrecedence)
    .reverse()
    .map((layer) => ({ shifts: layerShifts(layer, window), next: 0 }));
  const cuts = new Set<number>([window.start, window.end]);
  for (const entry of byLayer) {
    for (const p of entry.shifts) {
      cuts.add(p.start);
      cuts.add(p.end);
    }
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const out: Shift[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i];
    const end = bounds[i + 1];
    let winner: Shift | undefined;
    for (const entry of byLayer) {
      while (entry.next < entry.shifts.length && entry.shifts[entry.next].end <= start) entry.next++;
      const shift = entry.shifts[entry.next];
      if (!winner && shift && shift.start <= start) winner = shift;
    }
    out.push({ start, end, person: winner?.person ?? null, source: winner?.source ?? null });
  }
  return out;
}

/**
 * Paints overrides over the shifts, oldest first so the newest wins. An override with
 * `replaces` only takes the parts in which that person would otherwise be on call.
 */
export function applyOverrides(shifts: Shift[], overrides: Override[], window: Window): Shift[] {
  let current = shifts;
  const ordered = [...overrides].sort((a, b) => a.seq - b.seq);
  for (const o of ordered) {
    const start = Math.max(o.start, window.start);
    const end = Math.min(o.end, window.end);
    if (start >= end) continue;
    const next: Shift[] = [];
    for (const seg of current) {
      const hit = seg.end > start && seg.start < end && (!o.replaces || seg.person === o.replaces);
      if (!hit) {
        next.push(seg);
        continue;
      }
      if (seg.start < start) next.push({ ...seg, end: start });
      next.push({
        start: Math.max(seg.start, start),
        end: Math.min(seg.end, end),
        person: o.person,
        source: 'override',
        ...(o.reason !== undefined && { reason: o.reason }),
      });
      if (seg.end > end) next.push({ ...seg, start: end });
    }
    current = next;
  }
  return current;
}

/** One layer's own shifts over a window: all its versions, sorted, neighbours merged. */
export interface LayerShifts {
  layer: string;
  shifts: Shift[];
}

/** Each layer's shifts, one list per layer id in position order; `layers` is not reordered. */
export function shiftsByLayer(layers: readonly Layer[], window: Window): LayerShifts[] {
  const ids = [...new Set([...layers].sort((a, b) => a.position - b.position).map((l) => l.id))];
  return ids.map((id) => ({
    layer: id,
    shifts: mergeNeighbours(
      layers
        .filter((l) => l.id === id)
        .flatMap((version) => layerShifts(version, window))
        .sort((a, b) => a.start - b.start),
    ),
  }));
}

/** Adds `person: null` shifts to sorted, disjoint shifts so that they tile the window. */
export function fillGaps(shifts: readonly Shift[], window: Window): Shift[] {
  const out: Shift[] = [];
  let cursor = window.start;
  for (const s of shifts) {
    if (s.start > cursor) out.push({ start: cursor, end: s.start, person: null, source: null });
    out.push(s);
    cursor = s.end;
  }
  if (cursor < window.end) out.push({ start: cursor, end: window.end, person: null, source: null });
  return mergeNeighbours(out);
}

/** The shift containing `at` (its holder is the shift's person), if any. */
export function shiftAt(shifts: readonly Shift[], at: Instant): Shift | undefined {
  return shifts.find((s) => s.start <= at && at < s.end);
}

export function mergeNeighbours(shifts: Shift[]): Shift[] {
  const out: Shift[] = [];
  for (const seg of shifts) {
    const last = out[out.length - 1];
    if (last && last.end === seg.start && last.person === seg.person && last.source === seg.source) {
      last.end = seg.end;
    } else {
      out.push({ ...seg });
    }
  }
  return out;
}
