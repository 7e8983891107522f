// A schedule's definition as it stands now, and each later one already planned (a change
// made with a later effective instant): what `schedule show` and `layer show` print.

import type { LayerConfig, ScheduleConfig } from '../core/index.js';
import { canonicalJson, FOREVER, FOREVER_AGO, findById, turnOwner } from '../core/index.js';
import { UserError } from '../errors.js';
import { layerConfigFromRow, layerFromRow, type LayerRow } from '../storage/rows.js';
import { layerVersionsFrom } from '../storage/read-versions.js';
import { loadConfig } from '../storage/state.js';
import type { AppContext } from './context.js';

/** The layers, zone and disabled flag of a schedule from one instant on. */
export interface PendingDefinition {
  effective: number;
  timezone: string;
  disabled: boolean;
  layers: LayerConfig[];
}

export interface ScheduleDefinitions {
  /** The schedule as it is at ctx.now (name, team and overrides as stored now). */
  current: ScheduleConfig;
  /** Later definitions, in order, each differing from the one before it. */
  pending: PendingDefinition[];
}

/**
 * One layer's later versions: its definition from `effective` on (with whose turn it is then:
 * after a roster change the rotation goes on from the person on call), or its removal then.
 */
export type PendingLayer = { effective: number; layer: LayerConfig; turn?: string } | { effective: number; removed: true };

export interface LayerDefinitions {
  current: LayerConfig | undefined;
  /** Whose turn it is now in the current definition (restrictions aside). */
  turn?: string;
  pending: PendingLayer[];
}

function turnAt(row: LayerRow, at: number): string | undefined {
  const layer = layerFromRow(row);
  return layer.disabled ? undefined : turnOwner(layer, at);
}

const inForce = (row: LayerRow, at: number) => (row.validFrom ?? FOREVER_AGO) <= at && (row.validTo ?? FOREVER) > at;

async function storedVersions(ctx: AppContext, scheduleId: string) {
  const store = await ctx.store();
  const schedule = findById((await loadConfig(store)).schedules, scheduleId, 'schedule');
  return { schedule, rows: await layerVersionsFrom(store, scheduleId, ctx.now) };
}

function definitionAt(rows: LayerRow[], at: number, schedule: ScheduleConfig): Omit<PendingDefinition, 'effective'> {
  const live = rows.filter((r) => inForce(r, at)).sort((a, b) => a.position - b.position);
  // Zone and disabled travel with each layer version; a schedule without layers has only its own.
  return {
    timezone: live[0]?.timezone ?? schedule.timezone,
    disabled: live.length > 0 ? live[0].scheduleDisabled : (schedule.disabled ?? false),
    layers: live.map(layerConfigFromRow),
  };
}

/** Instants after `now` where some version starts or ends: where the definition may change. */
function changeInstants(rows: LayerRow[], now: number): number[] {
  const all = rows.flatMap((r) => [r.validFrom, r.validTo]).filter((t): t is number => t !== null && t > now);
  return [...new Set(all)].sort((a, b) => a - b);
}

export async function scheduleDefinitions(ctx: AppContext, scheduleId: string): Promise<ScheduleDefinitions> {
  const { schedule, rows } = await storedVersions(ctx, scheduleId);
  const now = definitionAt(rows, ctx.now, schedule);
  const current: ScheduleConfig = {
    id: schedule.id, team: schedule.team, name: schedule.name, timezone: now.timezone,
    ...(now.disabled && { disabled: true }), layers: now.layers, overrides: schedule.overrides,
  };
  const pending: PendingDefinition[] = [];
  let previous = canonicalJson(now);
  for (const effective of changeInstants(rows, ctx.now)) {
    const next = definitionAt(rows, effective, schedule);
    if (canonicalJson(next) === previous) continue;
    previous = canonicalJson(next);
    pending.push({ effective, ...next });
  }
  return { current, pending };
}

export async function layerDefinitions(ctx: AppContext, scheduleId: string, layerId: string): Promise<LayerDefinitions> {
  const { rows } = await storedVersions(ctx, scheduleId);
  const mine = rows.filter((r) => r.layerId === layerId);
  if (mine.length === 0) {
    const known = [...new Set(rows.map((r) => r.layerId))].join(', ') || 'none yet';
    throw new UserError(`schedule "${scheduleId}" has no layer "${layerId}" (layers: ${known})`);
  }
  const currentRow = mine.find((r) => inForce(r, ctx.now));
  const current = currentRow && layerConfigFromRow(currentRow);
  const turn = currentRow && turnAt(currentRow, ctx.now);
  const pending: PendingLayer[] = [];
  let previous = current ? canonicalJson(current) : undefined;
  for (const effective of changeInstants(mine, ctx.now)) {
    const row = mine.find((r) => inForce(r, effective));
    const layer = row && layerConfigFromRow(row);
    const key = layer ? canonicalJson(layer) : undefined;
    if (key === previous) continue;
    previous = key;
    const owner = row && turnAt(row, effective);
    pending.push(layer ? { effective, layer, ...(owner && { turn: owner }) } : { effective, removed: true });
  }
  return { current, ...(turn && { turn }), pending };
}
