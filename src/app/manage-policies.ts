// Escalation policies from the command line, through the same path as `apply`.

import type { EscalationLevelConfig, EscalationPolicyConfig } from '../core/index.js';
import { InputError, UserError } from '../errors.js';
import type { AppContext } from './context.js';
import { changeConfig, type ChangeOptions } from './change-config.js';
import { findById } from '../core/index.js';

/**
 * `--level "schedule:payments-secondary,person:erin@15m"`: targets, then "@" and the delay
 * from the incident's start (the first level may leave it out: 0m).
 */
export function parseLevelOption(text: string, index: number): EscalationLevelConfig {
  const at = text.lastIndexOf('@');
  const targets = (at < 0 ? text : text.slice(0, at)).split(',').map((t) => t.trim()).filter(Boolean);
  const after = at < 0 ? undefined : text.slice(at + 1).trim();
  const level = (flag?: string) => `${flag ?? 'level'} "${text}"`;
  if (targets.length === 0) throw new InputError('level', (flag) => `${level(flag)} names no targets; write e.g. "schedule:payments-primary" or "team:leads@30m"`);
  if (after === undefined && index > 0) {
    throw new InputError('level', (flag) => `${level(flag)} needs a delay after "@" (e.g. "${text}@15m"): when this level is notified`);
  }
  return { targets, after: after ?? '0m' };
}

export interface PolicyFields {
  team?: string;
  name?: string;
  repeat?: number;
  repeatAfter?: string;
  levels?: EscalationLevelConfig[];
}

export function addPolicy(ctx: AppContext, id: string, fields: PolicyFields & { team: string; levels: EscalationLevelConfig[] }, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    if (config.policies.some((p) => p.id === id)) throw new UserError(`escalation policy "${id}" already exists; use "oncall policy edit"`);
    config.policies.push(policyFrom({ id, name: id, team: fields.team, levels: fields.levels }, fields));
  });
}

export function editPolicy(ctx: AppContext, id: string, fields: PolicyFields, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    const index = config.policies.indexOf(findById(config.policies, id, 'escalation policy'));
    config.policies[index] = policyFrom(config.policies[index], fields);
  });
}

export function removePolicy(ctx: AppContext, id: string, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    findById(config.policies, id, 'escalation policy');
    config.policies = config.policies.filter((p) => p.id !== id);
  });
}

/** Applies the given fields; `repeat: 0` drops the repeat and its interval. */
function policyFrom(base: EscalationPolicyConfig, fields: PolicyFields): EscalationPolicyConfig {
  const policy = { ...base };
  if (fields.team !== undefined) policy.team = fields.team;
  if (fields.name !== undefined) policy.name = fields.name;
  if (fields.levels !== undefined) policy.levels = fields.levels;
  if (fields.repeat !== undefined) policy.repeat = fields.repeat;
  if (fields.repeatAfter !== undefined) policy.repeatAfter = fields.repeatAfter;
  // An interval without a repeat is left for validation to refuse, as in YAML.
  if (fields.repeat === 0) delete policy.repeatAfter;
  if (!policy.repeat) delete policy.repeat;
  return policy;
}
