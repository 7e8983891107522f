// Making the database match a desired configuration, in one transaction, without rewriting
// history: a changed layer closes its current version at the effective instant and opens a
// new one; removed things are marked, never deleted; every change is written to the audit log.

import { and, eq, gt, gte, isNull, lte, or } from 'drizzle-orm';
import type { Change, Config, LayerConfig, OverrideConfig, ScheduleConfig, TimeOffConfig } from '../core/index.js';
import { canonicalJson, continueRotation, overrideKey, timeOffKey } from '../core/index.js';
import type { Orm, Store } from './store.js';
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

/**
 * Carries out a plan made by `planChanges(current, desired)`. Callers run it inside
 * `Store.write`, whose one transaction holds it together with what they read and check.
 */
export async function applyPlan(orm: Orm, desired: Config, changes: Change[], ctx: WriteContext): Promise<Written> {
  const written: Written = { overrides: [] };
  const existed = await everScheduled(orm);
  for (const change of changes) {
    if (change.entity === 'person') await writePerson(orm, change, ctx);
    else if (change.entity === 'team') await writeTeam(orm, change, ctx);
    else if (change.entity === 'schedule' && change.action === 'remove') await removeSchedule(orm, change.id, ctx);
    else if (change.entity === 'policy') await writePolicy(orm, change, ctx);
  }
  const scheduleParts = new Set(['schedule', 'layer', 'override']);
  const touched = new Set(changes.filter((c) => scheduleParts.has(c.entity)).map((c) => ('scheduleId' in c ? c.scheduleId : c.id)));
  const layerEffective = new Map(
    changes.flatMap((c) => (c.entity === 'layer' && c.effective !== undefined ? [[`${c.scheduleId}/${c.id}`, c.effective]] : [])),
  );
  const scheduleRows = new Set(changes.filter((c) => c.entity === 'schedule').map((c) => c.id));
  for (const schedule of desired.schedules) {
    if (!touched.has(schedule.id)) continue;
    const isNew = !existed.has(schedule.id);
    await writeSchedule(orm, schedule, isNew, isNew || scheduleRows.has(schedule.id), ctx, written, layerEffective);
  }
  for (const change of changes) {
    const effective = change.entity === 'layer' ? change.effective : undefined;
    await audit(orm, ctx, auditEntity(change), change.action, change.before, change.after, effective ?? ctx.effective);
  }
  return written;
}

function auditEntity(change: Change): string {
  if (change.entity === 'layer') return `layer:${change.scheduleId}/${change.id}`;
  if (change.entity === 'override') return `override:${change.scheduleId}`;
  return `${change.entity}:${change.id}`;
}

/** `effective` defaults to the context's; a change that lands at an instant of its own passes that. */
export async function audit(
  { db, t }: Orm, ctx: WriteContext, entity: string, action: string, before: unknown, after: unknown, effective = ctx.effective,
): Promise<void> {
  await db.insert(t.auditLog)
    .values({
      at: ctx.now,
      actor: ctx.actor,
      entity,
      action,
      oldValue: before === undefined ? null : JSON.stringify(before),
      newValue: after === undefined ? null : JSON.stringify(after),
      effective,
    });
}

async function writePerson({ db, t }: Orm, change: Extract<Change, { entity: 'person' }>, ctx: WriteContext): Promise<void> {
  if (change.action === 'remove') {
    await db.update(t.people).set({ deletedAt: ctx.effective }).where(eq(t.people.id, change.id));
    await syncTimeOff({ db, t }, change.id, [], ctx);
    return;
  }
  const p = change.after!;
  const values = { name: p.name, email: p.email ?? null, timezone: p.timezone ?? null, color: p.color ?? null, deletedAt: null };
  const before = change.before;
  // Time off alone changed: the person's row stays as it is (a responder may change time off,
  // not people; see `oncall db roles`).
  const sameRow = before && canonicalJson({ ...before, timeOff: undefined }) === canonicalJson({ ...p, timeOff: undefined });
  if (!sameRow) {
    await db
      .insert(t.people)
      .values({ id: p.id, createdAt: ctx.now, ...values })
      .onConflictDoUpdate({ target: t.people.id, set: values });
  }
  await syncTimeOff({ db, t }, p.id, p.timeOff ?? [], ctx);
}

