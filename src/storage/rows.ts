// Mapping between database rows and the core's plain values.

import type { EscalationPolicyConfig, Layer, LayerConfig, Override, OverrideConfig, Restriction, RotationPosition } from '../core/index.js';
import { FOREVER, FOREVER_AGO, parseRestriction, parseShiftLength } from '../core/index.js';
import type { escalationPolicies, layers, overrides } from './schema.js';

export type LayerRow = typeof layers.$inferSelect;
export type OverrideRow = typeof overrides.$inferSelect;
export type PolicyRow = typeof escalationPolicies.$inferSelect;

/** The resolvable form of one version of a layer. */
export function layerFromRow(row: LayerRow): Layer {
  const shift = row.shift ? parseShiftLength(row.shift) : undefined;
  return {
    id: row.layerId,
    timezone: row.timezone,
    start: row.start,
    ...(row.end && { end: row.end }),
    ...(shift?.ok && { shift: shift.value }),
    ...(row.handoffs && { handoffs: row.handoffs }),
    members: JSON.parse(row.members),
    restrictions: JSON.parse(row.restrictions).flatMap((r: never) => {
      const parsed = parseRestriction(r);
      return parsed.ok ? [parsed.value as Restriction] : [];
    }),
    priority: row.priority ?? row.position,
    position: row.position,
    disabled: row.disabled || row.scheduleDisabled,
    validFrom: row.validFrom ?? FOREVER_AGO,
    validTo: row.validTo ?? FOREVER,
    ...(row.rotationStart !== null && { rotationStart: row.rotationStart }),
    ...(row.rotationOffset !== null && { rotationOffset: row.rotationOffset }),
  };
}

/** Where a version keeps a rotation's position, if a roster change moved it. */
export function rotationPositionOfRow(row: LayerRow): RotationPosition | undefined {
  return row.rotationStart === null ? undefined : { rotationStart: row.rotationStart, rotationOffset: row.rotationOffset ?? 0 };
}

/** The YAML form of a layer version, normalised exactly as `normalizeFiles` does. */
export function layerConfigFromRow(row: LayerRow): LayerConfig {
  const restrictions = JSON.parse(row.restrictions);
  return {
    id: row.layerId,
    start: row.start,
    ...(row.end && { end: row.end }),
    ...(row.shift && { shift: row.shift }),
    ...(row.handoffs && { handoffs: row.handoffs }),
    members: JSON.parse(row.members),
    ...(restrictions.length > 0 && { restrictions }),
    ...(row.priority !== null && { priority: row.priority }),
    ...(row.disabled && { disabled: true }),
  };
}

export function layerRowValues(config: LayerConfig, position: number, timezone: string, scheduleDisabled: boolean) {
  return {
    layerId: config.id,
    position,
    priority: config.priority ?? null,
    timezone,
    start: config.start,
    end: config.end ?? null,
    shift: config.shift ?? null,
    handoffs: config.handoffs ?? null,
    members: JSON.stringify(config.members),
    restrictions: JSON.stringify(config.restrictions ?? []),
    disabled: config.disabled ?? false,
    scheduleDisabled,
  };
}

export function overrideFromRow(row: OverrideRow): Override {
  return {
    seq: row.id,
    person: row.personId,
    start: row.effectiveFrom === null ? row.start : Math.max(row.start, row.effectiveFrom),
    end: row.removedAt === null ? row.end : Math.min(row.end, row.removedAt),
    ...(row.replaces && { replaces: row.replaces }),
    ...(row.reason && { reason: row.reason }),
  };
}

export function overrideConfigFromRow(row: Pick<OverrideRow, 'personId' | 'start' | 'end' | 'replaces' | 'reason'>): OverrideConfig {
  return {
    person: row.personId,
    from: row.start,
    to: row.end,
    ...(row.replaces && { replaces: row.replaces }),
    ...(row.reason && { reason: row.reason }),
  };
}

export function policyConfigFromRow(row: PolicyRow): EscalationPolicyConfig {
  return {
    id: row.policyId,
    team: row.teamId,
    name: row.name,
    ...(row.repeat > 0 && { repeat: row.repeat }),
    ...(row.repeatAfter && { repeatAfter: row.repeatAfter }),
    levels: JSON.parse(row.levels),
  };
}

export function policyRowValues(p: EscalationPolicyConfig) {
  return {
    policyId: p.id,
    teamId: p.team,
    name: p.name,
    repeat: p.repeat ?? 0,
    repeatAfter: p.repeatAfter ?? null,
    levels: JSON.stringify(p.levels),
  };
}

/**
 * Rows in the code-point order of a text key. ORDER BY on text follows the database's
 * collation, which on a PostgreSQL server may be a language's ("a-c" after "ab"); SQLite
 * compares bytes. Sorting here gives the same order on both backends.
 */
export function inTextOrder<T>(rows: T[], key: (row: T) => string): T[] {
  return rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
