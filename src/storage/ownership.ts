// Ownership of overrides and time off on disk (the `owner` column, 'file' or 'cli'): which
// rows in force the command line made, and handing listed ones over to the files.

import { and, eq, isNull } from 'drizzle-orm';
import type { CommandLineRows, OwnedItem } from '../core/index.js';
import { overrideKey, timeOffKey } from '../core/index.js';
import type { Db } from './open.js';
import { overrides, timeOff } from './schema.js';
import { audit, type WriteContext } from './write.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Rows made from the command line and not removed (rows from before ownership count as such). */
export function commandLineRows(db: Db): CommandLineRows {
  const rows: CommandLineRows = { overrides: new Map(), timeOff: new Map() };
  const add = (map: Map<string, Set<string>>, id: string, key: string) => map.set(id, (map.get(id) ?? new Set()).add(key));
  const cli = (owner: typeof overrides.owner | typeof timeOff.owner) => eq(owner, 'cli');
  for (const o of db.select().from(overrides).where(and(isNull(overrides.removedAt), cli(overrides.owner))).all()) {
    add(rows.overrides, o.scheduleId, overrideKey({ person: o.personId, from: o.start, to: o.end, ...(o.replaces !== null && { replaces: o.replaces }) }));
  }
  for (const t of db.select().from(timeOff).where(and(isNull(timeOff.removedAt), cli(timeOff.owner))).all()) {
    add(rows.timeOff, t.personId, timeOffKey({ from: t.start, to: t.end }));
  }
  return rows;
}

/**
 * The files list these command-line rows: from now on they own them. Nothing else about a
 * row changes (its id, and so its precedence, stays); the audit log says who adopted what.
 * Adopting takes effect at once, whatever the apply's effective instant: no shift changes.
 */
export function adoptRows(db: Db, items: OwnedItem[], ctx: WriteContext): void {
  if (items.length === 0) return;
  db.transaction((tx) => {
    for (const item of items) {
      if (item.entity === 'override') adoptOverride(tx, item.scheduleId, item, ctx);
      else adoptTimeOff(tx, item.personId, item, ctx);
    }
  });
}

function adoptOverride(tx: Tx, scheduleId: string, { override: o }: Extract<OwnedItem, { entity: 'override' }>, ctx: WriteContext): void {
  tx.update(overrides)
    .set({ owner: 'file' })
    .where(
      and(
        eq(overrides.scheduleId, scheduleId),
        eq(overrides.personId, o.person),
        eq(overrides.start, o.from),
        eq(overrides.end, o.to),
        o.replaces === undefined ? isNull(overrides.replaces) : eq(overrides.replaces, o.replaces),
        isNull(overrides.removedAt),
        eq(overrides.owner, 'cli'),
      ),
    )
    .run();
  audit(tx, ctx, `override:${scheduleId}`, 'adopt', undefined, o, ctx.now);
}

function adoptTimeOff(tx: Tx, personId: string, { timeOff: t }: Extract<OwnedItem, { entity: 'time off' }>, ctx: WriteContext): void {
  tx.update(timeOff)
    .set({ owner: 'file' })
    .where(
      and(
        eq(timeOff.personId, personId),
        eq(timeOff.start, t.from),
        eq(timeOff.end, t.to),
        isNull(timeOff.removedAt),
        eq(timeOff.owner, 'cli'),
      ),
    )
    .run();
  audit(tx, ctx, `person:${personId}`, 'adopt', undefined, { timeOff: [t] }, ctx.now);
}
