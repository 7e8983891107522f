// The PostgreSQL twin of schema.ts: the same exports, JS property names, SQL names, indexes,
// defaults and JS value types, so storage/ code typed against the SQLite schema runs
// unchanged on a shared server. Instants are bigint epoch milliseconds read as JS numbers,
// flags are booleans, autoincrement ids are identity columns ("by default", so `db copy`
// can keep the ids it copies). Keep the two files in step: test/storage/schema-pg.test.ts
// compares them.

import { pgTable, text, integer, bigint, boolean, index, primaryKey } from 'drizzle-orm/pg-core';

export const people = pgTable('people', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email'),
  timezone: text('timezone'),
  color: text('color'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  deletedAt: bigint('deleted_at', { mode: 'number' }),
});

export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** A date-holidays region code ("DE-BE"), for holiday hours in reports. */
  holidays: text('holidays'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  deletedAt: bigint('deleted_at', { mode: 'number' }),
});

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: text('team_id').notNull(),
    personId: text('person_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.personId] })],
);

export const schedules = pgTable('schedules', {
  id: text('id').primaryKey(),
  teamId: text('team_id').notNull(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  deletedAt: bigint('deleted_at', { mode: 'number' }),
});

/** One row per version of a layer; a change closes the old row and opens a new one. */
export const layers = pgTable(
  'layers',
  {
    rowId: integer('row_id').primaryKey().generatedByDefaultAsIdentity(),
    scheduleId: text('schedule_id').notNull(),
    layerId: text('layer_id').notNull(),
    position: integer('position').notNull(),
    /** Explicit `priority:`; null means "by position". */
    priority: integer('priority'),
    timezone: text('timezone').notNull(),
    start: text('start').notNull(),
    end: text('end'),
    shift: text('shift'),
    handoffs: text('handoffs'),
    /** JSON array of person ids. */
    members: text('members').notNull(),
    /** JSON array of restrictions in their YAML form. */
    restrictions: text('restrictions').notNull().default('[]'),
    disabled: boolean('disabled').notNull().default(false),
    /** The whole schedule was disabled for this version (the layer's own flag is `disabled`). */
    scheduleDisabled: boolean('schedule_disabled').notNull().default(false),
    /** Null: since the beginning of time (a schedule's first definition). */
    validFrom: bigint('valid_from', { mode: 'number' }),
    /** Null: until further notice. */
    validTo: bigint('valid_to', { mode: 'number' }),
    /**
     * Where this version's handoff grid starts, when a roster change kept the rotation's
     * position (wall clock, like `start`); null: the grid starts at `start`.
     */
    rotationStart: text('rotation_start'),
    /** Shift k of the grid goes to members[(k + offset) mod n]; null means 0. */
    rotationOffset: integer('rotation_offset'),
  },
  (t) => [index('layers_schedule').on(t.scheduleId, t.validTo)],
);

export const overrides = pgTable(
  'overrides',
  {
    /** Creation order: where overrides overlap, the higher id wins. */
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    scheduleId: text('schedule_id').notNull(),
    personId: text('person_id').notNull(),
    start: bigint('start', { mode: 'number' }).notNull(),
    end: bigint('end', { mode: 'number' }).notNull(),
    replaces: text('replaces'),
    reason: text('reason'),
    /**
     * Added to a schedule that already had a history, the override cannot change the past:
     * it counts only from the instant it took effect. Null for an override that came with
     * the schedule's first definition.
     */
    effectiveFrom: bigint('effective_from', { mode: 'number' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    /** Set when removed: the override then ends at min(end, removed_at). */
    removedAt: bigint('removed_at', { mode: 'number' }),
    /** 'file': `apply` owns it; 'cli': made from the command line, kept by `apply` unless --prune. */
    owner: text('owner', { enum: ['file', 'cli'] }).notNull().default('cli'),
  },
  (t) => [
    index('overrides_schedule_end').on(t.scheduleId, t.end),
    index('overrides_person_end').on(t.personId, t.end),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: bigint('at', { mode: 'number' }).notNull(),
    actor: text('actor').notNull(),
    entity: text('entity').notNull(),
    action: text('action').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    /** When the change takes effect; null in entries written before oncall recorded it. */
    effective: bigint('effective', { mode: 'number' }),
  },
  (t) => [index('audit_entity').on(t.entity, t.at)],
);

/** Calendars that `oncall calendar sync` keeps in step with a schedule or a person. */
export const calendarTargets = pgTable('calendar_targets', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  provider: text('provider', { enum: ['google', 'outlook'] }).notNull(),
  calendarId: text('calendar_id').notNull(),
  scheduleId: text('schedule_id'),
  personId: text('person_id'),
  days: integer('days').notNull().default(90),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  lastSyncAt: bigint('last_sync_at', { mode: 'number' }),
  syncedUntil: bigint('synced_until', { mode: 'number' }),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  deleted: integer('deleted').notNull().default(0),
  lastError: text('last_error'),
  lastErrorAt: bigint('last_error_at', { mode: 'number' }),
});

/** One row per version of an escalation policy, versioned like layers. */
export const escalationPolicies = pgTable(
  'escalation_policies',
  {
    rowId: integer('row_id').primaryKey().generatedByDefaultAsIdentity(),
    policyId: text('policy_id').notNull(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    repeat: integer('repeat').notNull().default(0),
    /** A normalised delay ("1h"); null means the default run length. */
    repeatAfter: text('repeat_after'),
    /** JSON array of `{targets, after}`. */
    levels: text('levels').notNull(),
    /** Null: since the beginning of time (the policy's first definition). */
    validFrom: bigint('valid_from', { mode: 'number' }),
    /** Null: until further notice. */
    validTo: bigint('valid_to', { mode: 'number' }),
  },
  (t) => [index('escalation_policies_id').on(t.policyId, t.validTo)],
);

/**
 * An incident and what happened to it. `chain` is the escalation chain as resolved when the
 * incident opened (JSON), so it keeps naming who was responsible then, whatever changes later.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    title: text('title').notNull(),
    policyId: text('policy_id').notNull(),
    severity: text('severity').notNull(),
    openedAt: bigint('opened_at', { mode: 'number' }).notNull(),
    openedBy: text('opened_by').notNull(),
    chain: text('chain').notNull(),
    acknowledgedAt: bigint('acknowledged_at', { mode: 'number' }),
    acknowledgedBy: text('acknowledged_by'),
    resolvedAt: bigint('resolved_at', { mode: 'number' }),
    resolvedBy: text('resolved_by'),
    note: text('note'),
  },
  (t) => [index('incidents_opened').on(t.openedAt)],
);

/** A person's absences. Removed ones are kept, marked, like everything else. */
export const timeOff = pgTable(
  'time_off',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    personId: text('person_id').notNull(),
    start: bigint('start', { mode: 'number' }).notNull(),
    end: bigint('end', { mode: 'number' }).notNull(),
    reason: text('reason'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    removedAt: bigint('removed_at', { mode: 'number' }),
    /** 'file': `apply` owns it; 'cli': made from the command line, kept by `apply` unless --prune. */
    owner: text('owner', { enum: ['file', 'cli'] }).notNull().default('cli'),
  },
  (t) => [index('time_off_person').on(t.personId, t.end)],
);

/** Final shifts kept for a horizon: see schema.ts. */
export const keptHorizons = pgTable('kept_horizons', {
  scheduleId: text('schedule_id').primaryKey(),
  start: bigint('start', { mode: 'number' }).notNull(),
  end: bigint('end', { mode: 'number' }).notNull(),
  engine: integer('engine').notNull(),
  /** The longest kept shift (ms): a shift overlapping [a, b) starts after a − longest. */
  longest: bigint('longest', { mode: 'number' }).notNull(),
});

export const keptShifts = pgTable(
  'kept_shifts',
  {
    scheduleId: text('schedule_id').notNull(),
    start: bigint('start', { mode: 'number' }).notNull(),
    end: bigint('end', { mode: 'number' }).notNull(),
    person: text('person'),
    source: text('source'),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.start] })],
);
