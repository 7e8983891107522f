// Incidents: one row each, written in one transaction together with its audit entry.

import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import type { ChainStep, Incident } from '../core/index.js';
import { isoUtc } from '../core/index.js';
import type { incidents } from './schema.js';
import type { Orm, Store } from './store.js';
import { audit, type WriteContext } from './write.js';

export type IncidentRow = typeof incidents.$inferSelect;

export type { Incident } from '../core/index.js';

function fromRow(row: IncidentRow): Incident {
  return { ...row, chain: JSON.parse(row.chain) };
}

export interface NewIncident {
  title: string;
  policyId: string;
  severity: string;
  openedAt: number;
  chain: ChainStep[];
}

export async function insertIncident(store: Store, incident: NewIncident, ctx: WriteContext): Promise<Incident> {
  const orm = await store.orm();
  return store.write(async () => {
    const [row] = await orm.db
      .insert(orm.t.incidents)
      .values({ ...incident, chain: JSON.stringify(incident.chain), openedBy: ctx.actor })
      .returning();
    await audit(orm, ctx, `incident:${row.id}`, 'open', undefined, { title: row.title, policy: row.policyId, severity: row.severity, openedAt: isoUtc(row.openedAt) });
    return fromRow(row);
  });
}

export async function incidentById(store: Store, id: number): Promise<Incident | undefined> {
  return byId(await store.orm(), id);
}

async function byId({ db, t }: Orm, id: number): Promise<Incident | undefined> {
  const [row] = await db.select().from(t.incidents).where(eq(t.incidents.id, id));
  return row && fromRow(row);
}

export async function listIncidents(store: Store, filter: { openOnly?: boolean; since?: number; until?: number }): Promise<Incident[]> {
  const { db, t } = await store.orm();
  const conditions = [
    ...(filter.openOnly ? [isNull(t.incidents.resolvedAt)] : []),
    ...(filter.since !== undefined ? [gte(t.incidents.openedAt, filter.since)] : []),
  ];
  const rows = await db
    .select()
    .from(t.incidents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(t.incidents.openedAt), desc(t.incidents.id));
  return rows.filter((row) => filter.until === undefined || row.openedAt < filter.until).map(fromRow);
}

export type IncidentUpdate = Partial<Pick<IncidentRow, 'acknowledgedAt' | 'acknowledgedBy' | 'resolvedAt' | 'resolvedBy' | 'note'>>;

/**
 * Changes an incident after `check` (run inside the write lock) accepts its current state,
 * so two people acknowledging at once cannot both succeed.
 */
export async function updateIncident(
  store: Store,
  id: number,
  action: string,
  check: (current: Incident | undefined) => IncidentUpdate,
  ctx: WriteContext,
): Promise<Incident> {
  const orm = await store.orm();
  return store.write(async () => {
    // Read under the lock: every earlier writer has committed, and no one else writes until this ends.
    const update = check(await byId(orm, id));
    const [row] = await orm.db.update(orm.t.incidents).set(update).where(eq(orm.t.incidents.id, id)).returning();
    await audit(orm, ctx, `incident:${id}`, action, undefined, auditable(update));
    return fromRow(row);
  });
}

/** Audit entries show times as UTC ISO-8601, like every other time in the log. */
function auditable(update: IncidentUpdate): Record<string, unknown> {
  return Object.fromEntries(Object.entries(update).map(([key, value]) => [key, key.endsWith('At') && typeof value === 'number' ? isoUtc(value) : value]));
}
