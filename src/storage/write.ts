// Making the database match a desired configuration, in one transaction, without rewriting
// history: a changed layer closes its current version at the effective instant and opens a
// new one; removed things are marked, never deleted; every change is written to the audit log.

import { and, eq, gt, gte, isNull, lte, or } from 'drizzle-orm';
import type { Change, Config, LayerConfig, OverrideConfig, ScheduleConfig, TimeOffConfig } from '../core/index.js';
import { canonicalJson, continueRotation, overrideKey, timeOffKey } from '../core/index.js';
import type { Db } from './open.js';
import { auditLog, escalationPolicies, layers, overrides, people, schedules, teamMembers, teams, timeOff } from './schema.js';
import { layerConfigFromRow, layerFromRow, layerRowValues, overrideConfigFromRow, policyRowValues } from './rows.js';
import { everScheduled } from './state.js';

export interface WriteContext {
  /** When the change takes effect (never before now). */
  effective: number;
  /** When it is made, for the audit log. */
  now: number;
  actor: string;
  /** Who owns the overrides and time off this writes: 'file' for `apply`, else the command line. */
  owner?: 'file' | 'cli';
}

/** What a plan's writing created that callers may need to name: the ids of new overrides. */
export interface Written {
  overrides: { scheduleId: string; id: number; override: OverrideConfig }[];
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Carries out a plan made by `planChanges(current, desired)` in one transaction. */
export function applyPlan(db: Db, desired: Config, changes: Change[], ctx: WriteContext): Written {
  const written: Written = { overrides: [] };
  db.transaction((tx) => {
    const existed = everScheduled(db);
    for (const change of changes) {
      if (change.entity === 'person') writePerson(tx, change, ctx);
      else if (change.entity === 'team') writeTeam(tx, change, ctx);
      else if (change.entity === 'schedule' && change.action === 'remove') removeSchedule(tx, change.id, ctx);
      else if (change.entity === 'policy') writePolicy(tx, change, ctx);
    }
    const scheduleParts = new Set(['schedule', 'layer', 'override']);
    const touched = new Set(changes.filter((c) => scheduleParts.has(c.entity)).map((c) => ('scheduleId' in c ? c.scheduleId : c.id)));
    const layerEffective = new Map(
      changes.flatMap((c) => (c.entity === 'layer' && c.effective !== undefined ? [[`${c.scheduleId}/${c.id}`, c.effective]] : [])),
    );
    for (const schedule of desired.schedules) {
      if (touched.has(schedule.id)) writeSchedule(tx, schedule, !existed.has(schedule.id), ctx, written, layerEffective);
    }
    for (const change of changes) {
      const effective = change.entity === 'layer' ? change.effective : undefined;
      audit(tx, ctx, auditEntity(change), change.action, change.before, change.after, effective ?? ctx.effective);
    }
  });
  return written;
}

function auditEntity(change: Change): string {
  if (change.entity === 'layer') return `layer:${change.scheduleId}/${change.id}`;
  if (change.entity === 'override') return `override:${change.scheduleId}`;
  return `${change.entity}:${change.id}`;
}

/** `effective` defaults to the context's; a change that lands at an instant of its own passes that. */
export function audit(
  tx: Tx, ctx: WriteContext, entity: string, action: string, before: unknown, after: unknown, effective = ctx.effective,
): void {
  tx.insert(auditLog)
    .values({
      at: ctx.now,
      actor: ctx.actor,
      entity,
      action,
      oldValue: before === undefined ? null : JSON.stringify(before),
      newValue: after === undefined ? null : JSON.stringify(after),
      effective,
    })
    .run();
}

function writePerson(tx: Tx, change: Extract<Change, { entity: 'person' }>, ctx: WriteContext): void {
  if (change.action === 'remove') {
    tx.update(people).set({ deletedAt: ctx.effective }).where(eq(people.id, change.id)).run();
    syncTimeOff(tx, change.id, [], ctx);
    return;
  }
  const p = change.after!;
  const values = { name: p.name, email: p.email ?? null, timezone: p.timezone ?? null, color: p.color ?? null, deletedAt: null };
  tx.insert(people)
    .values({ id: p.id, createdAt: ctx.now, ...values })
    .onConflictDoUpdate({ target: people.id, set: values })
    .run();
  syncTimeOff(tx, p.id, p.timeOff ?? [], ctx);
}

function syncTimeOff(tx: Tx, personId: string, wanted: TimeOffConfig[], ctx: WriteContext): void {
  const current = tx.select().from(timeOff).where(and(eq(timeOff.personId, personId), isNull(timeOff.removedAt))).all();
  const unmatched = [...current];
  for (const t of wanted) {
    const i = unmatched.findIndex((row) => timeOffKey({ from: row.start, to: row.end }) === timeOffKey(t));
    if (i < 0) {
      tx.insert(timeOff).values({ personId, start: t.from, end: t.to, reason: t.reason ?? null, createdAt: ctx.now, owner: ctx.owner ?? 'cli' }).run();
      continue;
    }
    const [row] = unmatched.splice(i, 1);
    if ((row.reason ?? undefined) !== t.reason) tx.update(timeOff).set({ reason: t.reason ?? null }).where(eq(timeOff.id, row.id)).run();
  }
  for (const row of unmatched) tx.update(timeOff).set({ removedAt: ctx.now }).where(eq(timeOff.id, row.id)).run();
}

function writeTeam(tx: Tx, change: Extract<Change, { entity: 'team' }>, ctx: WriteContext): void {
  if (change.action === 'remove') {
    tx.update(teams).set({ deletedAt: ctx.effective }).where(eq(teams.id, change.id)).run();
    tx.delete(teamMembers).where(eq(teamMembers.teamId, change.id)).run();
    return;
  }
  const t = change.after!;
  tx.insert(teams)
    .values({ id: t.id, name: t.name, holidays: t.holidays ?? null, createdAt: ctx.now })
    .onConflictDoUpdate({ target: teams.id, set: { name: t.name, holidays: t.holidays ?? null, deletedAt: null } })
    .run();
  tx.delete(teamMembers).where(eq(teamMembers.teamId, t.id)).run();
  t.members.forEach((personId: string, position: number) => {
    tx.insert(teamMembers).values({ teamId: t.id, personId, position }).run();
  });
}

function writeSchedule(
  tx: Tx, s: ScheduleConfig, isNew: boolean, ctx: WriteContext, written: Written, layerEffective: Map<string, number>,
): void {
  const values = { teamId: s.team, name: s.name, timezone: s.timezone, disabled: s.disabled ?? false, deletedAt: null };
  tx.insert(schedules)
    .values({ id: s.id, createdAt: ctx.now, ...values })
    .onConflictDoUpdate({ target: schedules.id, set: values })
    .run();
  // A schedule's first definition holds for all time; later ones from the effective instant.
  const from = isNew ? null : ctx.effective;
  syncLayers(tx, s, isNew, ctx, layerEffective);
  syncOverrides(tx, s.id, s.overrides, from, ctx, written);
}

function syncLayers(tx: Tx, s: ScheduleConfig, isNew: boolean, ctx: WriteContext, layerEffective: Map<string, number>): void {
  const open = tx.select().from(layers).where(and(eq(layers.scheduleId, s.id), isNull(layers.validTo))).all();
  const openById = new Map(open.map((row) => [row.layerId, row]));
  s.layers.forEach((layer, position) => {
    const row = openById.get(layer.id);
    const same =
      row &&
      row.position === position &&
      row.timezone === s.timezone &&
      row.scheduleDisabled === (s.disabled ?? false) &&
      canonicalJson(layerConfigFromRow(row)) === canonicalJson(layer);
    if (same) return;
    // A roster change may wait for the layer's next handoff (see app/roster-timing.ts).
    const at = layerEffective.get(`${s.id}/${layer.id}`) ?? ctx.effective;
    const values = layerRowValues(layer, position, s.timezone, s.disabled ?? false);
    const kept = isNew ? undefined : keptPosition(tx, s.id, layer.id, values, at);
    closeLayer(tx, s.id, layer.id, at);
    tx.insert(layers)
      .values({
        scheduleId: s.id,
        ...values,
        validFrom: isNew ? null : at,
        validTo: null,
        rotationStart: kept?.rotationStart ?? null,
        rotationOffset: kept?.rotationOffset ?? null,
      })
      .run();
  });
  const wanted = new Set(s.layers.map((l: LayerConfig) => l.id));
  for (const row of open) if (!wanted.has(row.layerId)) closeLayer(tx, s.id, row.layerId, ctx.effective);
}

/** How a new version starting at `at` continues the rotation of the version in force just before. */
function keptPosition(tx: Tx, scheduleId: string, layerId: string, values: ReturnType<typeof layerRowValues>, at: number) {
  const before = at - 1;
  const [previous] = tx
    .select()
    .from(layers)
    .where(
      and(
        eq(layers.scheduleId, scheduleId),
        eq(layers.layerId, layerId),
        or(isNull(layers.validFrom), lte(layers.validFrom, before)),
        or(isNull(layers.validTo), gt(layers.validTo, before)),
      ),
    )
    .all();
  if (!previous) return undefined;
  const next = layerFromRow({ ...previous, ...values, validFrom: at, validTo: null, rotationStart: null, rotationOffset: null });
  return continueRotation(layerFromRow(previous), next, at);
}

/** Ends a layer's versions at `at`; versions that would only have started later are dropped. */
function closeLayer(tx: Tx, scheduleId: string, layerId: string, at: number): void {
  const ofLayer = and(eq(layers.scheduleId, scheduleId), eq(layers.layerId, layerId));
  tx.delete(layers).where(and(ofLayer, gte(layers.validFrom, at))).run();
  tx.update(layers).set({ validTo: at }).where(and(ofLayer, or(isNull(layers.validTo), gt(layers.validTo, at)))).run();
}

function syncOverrides(
  tx: Tx,
  scheduleId: string,
  wanted: OverrideConfig[],
  effectiveFrom: number | null,
  ctx: WriteContext,
  written: Written,
): void {
  const open = tx.select().from(overrides).where(and(eq(overrides.scheduleId, scheduleId), isNull(overrides.removedAt))).all();
  const unmatched = [...open];
  for (const o of wanted) {
    const i = unmatched.findIndex((row) => overrideKey(overrideConfigFromRow(row)) === overrideKey(o));
    if (i < 0) {
      const row = tx
        .insert(overrides)
        .values({
          scheduleId,
          personId: o.person,
          start: o.from,
          end: o.to,
          replaces: o.replaces ?? null,
          reason: o.reason ?? null,
          // On an existing schedule an override cannot reach back before its effective
          // instant; null marks an override of the schedule's first definition.
          effectiveFrom,
          createdAt: ctx.now,
          owner: ctx.owner ?? 'cli',
        })
        .returning({ id: overrides.id })
        .get();
      written.overrides.push({ scheduleId, id: row.id, override: o });
      continue;
    }
    const [row] = unmatched.splice(i, 1);
    if ((row.reason ?? undefined) !== o.reason) {
      tx.update(overrides).set({ reason: o.reason ?? null }).where(eq(overrides.id, row.id)).run();
    }
  }
  for (const row of unmatched) {
    tx.update(overrides).set({ removedAt: ctx.effective }).where(eq(overrides.id, row.id)).run();
  }
}

function removeSchedule(tx: Tx, id: string, ctx: WriteContext): void {
  tx.update(schedules).set({ deletedAt: ctx.effective }).where(eq(schedules.id, id)).run();
  const open = tx.select({ layerId: layers.layerId }).from(layers).where(and(eq(layers.scheduleId, id), isNull(layers.validTo))).all();
  for (const row of open) closeLayer(tx, id, row.layerId, ctx.effective);
  tx.update(overrides).set({ removedAt: ctx.effective }).where(and(eq(overrides.scheduleId, id), isNull(overrides.removedAt))).run();
}

/** Like a layer, a policy is versioned: a change closes the current version at the effective instant. */
function writePolicy(tx: Tx, change: Extract<Change, { entity: 'policy' }>, ctx: WriteContext): void {
  const ofPolicy = eq(escalationPolicies.policyId, change.id);
  const existed = tx.select({ rowId: escalationPolicies.rowId }).from(escalationPolicies).where(ofPolicy).limit(1).all().length > 0;
  tx.delete(escalationPolicies).where(and(ofPolicy, gte(escalationPolicies.validFrom, ctx.effective))).run();
  tx.update(escalationPolicies)
    .set({ validTo: ctx.effective })
    .where(and(ofPolicy, or(isNull(escalationPolicies.validTo), gt(escalationPolicies.validTo, ctx.effective))))
    .run();
  if (change.action === 'remove') return;
  // The first definition holds for all time, so an incident back-dated with --at can use it.
  tx.insert(escalationPolicies)
    .values({ ...policyRowValues(change.after!), validFrom: existed ? ctx.effective : null, validTo: null })
    .run();
}