async function syncTimeOff({ db, t }: Orm, personId: string, wanted: TimeOffConfig[], ctx: WriteContext): Promise<void> {
  const current = await db.select().from(t.timeOff).where(and(eq(t.timeOff.personId, personId), isNull(t.timeOff.removedAt)));
  const unmatched = [...current];
  for (const entry of wanted) {
    const i = unmatched.findIndex((row) => timeOffKey({ from: row.start, to: row.end }) === timeOffKey(entry));
    if (i < 0) {
      await db.insert(t.timeOff).values({
        personId, start: entry.from, end: entry.to, reason: entry.reason ?? null, createdAt: ctx.now, owner: ctx.owner ?? 'cli',
      });
      continue;
    }
    const [row] = unmatched.splice(i, 1);
    if ((row.reason ?? undefined) !== entry.reason) {
      await db.update(t.timeOff).set({ reason: entry.reason ?? null }).where(eq(t.timeOff.id, row.id));
    }
  }
  for (const row of unmatched) await db.update(t.timeOff).set({ removedAt: ctx.now }).where(eq(t.timeOff.id, row.id));
}

async function writeTeam({ db, t }: Orm, change: Extract<Change, { entity: 'team' }>, ctx: WriteContext): Promise<void> {
  if (change.action === 'remove') {
    await db.update(t.teams).set({ deletedAt: ctx.effective }).where(eq(t.teams.id, change.id));
    await db.delete(t.teamMembers).where(eq(t.teamMembers.teamId, change.id));
    return;
  }
  const team = change.after!;
  await db
    .insert(t.teams)
    .values({ id: team.id, name: team.name, holidays: team.holidays ?? null, createdAt: ctx.now })
    .onConflictDoUpdate({ target: t.teams.id, set: { name: team.name, holidays: team.holidays ?? null, deletedAt: null } });
  await db.delete(t.teamMembers).where(eq(t.teamMembers.teamId, team.id));
  for (const [position, personId] of team.members.entries()) {
    await db.insert(t.teamMembers).values({ teamId: team.id, personId, position });
  }
}

async function writeSchedule(
  orm: Orm, s: ScheduleConfig, isNew: boolean, rowChanged: boolean, ctx: WriteContext, written: Written,
  layerEffective: Map<string, number>,
): Promise<void> {
  const { db, t } = orm;
  // Only a change to the schedule itself writes its row: an override alone must not need the
  // right to change schedules (see `oncall db roles`).
  if (rowChanged) {
    const values = { teamId: s.team, name: s.name, timezone: s.timezone, disabled: s.disabled ?? false, deletedAt: null };
    await db
      .insert(t.schedules)
      .values({ id: s.id, createdAt: ctx.now, ...values })
      .onConflictDoUpdate({ target: t.schedules.id, set: values });
  }
  // A schedule's first definition holds for all time; later ones from the effective instant.
  const from = isNew ? null : ctx.effective;
  await syncLayers(orm, s, isNew, ctx, layerEffective);
  await syncOverrides(orm, s.id, s.overrides, from, ctx, written);
}

async function syncLayers(orm: Orm, s: ScheduleConfig, isNew: boolean, ctx: WriteContext, layerEffective: Map<string, number>): Promise<void> {
  const { db, t } = orm;
  const open = await db.select().from(t.layers).where(and(eq(t.layers.scheduleId, s.id), isNull(t.layers.validTo)));
  const openById = new Map(open.map((row) => [row.layerId, row]));
  for (const [position, layer] of s.layers.entries()) {
    const row = openById.get(layer.id);
    const same =
      row &&
      row.position === position &&
      row.timezone === s.timezone &&
      row.scheduleDisabled === (s.disabled ?? false) &&
      canonicalJson(layerConfigFromRow(row)) === canonicalJson(layer);
    if (same) continue;
    // A roster change may wait for the layer's next handoff (see app/roster-timing.ts).
    const at = layerEffective.get(`${s.id}/${layer.id}`) ?? ctx.effective;
    const values = layerRowValues(layer, position, s.timezone, s.disabled ?? false);
    const kept = isNew ? undefined : await keptPosition(orm, s.id, layer.id, values, at);
    await closeLayer(orm, s.id, layer.id, at);
    await db.insert(t.layers).values({
      scheduleId: s.id,
      ...values,
      validFrom: isNew ? null : at,
      validTo: null,
      rotationStart: kept?.rotationStart ?? null,
      rotationOffset: kept?.rotationOffset ?? null,
    });
  }
  const wanted = new Set(s.layers.map((l: LayerConfig) => l.id));
  for (const row of open) if (!wanted.has(row.layerId)) await closeLayer(orm, s.id, row.layerId, ctx.effective);
}

