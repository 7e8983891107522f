import type { Change } from '../core/index.js';

// JSON output helpers: instants are always UTC ISO-8601 with a Z.

import { isoUtc } from '../core/index.js';

export const iso = isoUtc;

export function isoOrNull(instant: number | null): string | null {
  return instant === null ? null : iso(instant);
}

/** An override as JSON: its window as UTC instants, like every time in JSON output. */
export function overrideJson<T extends { from: number; to: number }>(o: T): Omit<T, 'from' | 'to'> & { from: string; to: string } {
  return { ...o, from: iso(o.from), to: iso(o.to) };
}

/** A stored audit value as JSON: override windows and time off (from/to instants) as UTC instants. */
export function auditValueJson(text: string | null): unknown {
  if (text === null) return null;
  const value = JSON.parse(text);
  if (Array.isArray(value?.timeOff)) return { ...value, timeOff: value.timeOff.map(overrideJson) };
  return typeof value?.from === 'number' && typeof value?.to === 'number' ? overrideJson(value) : value;
}

/** One planned or applied change as JSON (override windows as UTC instants, not keys). */
export function changeJson(c: Change) {
  const override = c.entity === 'override' ? (c.after ?? c.before)! : undefined;
  return {
    action: c.action,
    entity: c.entity,
    id: override ? `${override.person} ${iso(override.from)}/${iso(override.to)}` : c.id,
    ...('scheduleId' in c && { schedule: c.scheduleId }),
    ...(override && { override: overrideJson(override) }),
    ...(c.fields.length > 0 && { fields: c.fields }),
  };
}
