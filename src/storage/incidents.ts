// Incidents: one row each, written in one transaction together with its audit entry.

import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import type { ChainStep, Incident } from '../core/index.js';
import { isoUtc } from '../core/index.js';
import type { Db } from './open.js';
import { incidents } from './schema.js';
import { audit, type WriteContext } from './write.js';
import { writeTransaction } from './write-lock.js';

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

export function insertIncident(db: Db, incident: NewIncident, ctx: WriteContext): Incident {
  return writeTransaction(
    db,
    (tx) => {
      const row = tx
        .insert(incidents)
        .values({ ...incident, chain: JSON.stringify(incident.chain), openedBy: ctx.actor })
        .returning()
        .get();
      audit(tx, ctx, `incident:${row.id}`, 'open', undefined, { title: row.title, policy: row.policyId, severity: row.severity, openedAt: isoUtc(row.openedAt) });
      return fromRow(row);
    },
  );
}

export function incidentById(db: Db, id: number): Incident | undefined {
  const row = db.select().from(incidents).where(eq(incidents.id, id)).get();
  return row && fromRow(row);
}

export function listIncidents(db: Db, filter: { openOnly?: boolean; since?: number; until?: number }): Incident[] {
  const conditions = [
    ...(filter.openOnly ? [isNull(incidents.resolvedAt)] : []),
    ...(filter.since !== undefined ? [gte(incidents.openedAt, filter.since)] : []),
  ];
  return db
    .select()
    .from(incidents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(incidents.openedAt), desc(incidents.id))
    .all()
    .filter((row) => filter.until === undefined || row.openedAt < filter.until)
    .map(fromRow);
}

export type IncidentUpdate = Partial<Pick<IncidentRow, 'acknowledgedAt' | 'acknowledgedBy' | 'resolvedAt' | 'resolvedBy' | 'note'>>;

/**
 * Changes an incident after `check` (run inside the write lock) accepts its current state,
 * so two people acknowledging at once cannot both succeed.
 */
export function updateIncident(
  db: Db,
  id: number,
  action: string,
  check: (current: Incident | undefined) => IncidentUpdate,
  ctx: WriteContext,
): Incident {
  return writeTransaction(
    db,
    (tx) => {
      // One connection, synchronous: this read is inside the transaction.
      const current = incidentById(db, id);
      const update = check(current);
      const row = tx.update(incidents).set(update).where(eq(incidents.id, id)).returning().get();
      audit(tx, ctx, `incident:${id}`, action, undefined, auditable(update));
      return fromRow(row);
    },
  );
}

/** Audit entries show times as UTC ISO-8601, like every other time in the log. */
function auditable(update: IncidentUpdate): Record<string, unknown> {
  return Object.fromEntries(Object.entries(update).map(([key, value]) => [key, key.endsWith('At') && typeof value === 'number' ? isoUtc(value) : value]));
}
