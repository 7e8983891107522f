// Keeping final shifts for a horizon: run by every write just before it commits (the context
// hands it to the store), so what `who` reads is never older than the definitions beside it.
// Triggers forget the horizon of any schedule whose layers, overrides or row a write changed;
// this keeps those again, and with them any whose horizon has fallen behind "now". A write
// that changed no definition finds nothing forgotten and costs one query.

import { DAY_MS, resolveSchedule, rotationProblem } from '../core/index.js';
import type { Window } from '../core/index.js';
import { UnusableRotation } from '../errors.js';
import { forgetKept, forgottenSchedules, keep, schedulesKeptShort, type KeptSchedule } from '../storage/kept-shifts.js';
import { listSchedules, scheduleInputs } from '../storage/read.js';
import type { Store } from '../storage/store.js';

/**
 * The resolution engine's version: raise it when a change to core/ changes any final shift,
 * so that shifts kept by an older oncall are not trusted (they are resolved again instead,
 * and kept afresh by the next write).
 */
export const KEPT_ENGINE = 1;

/**
 * What a write keeps: from 100 days back (the last quarter, for `report`) to half a year
 * ahead of its "now".
 */
export const KEPT_BACK = 100 * DAY_MS;
export const KEPT_AHEAD = 190 * DAY_MS;

/** Kept again, once a write is due anyway, when less than this is left either side. */
const STILL_BACK = 14 * DAY_MS;
const STILL_AHEAD = 100 * DAY_MS;

export async function keepFinalShifts(store: Store, now: number): Promise<void> {
  const forgotten = await forgottenSchedules(store, KEPT_ENGINE);
  if (forgotten.length === 0) return;
  const short = await schedulesKeptShort(store, { start: now - STILL_BACK, end: now + STILL_AHEAD });
  const stale = new Set([...forgotten, ...short]);
  await forgetKept(store, [...stale]);
  const horizon: Window = { start: now - KEPT_BACK, end: now + KEPT_AHEAD };
  const live = (await listSchedules(store)).filter((s) => stale.has(s.id));
  const kept: KeptSchedule[] = [];
  for (const input of await scheduleInputs(store, live, horizon)) {
    // A rotation that cannot be computed is not kept: `who` resolves that schedule itself
    // and says what is wrong with it.
    if (input.layers.some((layer) => !layer.disabled && rotationProblem(layer) !== undefined)) continue;
    try {
      kept.push({ scheduleId: input.id, shifts: resolveSchedule(input, horizon) });
    } catch (error) {
      if (!(error instanceof UnusableRotation)) throw error;
    }
  }
  await keep(store, kept, horizon, KEPT_ENGINE);
}
