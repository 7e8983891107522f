// Builders for the rota-rule tables (check detectors, cover, override warnings); not a test file.
import type { LayerConfig, OverrideConfig, ScheduleConfig, FinalShifts, Shift } from '../../src/core/index.js';
import { at } from './helpers.js';

/** `seg('a', '10:00', '12:00')` on 2026-01-05 (UTC); person null is a gap. */
export function seg(person: string | null, from: string, to: string): Shift {
  return { start: at(`2026-01-05T${from}Z`), end: at(`2026-01-05T${to}Z`), person, source: person === null ? null : 'layer:l' };
}

export function shifts(id: string, shifts: Shift[], team = 'ops'): FinalShifts {
  return { schedule: { id, team }, shifts };
}

export function definition(id: string, fields: { layers?: Partial<LayerConfig>[]; overrides?: OverrideConfig[]; timezone?: string } = {}): ScheduleConfig {
  return {
    id,
    team: 'ops',
    name: id,
    timezone: fields.timezone ?? 'UTC',
    layers: (fields.layers ?? []).map((l, i) => ({ id: `l${i + 1}`, start: '2026-01-01T00:00', shift: '1w', members: ['a', 'b'], ...l })),
    overrides: fields.overrides ?? [],
  };
}

export function override(person: string, from: string, to: string): OverrideConfig {
  return { person, from: at(`2026-01-05T${from}Z`), to: at(`2026-01-05T${to}Z`) };
}

/** "10:00" on 2026-01-05, UTC. */
export function t(clock: string): number {
  return at(`2026-01-05T${clock}Z`);
}
