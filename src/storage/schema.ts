// The database schema. Instants are integer epoch milliseconds (UTC). Nothing is ever
// deleted outright: people, teams and schedules get `deleted_at`, layer definitions are
// versioned by [valid_from, valid_to), and overrides get `removed_at`, so the past can
// always be resolved exactly as it was.

import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

export const people = sqliteTable('people', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email'),
  timezone: text('timezone'),
  color: text('color'),
  createdAt: integer('created_at').notNull(),
  deletedAt: integer('deleted_at'),
});

export const teams = sqliteTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** A date-holidays region code ("DE-BE"), for holiday hours in reports. */
  holidays: text('holidays'),
  createdAt: integer('created_at').notNull(),
  deletedAt: integer('deleted_at'),
});

export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: text('team_id').notNull(),
    personId: text('person_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.personId] })],
);

export const schedules = sqliteTable('schedules', {
  id: text('id').primaryKey(),
  teamId: text('team_id').notNull(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  deletedAt: integer('deleted_at'),
});

/** One row per version of a layer; a change closes the old row and opens a new one. */
export const layers = sqliteTable(
  'layers',
  {
    rowId: integer('row_id').primaryKey({ autoIncrement: true }),
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
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    /** The whole schedule was disabled for this version (the layer's own flag is `disabled`). */
    scheduleDisabled: integer('schedule_disabled', { mode: 'boolean' }).notNull().default(false),
    /** Null: since the beginning of time (a schedule's first definition). */
    validFrom: integer('valid_from'),
    /** Null: until further notice. */
    validTo: integer('valid_to'),
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

export const overrides = sqliteTable(
  'overrides',
  {
    /** Creation order: where overrides overlap, the higher id wins. */
    id: integer('id').primaryKey({ autoIncrement: true }),
    scheduleId: text('schedule_id').notNull(),
    personId: text('person_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    replaces: text('replaces'),
    reason: text('reason'),
    /**
     * Added to a schedule that already had a history, the override cannot change the past:
     * it counts only from the instant it took effect. Null for an override that came with
     * the schedule's first definition.
     */
    effectiveFrom: integer('effective_from'),
    createdAt: integer('created_at').notNull(),
    /** Set when removed: the override then ends at min(end, removed_at). */
    removedAt: integer('removed_at'),
    /** 'file': `apply` owns it; 'cli': made from the command line, kept by `apply` unless --prune. */
    owner: text('owner', { enum: ['file', 'cli'] }).notNull().default('cli'),
  },
  (t) => [
    index('overrides_schedule_end').on(t.scheduleId, t.end),
    index('overrides_person_end').on(t.personId, t.end),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    entity: text('entity').notNull(),
    action: text('action').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    /** When the change takes effect; null in entries written before oncall recorded it. */
    effective: integer('effective'),
  },
  (t) => [index('audit_entity').on(t.entity, t.at)],
);

/** Calendars that `oncall calendar sync` keeps in step with a schedule or a person. */
export const calendarTargets = sqliteTable('calendar_targets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  provider: text('provider', { enum: ['google', 'outlook'] }).notNull(),
  calendarId: text('calendar_id').notNull(),
  scheduleId: text('schedule_id'),
  personId: text('person_id'),
  days: integer('days').notNull().default(90),
  createdAt: integer('created_at').notNull(),
  lastSyncAt: integer('last_sync_at'),
  syncedUntil: integer('synced_until'),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  deleted: integer('deleted').notNull().default(0),
  lastError: text('last_error'),
  lastErrorAt: integer('last_error_at'),
});

/** One row per version of an escalation policy, versioned like layers. */
export const escalationPolicies = sqliteTable(
  'escalation_policies',
  {
    rowId: integer('row_id').primaryKey({ autoIncrement: true }),
    policyId: text('policy_id').notNull(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    repeat: integer('repeat').notNull().default(0),
    /** A normalised delay ("1h"); null means the default run length. */
    repeatAfter: text('repeat_after'),
    /** JSON array of `{targets, after}`. */
    levels: text('levels').notNull(),
    /** Null: since the beginning of time (the policy's first definition). */
    validFrom: integer('valid_from'),
    /** Null: until further notice. */
    validTo: integer('valid_to'),
  },
  (t) => [index('escalation_policies_id').on(t.policyId, t.validTo)],
);

/**
 * An incident and what happened to it. `chain` is the escalation chain as resolved when the
 * incident opened (JSON), so it keeps naming who was responsible then, whatever changes later.
 */
export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    policyId: text('policy_id').notNull(),
    severity: text('severity').notNull(),
    openedAt: integer('opened_at').notNull(),
    openedBy: text('opened_by').notNull(),
    chain: text('chain').notNull(),
    acknowledgedAt: integer('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    resolvedAt: integer('resolved_at'),
    resolvedBy: text('resolved_by'),
    note: text('note'),
  },
  (t) => [index('incidents_opened').on(t.openedAt)],
);

/** A person's absences. Removed ones are kept, marked, like everything else. */
export const timeOff = sqliteTable(
  'time_off',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: text('person_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    reason: text('reason'),
    createdAt: integer('created_at').notNull(),
    removedAt: integer('removed_at'),
    /** 'file': `apply` owns it; 'cli': made from the command line, kept by `apply` unless --prune. */
    owner: text('owner', { enum: ['file', 'cli'] }).notNull().default('cli'),
  },
  (t) => [index('time_off_person').on(t.personId, t.end)],
);

/**
 * Final shifts kept for a horizon, so `who` reads its answer instead of resolving every
 * schedule. Derived data, never history: triggers on layers, overrides and schedules forget a
 * schedule's horizon in the transaction that changes it, and every write then keeps the
 * schedules that have none again before it commits (app/kept-shifts.ts, docs/design.md).
 */
export const keptHorizons = sqliteTable('kept_horizons', {
  scheduleId: text('schedule_id').primaryKey(),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
  /** The resolution engine that computed them: another oncall's are not trusted. */
  engine: integer('engine').notNull(),
  /** The longest kept shift (ms): a shift overlapping [a, b) starts after a − longest. */
  longest: integer('longest').notNull(),
});

/** The final shifts of a kept schedule: sorted, tiling its horizon, gaps as a null person. */
export const keptShifts = sqliteTable(
  'kept_shifts',
  {
    scheduleId: text('schedule_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    person: text('person'),
    source: text('source'),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.start] })],
);
