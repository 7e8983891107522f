// Roster changes that keep the rotation's position. When a layer's members, shift length or
// handoff rule change at an instant E, the new version does not restart its count from the
// layer's start (which would hand the current week to whoever `members[k mod n]` names):
// it continues from the person whose turn it is, in the new list's order. The rules, with
// examples, are in docs/scheduling.md ("Changing a rotation").

import type { Instant, Layer, WallClock } from './types.js';
import { FOREVER } from './types.js';
import { gridStart, memberOf, rotationOf, rotationProblem } from './layer.js';
import { formatWallClock, toFloating } from './wall-clock.js';

/** Where a new layer version's grid starts and which member has its shift 0. */
export interface RotationPosition {
  rotationStart: WallClock;
  rotationOffset: number;
}

/**
 * The first handoff of `layer` at or after `t`: when a roster change takes effect by default,
 * so that nobody's turn is cut. Undefined when the layer has no turn in progress to protect
 * (it covers nobody, its rotation has not begun or cannot be computed) or no handoff follows.
 */
export function nextHandoff(layer: Layer, t: Instant): Instant | undefined {
  if (layer.disabled || layer.members.length === 0 || rotationProblem(layer) !== undefined) return undefined;
  const rotation = rotationOf(layer);
  const k = rotation.indexAt(t);
  if (k < 0) return undefined;
  if (rotation.handoff(k) === t) return t;
  const next = rotation.handoff(k + 1);
  return next < FOREVER ? next : undefined;
}

/** Whose turn it is in the layer's rotation at `t`, restrictions aside; undefined if none can be said. */
export function turnOwner(layer: Layer, t: Instant): string | undefined {
  if (layer.members.length === 0 || rotationProblem(layer) !== undefined) return undefined;
  const k = rotationOf(layer).indexAt(t);
  return k < 0 ? undefined : memberOf(layer, k);
}

/**
 * How `next`, taking over from `old` at `at`, continues the rotation; undefined when it
 * applies literally (a new `start`, no turn in progress before `at`, or nothing to keep).
 *
 * p is the person whose turn it is just before `at`. If p stays, p keeps the turn that is in
 * progress at `at` under the new grid and the next person in the new list follows; if `at`
 * is a handoff of the new grid, p's turn is over and that next person starts at `at`. If p
 * was removed, q takes over at `at`: the first person after p in the old order who is in the
 * new list (or the new list's first). A new shift length re-anchors the grid at the start of
 * the old turn in progress at `at`, so handoffs keep their time of day; a new handoff rule
 * uses its own grid, from the layer's start.
 */
export function continueRotation(old: Layer, next: Layer, at: Instant): RotationPosition | undefined {
  if (old.members.length === 0 || next.members.length === 0 || next.start !== old.start) return undefined;
  // A stored rule that cannot be computed has no position to keep: the change replaces it.
  if (rotationProblem(old) !== undefined) return undefined;
  const oldRotation = rotationOf(old);
  const before = oldRotation.indexAt(at - 1);
  if (before < 0) return undefined;
  const p = memberOf(old, before);
  const pIndex = mod(before + (old.rotationOffset ?? 0), old.members.length);

  const rotationStart = newGridStart(old, next, oldRotation.handoff(oldRotation.indexAt(at)));
  const grid = rotationOf({ ...next, rotationStart, rotationOffset: 0 });
  const k = grid.indexAt(at);
  if (k < 0) return undefined;
  const midTurn = grid.handoff(k) < at;

  const members = next.members;
  let holder: string;
  if (members.includes(p)) holder = midTurn ? p : members[(members.indexOf(p) + 1) % members.length];
  else holder = firstKept(old.members, pIndex, members) ?? members[0];

  const rotationOffset = mod(members.indexOf(holder) - k, members.length);
  if (rotationStart === next.start && rotationOffset === 0) return undefined;
  return { rotationStart, rotationOffset };
}

function newGridStart(old: Layer, next: Layer, turnStart: Instant): WallClock {
  const sameShift = (old.shift?.count === next.shift?.count && old.shift?.unit === next.shift?.unit) || false;
  const sameGrid = old.timezone === next.timezone && sameShift && (old.handoffs ?? '') === (next.handoffs ?? '');
  if (sameGrid) return gridStart(old);
  // A handoff rule names its own days and times; a time zone change keeps wall-clock handoffs.
  if (!next.shift || old.timezone !== next.timezone) return next.start;
  return formatWallClock(toFloating(turnStart, next.timezone));
}

/** The first member after position `from` in `old` (cyclically) who is in `kept`. */
function firstKept(old: string[], from: number, kept: string[]): string | undefined {
  for (let i = 1; i < old.length; i++) {
    const candidate = old[(from + i) % old.length];
    if (kept.includes(candidate)) return candidate;
  }
  return undefined;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/**
 * The same rotation written as a plain layer: its grid's start and the members listed from
 * the one who has shift 0. Applied to an empty database it gives the same turns.
 */
export function literalRotation<T extends { start: string; members: string[] }>(layer: T, position: RotationPosition): T {
  const n = layer.members.length;
  const members = layer.members.map((_, i) => layer.members[mod(i + position.rotationOffset, n)]);
  return { ...layer, start: position.rotationStart, members };
}
