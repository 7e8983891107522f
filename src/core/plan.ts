// What `apply` would change: the difference between the current state and a desired one,
// as a list of changes in the order they can be carried out (adds and changes of people
// and teams before the schedules that refer to them; removals last).

import type { Config, EscalationPolicyConfig, LayerConfig, OverrideConfig, PersonConfig, ScheduleConfig, TeamConfig } from './config.js';
import { overrideKey } from './config.js';

export type ChangeAction = 'add' | 'change' | 'remove';

export type Change =
  | { entity: 'person'; action: ChangeAction; id: string; before?: PersonConfig; after?: PersonConfig; fields: string[] }
  | { entity: 'team'; action: ChangeAction; id: string; before?: TeamConfig; after?: TeamConfig; fields: string[] }
  | { entity: 'schedule'; action: ChangeAction; id: string; before?: ScheduleConfig; after?: ScheduleConfig; fields: string[] }
  | {
      entity: 'layer';
      action: ChangeAction;
      id: string;
      scheduleId: string;
      position: number;
      before?: LayerConfig;
      after?: LayerConfig;
      fields: string[];
      /** When this change takes effect, where it differs from the plan's (a roster change waits for the next handoff). */
      effective?: number;
    }
  | { entity: 'override'; action: ChangeAction; id: string; scheduleId: string; before?: OverrideConfig; after?: OverrideConfig; fields: string[] }
  | { entity: 'policy'; action: ChangeAction; id: string; before?: EscalationPolicyConfig; after?: EscalationPolicyConfig; fields: string[] };

export interface Plan {
  changes: Change[];
  /** Objects in the database that the files do not mention, kept because --prune was not given. */
  untouched: string[];
}

export function planChanges(current: Config, desired: Config, prune: boolean): Plan {
  const changes: Change[] = [];
  const untouched: string[] = [];
  const removals: Change[] = [];

  diffById(current.people, desired.people, prune, untouched, 'person', (action, id, before, after) => {
    const change = { entity: 'person' as const, action, id, before, after, fields: changedFields(before, after) };
    (action === 'remove' ? removals : changes).push(change);
  });
  diffById(current.teams, desired.teams, prune, untouched, 'team', (action, id, before, after) => {
    const change = { entity: 'team' as const, action, id, before, after, fields: changedFields(before, after) };
    (action === 'remove' ? removals : changes).push(change);
  });
  diffById(current.schedules, desired.schedules, prune, untouched, 'schedule', (action, id, before, after) => {
    const fields = changedFields(scheduleHead(before), scheduleHead(after));
    if (action !== 'change' || fields.length > 0) {
      (action === 'remove' ? removals : changes).push({ entity: 'schedule', action, id, before, after, fields });
    }
    if (action !== 'remove') changes.push(...layerChanges(id, before?.layers ?? [], after!.layers));
    if (action !== 'remove') changes.push(...overrideChanges(id, before?.overrides ?? [], after!.overrides));
  });
  // Policies refer to schedules, teams and people: added after them, removed before them.
  diffById(current.policies, desired.policies, prune, untouched, 'escalation policy', (action, id, before, after) => {
    const change = { entity: 'policy' as const, action, id, before, after, fields: changedFields(before, after) };
    (action === 'remove' ? removals : changes).push(change);
  });
  // Remove schedules before the teams and people they refer to.
  const order = { policy: -1, schedule: 0, team: 1, person: 2, layer: 0, override: 0 };
  removals.sort((a, b) => order[a.entity] - order[b.entity]);
  return { changes: [...changes, ...removals], untouched };
}

function diffById<T extends { id: string }>(
  current: T[],
  desired: T[],
  prune: boolean,
  untouched: string[],
  what: string,
  emit: (action: ChangeAction, id: string, before: T | undefined, after: T | undefined) => void,
): void {
  const byId = new Map(current.map((c) => [c.id, c]));
  const wanted = new Set(desired.map((d) => d.id));
  for (const d of desired) {
    const c = byId.get(d.id);
    if (!c) emit('add', d.id, undefined, d);
    else if (!sameValue(c, d)) emit('change', d.id, c, d);
  }
  for (const c of current) {
    if (wanted.has(c.id)) continue;
    if (prune) emit('remove', c.id, c, undefined);
    else untouched.push(`${what} ${c.id}`);
  }
}

/** The schedule's own fields, without its layers and overrides (those are diffed one by one). */
function scheduleHead(s: ScheduleConfig | undefined) {
  if (!s) return undefined;
  const { layers: _layers, overrides: _overrides, ...head } = s;
  return head;
}

