// What one layer covers: its rotation's shifts, cut to the layer's lifetime, to the period
// of history in which this definition holds, and to its restriction intervals.

import type { Layer, Shift, Window } from './types.js';
import { UnusableRotation } from '../errors.js';
import { makeRotation, type Rotation } from './rotation.js';
import { clipToIntervals, restrictionIntervals } from './restrictions.js';
import { FOREVER, FOREVER_AGO } from './types.js';
import { wallClockToInstant } from './wall-clock.js';

/** Shifts of one layer that one question may list: hourly handoffs for more than 11 years. */
export const MAX_LAYER_SHIFTS = 100_000;

// Versions of a layer (and layers of sibling schedules) often share a rotation; building an
// RRULE rotation is the costly part, so rotations are shared by what defines them. A rotation
// that cannot be built (a rule an older version stored) is remembered by what is wrong.
const rotations = new Map<string, Rotation | string>();

// And by the layer version itself: reads ask about each version several times (is it usable,
// its lifetime, its shifts), and building the key each time showed in `oncall who`'s profile.
const ofLayer = new WeakMap<Layer, Rotation | string>();

function rotationOrProblem(layer: Layer): Rotation | string {
  let found = ofLayer.get(layer);
  if (found === undefined) {
    found = sharedRotation(layer);
    ofLayer.set(layer, found);
  }
  return found;
}

function sharedRotation(layer: Layer): Rotation | string {
  const shift = layer.shift ? `${layer.shift.count}${layer.shift.unit}` : '';
  const start = gridStart(layer);
  const key = `${layer.timezone}|${start}|${shift}|${layer.handoffs ?? ''}`;
  let rotation = rotations.get(key);
  if (rotation === undefined) {
    try {
      rotation = makeRotation(layer.timezone, start, layer);
    } catch (error) {
      if (!(error instanceof UnusableRotation)) throw error;
      rotation = error.message;
    }
    rotations.set(key, rotation);
  }
  return rotation;
}

/** Where the version's handoff grid starts: its `start`, unless a roster change moved it. */
export function gridStart(layer: Layer): string {
  return layer.rotationStart ?? layer.start;
}

/** Who has shift k of the layer's grid. */
export function memberOf(layer: Layer, k: number): string {
  const n = layer.members.length;
  return layer.members[(((k + (layer.rotationOffset ?? 0)) % n) + n) % n];
}

/** The layer's rotation; throws UnusableRotation when a stored rule cannot be computed. */
export function rotationOf(layer: Layer): Rotation {
  const rotation = rotationOrProblem(layer);
  if (typeof rotation === 'string') throw new UnusableRotation(`layer "${layer.id}": ${rotation}`);
  return rotation;
}

/** What makes this layer version's rotation impossible to compute, if anything. */
export function rotationProblem(layer: Layer): string | undefined {
  const rotation = rotationOrProblem(layer);
  return typeof rotation === 'string' ? `layer "${layer.id}": ${rotation}` : undefined;
}

/** The instants between which the layer can cover anything at all. */
export function layerLifetime(layer: Layer): Window {
  const rotation = rotationOf(layer);
  const start = Math.max(rotation.handoff(0), layer.validFrom);
  const end = Math.min(
    layer.end ? wallClockToInstant(layer.end, layer.timezone) : FOREVER,
    layer.validTo,
  );
  return { start, end };
}

/** The layer's own shifts inside `window`: sorted, disjoint, each with its person. */
export function layerShifts(layer: Layer, window: Window): Shift[] {
  if (layer.disabled || layer.members.length === 0) return [];
  const life = layerLifetime(layer);
  const range = { start: Math.max(window.start, life.start), end: Math.min(window.end, life.end) };
  if (range.start >= range.end || range.start <= FOREVER_AGO) return [];
  const rotation = rotationOf(layer);
  const source = `layer:${layer.id}`;
  const intervals = layer.restrictions.length
    ? restrictionIntervals(layer.restrictions, layer.timezone, range)
    : [range];
  const shifts: Shift[] = [];
  let k = Math.max(0, rotation.indexAt(range.start));
  // Counted as they are walked (a count up front would cost `who` a lookup per layer).
  const first = k;
  let w = 0; // restriction intervals before this one end before the current shift
  for (let shiftStart = rotation.handoff(k); shiftStart < range.end; k++) {
    if (k - first >= MAX_LAYER_SHIFTS) {
      const count = rotation.indexAt(range.end - 1) - first + 1;
      throw new UnusableRotation(`layer "${layer.id}": it has ${count} shifts in the time asked about, more than the ${MAX_LAYER_SHIFTS} one question may list; ask about a shorter time`);
    }
    const shiftEnd = rotation.handoff(k + 1);
    const person = memberOf(layer, k);
    while (w < intervals.length && intervals[w].end <= shiftStart) w++;
    for (const part of clipToIntervals(
      Math.max(shiftStart, range.start),
      Math.min(shiftEnd, range.end),
      intervals,
      w,
    )) {
      shifts.push({ start: part.start, end: part.end, person, source });
    }
    shiftStart = shiftEnd;
  }
  return shifts;
}
