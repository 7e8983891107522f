// Schedules, layers and overrides from the command line, through the same path as `apply`.

import type { LayerConfig, OverrideConfig, ScheduleConfig } from '../core/index.js';
import { formatTarget, overrideKey, findById } from '../core/index.js';
import { UserError } from '../errors.js';
import type { AppContext } from './context.js';
import { changeConfig, type ChangeOptions } from './change-config.js';
import { withoutUndefined } from './manage-directory.js';

export function findLayer(schedule: ScheduleConfig, id: string): LayerConfig {
  const layer = schedule.layers.find((l) => l.id === id);
  if (!layer) {
    const known = schedule.layers.map((l) => l.id).join(', ') || 'none yet';
    throw new UserError(`schedule "${schedule.id}" has no layer "${id}" (layers: ${known})`);
  }
  return layer;
}

export interface ScheduleFields {
  team?: string;
  name?: string;
  timezone?: string;
}

export function addSchedule(ctx: AppContext, id: string, fields: Required<Pick<ScheduleFields, 'team' | 'timezone'>> & ScheduleFields, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    if (config.schedules.some((s) => s.id === id)) throw new UserError(`schedule "${id}" already exists; use "oncall schedule edit"`);
    config.schedules.push({ id, team: fields.team, name: fields.name ?? id, timezone: fields.timezone, layers: [], overrides: [] });
  });
}

export function editSchedule(ctx: AppContext, id: string, fields: ScheduleFields, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    Object.assign(findById(config.schedules, id, 'schedule'), withoutUndefined(fields));
  });
}

/** Disabling keeps the definition but makes the layers cover nothing, from the effective instant. */
export function setScheduleDisabled(ctx: AppContext, id: string, disabled: boolean, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    const schedule = findById(config.schedules, id, 'schedule');
    if (disabled) schedule.disabled = true;
    else delete schedule.disabled;
  });
}

export function removeSchedule(ctx: AppContext, id: string, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    findById(config.schedules, id, 'schedule');
    const policies = config.policies.filter((p) => p.levels.some((l) => l.targets.includes(formatTarget('schedule', id))));
    if (policies.length > 0) {
      throw new UserError(`schedule "${id}" is still paged by escalation policy ${policies.map((p) => p.id).join(', ')}; change those first ("oncall policy edit")`);
    }
    config.schedules = config.schedules.filter((s) => s.id !== id);
  });
}

export function addLayer(ctx: AppContext, scheduleId: string, layer: LayerConfig, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    const schedule = findById(config.schedules, scheduleId, 'schedule');
    if (schedule.layers.some((l) => l.id === layer.id)) {
      throw new UserError(`schedule "${scheduleId}" already has a layer "${layer.id}"; use "oncall layer edit"`);
    }
    schedule.layers.push(layer);
  });
}

export type LayerEdit = Partial<Omit<LayerConfig, 'id'>> & { clear?: ('end' | 'restrictions' | 'priority')[] };

export function editLayer(ctx: AppContext, scheduleId: string, id: string, edit: LayerEdit, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    const layer = findLayer(findById(config.schedules, scheduleId, 'schedule'), id);
    const { clear, ...fields } = edit;
    // A rotation is either a shift length or an RRULE: setting one drops the other.
    if (fields.shift !== undefined) delete layer.handoffs;
    if (fields.handoffs !== undefined) delete layer.shift;
    Object.assign(layer, withoutUndefined(fields));
    for (const key of clear ?? []) delete layer[key];
    if (layer.disabled === false) delete layer.disabled;
  });
}

export function removeLayer(ctx: AppContext, scheduleId: string, id: string, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    const schedule = findById(config.schedules, scheduleId, 'schedule');
    findLayer(schedule, id);
    schedule.layers = schedule.layers.filter((l) => l.id !== id);
  });
}

export function addOverride(ctx: AppContext, scheduleId: string, override: OverrideConfig, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    const schedule = findById(config.schedules, scheduleId, 'schedule');
    const hidden = schedule.overrides.filter((o) => o.from < override.to && o.to > override.from);
    schedule.overrides.push(override);
    return { hidden, schedule };
  });
}

/** Ends an override from the effective instant on (now by default): its past stays. */
export function removeOverride(ctx: AppContext, scheduleId: string, override: OverrideConfig, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    const schedule = findById(config.schedules, scheduleId, 'schedule');
    const index = schedule.overrides.findIndex((o) => overrideKey(o) === overrideKey(override));
    if (index < 0) throw new UserError('that override was already removed');
    schedule.overrides.splice(index, 1);
  });
}
