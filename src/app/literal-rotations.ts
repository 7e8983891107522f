// A layer whose roster changed keeps its rotation's position in the database (see
// core/roster-change.ts); its file still says what the lead wrote. `export yaml` writes such a
// layer as the plain rotation it has become (the grid's start, members from the one who has
// shift 0), so that an empty database given the export hands out the same turns. Applying
// that export back is then recognised as the same definition, not a change.

import type { Config, RotationPosition } from '../core/index.js';
import { canonicalJson, literalRotation } from '../core/index.js';

/** Positions by "schedule/layer", as `openRotationPositions` reads them. */
export type Positions = Map<string, RotationPosition>;

/** `config` with every position-keeping layer written as a plain rotation. */
export function writtenLiterally(config: Config, positions: Positions): Config {
  if (positions.size === 0) return config;
  return {
    ...config,
    schedules: config.schedules.map((s) => ({
      ...s,
      layers: s.layers.map((l) => {
        const position = positions.get(`${s.id}/${l.id}`);
        return position ? literalRotation(l, position) : l;
      }),
    })),
  };
}

/** Replaces, in `desired`, each layer that spells out a stored layer's rotation with the stored definition. */
export function recogniseLiteral(current: Config, desired: Config, positions: Positions): void {
  if (positions.size === 0) return;
  for (const schedule of desired.schedules) {
    const stored = current.schedules.find((s) => s.id === schedule.id);
    if (!stored) continue;
    schedule.layers = schedule.layers.map((layer) => {
      const position = positions.get(`${schedule.id}/${layer.id}`);
      const as = stored.layers.find((l) => l.id === layer.id);
      if (!position || !as) return layer;
      return canonicalJson(literalRotation(as, position)) === canonicalJson(layer) ? as : layer;
    });
  }
}