function layerChanges(scheduleId: string, before: LayerConfig[], after: LayerConfig[]): Change[] {
  const changes: Change[] = [];
  const old = new Map(before.map((l, i) => [l.id, { layer: l, position: i }]));
  after.forEach((layer, position) => {
    const prior = old.get(layer.id);
    if (!prior) {
      changes.push({ entity: 'layer', action: 'add', id: layer.id, scheduleId, position, after: layer, fields: [] });
    } else if (!sameValue(prior.layer, layer) || prior.position !== position) {
      const fields = changedFields(prior.layer, layer);
      if (prior.position !== position) fields.push('position');
      changes.push({ entity: 'layer', action: 'change', id: layer.id, scheduleId, position, before: prior.layer, after: layer, fields });
    }
  });
  const kept = new Set(after.map((l) => l.id));
  before.forEach((layer, position) => {
    if (!kept.has(layer.id)) {
      changes.push({ entity: 'layer', action: 'remove', id: layer.id, scheduleId, position, before: layer, fields: [] });
    }
  });
  return changes;
}

function overrideChanges(scheduleId: string, before: OverrideConfig[], after: OverrideConfig[]): Change[] {
  const changes: Change[] = [];
  const unmatched = [...before];
  for (const o of after) {
    const i = unmatched.findIndex((c) => overrideKey(c) === overrideKey(o));
    if (i < 0) {
      changes.push({ entity: 'override', action: 'add', id: overrideKey(o), scheduleId, after: o, fields: [] });
      continue;
    }
    const [prior] = unmatched.splice(i, 1);
    if ((prior.reason ?? '') !== (o.reason ?? '')) {
      changes.push({ entity: 'override', action: 'change', id: overrideKey(o), scheduleId, before: prior, after: o, fields: ['reason'] });
    }
  }
  for (const o of unmatched) {
    changes.push({ entity: 'override', action: 'remove', id: overrideKey(o), scheduleId, before: o, fields: [] });
  }
  return changes;
}

/** Names of the top-level fields whose values differ. */
export function changedFields(before: object | undefined, after: object | undefined): string[] {
  if (!before || !after) return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !sameValue(a[k], b[k]));
}

export function sameValue(a: unknown, b: unknown): boolean {
  return plainEqual(a, b) ?? canonicalJson(a) === canonicalJson(b);
}

/**
 * Whether the canonical JSON of two values is the same, worked out without writing it (a
 * re-applied file compares 20 000 overrides): for strings, finite numbers, booleans, null,
 * arrays and plain objects. Undefined for anything else (undefined in an array, a number
 * JSON writes as null, an object with toJSON): then the JSON itself decides.
 */
function plainEqual(a: unknown, b: unknown): boolean | undefined {
  const kindA = jsonKind(a);
  const kindB = jsonKind(b);
  if (kindA === undefined || kindB === undefined) return undefined;
  if (kindA !== kindB) return false;
  if (kindA === 'scalar') return a === b; // JSON writes different scalars differently, and 0 as -0
  if (kindA === 'array') {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    let same = true;
    for (let i = 0; i < x.length; i++) {
      const item = plainEqual(x[i], y[i]);
      if (item === undefined) return undefined;
      same &&= item;
    }
    return same;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Keys whose value is undefined are not written; the others must be the same on both sides.
  // (for...in with hasOwn: Object.keys would build two arrays per object compared.)
  let same = true;
  let count = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue;
    const value = x[key];
    if (value === undefined) continue;
    if (jsonKind(value) === undefined) return undefined;
    count++;
    const other = Object.hasOwn(y, key) ? y[key] : undefined;
    const equal = other === undefined ? false : plainEqual(value, other);
    if (equal === undefined) return undefined;
    same &&= equal;
  }
  for (const key in y) {
    if (!Object.hasOwn(y, key)) continue;
    const value = y[key];
    if (value === undefined) continue;
    if (jsonKind(value) === undefined) return undefined;
    count--;
  }
  return same && count === 0;
}

function jsonKind(value: unknown): 'scalar' | 'array' | 'object' | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return 'scalar';
  if (typeof value === 'number') return Number.isFinite(value) ? 'scalar' : undefined;
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object') return undefined;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !('toJSON' in value) ? 'object' : undefined;
}

/** JSON with object keys sorted, so that key order never counts as a difference. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}
