// When each layer change takes effect. A change of who rotates or how (members, shift length,
// handoff rule) waits for the layer's next handoff, so that nobody's turn is cut; with
// --effective, a new `start`, or any other change, it takes effect at the plan's instant. So
// does a change that takes out someone the same plan removes: a person who has left does
// not finish their turn (as with `person rm --force`).

import type { Change } from '../core/index.js';
import { nextHandoff } from '../core/index.js';
import type { Store } from '../storage/store.js';
import { openLayerVersion } from '../storage/read-versions.js';
import { layerFromRow } from '../storage/rows.js';

const ROSTER_FIELDS = ['members', 'shift', 'handoffs'];

/** Sets `effective` on the layer changes of `changes` that wait for a handoff. */
export async function timeRosterChanges(store: Store, changes: Change[], effective: number, explicit: boolean): Promise<void> {
  if (explicit) return;
  const leaving = new Set(changes.flatMap((c) => (c.entity === 'person' && c.action === 'remove' ? [c.id] : [])));
  for (const change of changes) {
    if (change.entity !== 'layer' || change.action !== 'change') continue;
    if (change.fields.includes('start') || !change.fields.some((f) => ROSTER_FIELDS.includes(f))) continue;
    if (change.before?.members.some((m) => leaving.has(m) && !change.after?.members.includes(m))) continue;
    const row = await openLayerVersion(store, change.scheduleId, change.id);
    if (!row) continue;
    const layer = layerFromRow(row);
    // A stored rule that cannot be computed has no handoff to wait for: the change fixes it now.
    const at = nextHandoff(layer, Math.max(effective, layer.validFrom));
    if (at !== undefined && at > effective) change.effective = at;
  }
}
