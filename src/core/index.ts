// The public surface of the scheduling core: pure functions, no I/O, no clock.
export * from './types.js';
export type * from './timeline-data.js';
export * from './config.js';
export * from './wall-clock.js';
export * from './values.js';
export * from './time-input.js';
export { makeRotation, type Rotation } from './rotation.js';
export { restrictionIntervals } from './restrictions.js';
export { layerShifts, layerLifetime, rotationProblem, memberOf, MAX_LAYER_SHIFTS } from './layer.js';
export * from './roster-change.js';
export { layerTurns, type Turn } from './layer-turns.js';
export * from './swap-plan.js';
export { resolveSchedule, stackLayers, applyOverrides, mergeNeighbours, shiftAt, shiftsByLayer, fillGaps, type LayerShifts } from './resolve.js';
export * from './plan.js';
export { keepEndedOverrides } from './ended-overrides.js';
// normalize.ts and config-schema.ts load zod; import them directly where files are checked,
// so that read-only commands never pay for it.
export { sequenceOf, type ChangeHistory } from './sequence.js';
export * from './sync-plan.js';
export * from './duration.js';
export * from './text.js';
export * from './find.js';
export * from './escalation.js';
export * from './overlap.js';
export * from './continuous-shifts.js';
export * from './problems.js';
export * from './shift-problems.js';
export * from './definition-problems.js';
export * from './rota-problems.js';
export * from './cover.js';
export * from './incident.js';
export * from './incident-events.js';
export * from './override-lane.js';
export * from './override-warnings.js';
export * from './override-effect.js';
export * from './ownership.js';
export * from './hand-changes.js';