/** How a new version starting at `at` continues the rotation of the version in force just before. */
async function keptPosition(
  { db, t }: Orm, scheduleId: string, layerId: string, values: ReturnType<typeof layerRowValues>, at: number,
) {
  const before = at - 1;
  const [previous] = await db
    .select()
    .from(t.layers)
    .where(
      and(
        eq(t.layers.scheduleId, scheduleId),
        eq(t.layers.layerId, layerId),
        or(isNull(t.layers.validFrom), lte(t.layers.validFrom, before)),
        or(isNull(t.layers.validTo), gt(t.layers.validTo, before)),
      ),
    );
  if (!previous) return undefined;
  const next = layerFromRow({ ...previous, ...values, validFrom: at, validTo: null, rotationStart: null, rotationOffset: null });
  return continueRotation(layerFromRow(previous), next, at);
}

/** Ends a layer's versions at `at`; versions that would only have started later are dropped. */
async function closeLayer({ db, t }: Orm, scheduleId: string, layerId: string, at: number): Promise<void> {
  const ofLayer = and(eq(t.layers.scheduleId, scheduleId), eq(t.layers.layerId, layerId));
  await db.delete(t.layers).where(and(ofLayer, gte(t.layers.validFrom, at)));
  await db.update(t.layers).set({ validTo: at }).where(and(ofLayer, or(isNull(t.layers.validTo), gt(t.layers.validTo, at))));
}

async function syncOverrides(
  { db, t }: Orm,
  scheduleId: string,
  wanted: OverrideConfig[],
  effectiveFrom: number | null,
  ctx: WriteContext,
  written: Written,
): Promise<void> {
  const open = await db.select().from(t.overrides).where(and(eq(t.overrides.scheduleId, scheduleId), isNull(t.overrides.removedAt)));
  const unmatched = [...open];
  for (const o of wanted) {
    const i = unmatched.findIndex((row) => overrideKey(overrideConfigFromRow(row)) === overrideKey(o));
    if (i < 0) {
      const [row] = await db
        .insert(t.overrides)
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
        .returning({ id: t.overrides.id });
      written.overrides.push({ scheduleId, id: row.id, override: o });
      continue;
    }
    const [row] = unmatched.splice(i, 1);
    if ((row.reason ?? undefined) !== o.reason) {
      await db.update(t.overrides).set({ reason: o.reason ?? null }).where(eq(t.overrides.id, row.id));
    }
  }
  for (const row of unmatched) {
    await db.update(t.overrides).set({ removedAt: ctx.effective }).where(eq(t.overrides.id, row.id));
  }
}

async function removeSchedule(orm: Orm, id: string, ctx: WriteContext): Promise<void> {
  const { db, t } = orm;
  await db.update(t.schedules).set({ deletedAt: ctx.effective }).where(eq(t.schedules.id, id));
  const open = await db.select({ layerId: t.layers.layerId }).from(t.layers).where(and(eq(t.layers.scheduleId, id), isNull(t.layers.validTo)));
  for (const row of open) await closeLayer(orm, id, row.layerId, ctx.effective);
  await db
    .update(t.overrides)
    .set({ removedAt: ctx.effective })
    .where(and(eq(t.overrides.scheduleId, id), isNull(t.overrides.removedAt)));
}

/** Like a layer, a policy is versioned: a change closes the current version at the effective instant. */
async function writePolicy({ db, t }: Orm, change: Extract<Change, { entity: 'policy' }>, ctx: WriteContext): Promise<void> {
  const policies = t.escalationPolicies;
  const ofPolicy = eq(policies.policyId, change.id);
  const existed = (await db.select({ rowId: policies.rowId }).from(policies).where(ofPolicy).limit(1)).length > 0;
  await db.delete(policies).where(and(ofPolicy, gte(policies.validFrom, ctx.effective)));
  await db
    .update(policies)
    .set({ validTo: ctx.effective })
    .where(and(ofPolicy, or(isNull(policies.validTo), gt(policies.validTo, ctx.effective))));
  if (change.action === 'remove') return;
  // The first definition holds for all time, so an incident back-dated with --at can use it.
  await db.insert(policies).values({ ...policyRowValues(change.after!), validFrom: existed ? ctx.effective : null, validTo: null });
}

/**
 * `apply` may change any definition. On a shared database it claims the definition tables for
 * writing first, which PostgreSQL allows only a role that may change them (oncall_admin): so
 * an apply that happens to add only overrides is refused to a responder as well. ROW EXCLUSIVE
 * is the mode every INSERT and UPDATE takes anyway; it holds up no reader and no writer.
 */
export async function claimDefinitions(store: Store): Promise<void> {
  if (store.backend !== 'postgres') return;
  await store.sql.run('LOCK TABLE people, teams, team_members, schedules, layers, escalation_policies IN ROW EXCLUSIVE MODE');
}
