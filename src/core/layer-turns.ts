// Turns: one member's time in a layer's rotation, from one handoff to the next, before the
// layer's restrictions and higher layers cut it into final shifts. `swap` exchanges turns.
// The person of each turn comes from `layerShifts` itself (with the restrictions left out),
// so whatever decides who holds shift k there decides it here too.

import type { Instant, Layer, Window } from './types.js';
import { FOREVER } from './types.js';
import { layerShifts } from './layer.js';

export interface Turn {
  layer: string;
  person: string;
  start: Instant;
  end: Instant;
}

/**
 * The turns of layer `layerId` that meet `window`, from every version of it in `layers`,
 * sorted and clipped to the window. A turn that a new definition cut short and that the same
 * person goes on holding in the next version is one turn.
 */
export function layerTurns(layers: readonly Layer[], layerId: string, window: Window): Turn[] {
  const versions = layers.filter((l) => l.id === layerId && !l.disabled);
  const parts = versions
    .flatMap((version) => layerShifts(unrestricted(version), window).map((s) => ({ s, version })))
    .sort((a, b) => a.s.start - b.s.start);
  const turns: Turn[] = [];
  for (const { s, version } of parts) {
    const last = turns[turns.length - 1];
    if (last && last.end === s.start && last.person === s.person && cutAtStart(version, s.start, layers, layerId)) {
      last.end = s.end;
    } else {
      turns.push({ layer: layerId, person: s.person!, start: s.start, end: s.end });
    }
  }
  return turns;
}

const unrestrictedCache = new WeakMap<Layer, Layer>();

/** The version without its restrictions: its shifts are then whole turns. */
function unrestricted(version: Layer): Layer {
  let found = unrestrictedCache.get(version);
  if (!found) {
    found = { ...version, restrictions: [] };
    unrestrictedCache.set(version, found);
  }
  return found;
}

/**
 * Whether `at`, where `version` begins, fell inside a turn of the version before it rather
 * than on one of its handoffs (then the turn goes on in `version`).
 */
function cutAtStart(version: Layer, at: Instant, layers: readonly Layer[], layerId: string): boolean {
  if (version.validFrom !== at) return false;
  const before = layers.find((l) => l.id === layerId && l.validTo === at);
  if (!before) return false;
  return layerShifts({ ...before, restrictions: [], validTo: FOREVER }, { start: at - 1, end: at + 1 }).length === 1;
}
