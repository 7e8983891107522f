// The latest definition of everything, read through drizzle in one transaction: what
// `export yaml` writes and what `apply` compares a file with.

import { asc, eq, isNull } from 'drizzle-orm';
import type { Config, PersonConfig, TeamConfig, TimeOffConfig } from '../core/index.js';
import type { Db, Store } from './open.js';
import { escalationPolicies, layers, overrides, schedules, teamMembers, teams, timeOff } from './schema.js';
import { layerConfigFromRow, overrideConfigFromRow, policyConfigFromRow } from './rows.js';
import { listPeople, listSchedules } from './read.js';

export function loadConfig(db: Db, store: Store): Config {
  return db.transaction(() => {
    const scheduleList = listSchedules(store);
    const disabled = new Set(
      db.select({ id: schedules.id }).from(schedules).where(eq(schedules.disabled, true)).all().map((s) => s.id),
    );
    const openLayers = db.select().from(layers).where(isNull(layers.validTo)).orderBy(asc(layers.position)).all();
    const openOverrides = db.select().from(overrides).where(isNull(overrides.removedAt)).orderBy(asc(overrides.id)).all();
    return {
      people: withTimeOff(db, listPeople(store)),
      teams: listTeams(db),
      schedules: scheduleList.map((s) => ({
        id: s.id,
        team: s.team,
        name: s.name,
        timezone: s.timezone,
        ...(disabled.has(s.id) && { disabled: true }),
        layers: openLayers.filter((l) => l.scheduleId === s.id).map(layerConfigFromRow),
        overrides: openOverrides.filter((o) => o.scheduleId === s.id).map(overrideConfigFromRow),
      })),
      policies: db
        .select()
        .from(escalationPolicies)
        .where(isNull(escalationPolicies.validTo))
        .orderBy(asc(escalationPolicies.policyId))
        .all()
        .map(policyConfigFromRow),
    };
  });
}

function listTeams(db: Db): TeamConfig[] {
  const rows = db.select().from(teams).where(isNull(teams.deletedAt)).orderBy(asc(teams.id)).all();
  const members = db.select().from(teamMembers).orderBy(asc(teamMembers.position)).all();
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    members: members.filter((m) => m.teamId === t.id).map((m) => m.personId),
    ...(t.holidays && { holidays: t.holidays }),
  }));
}

function withTimeOff(db: Db, list: PersonConfig[]): PersonConfig[] {
  const rows = db.select().from(timeOff).where(isNull(timeOff.removedAt)).orderBy(asc(timeOff.start), asc(timeOff.end)).all();
  const byPerson = new Map<string, TimeOffConfig[]>();
  for (const row of rows) {
    const entry = { from: row.start, to: row.end, ...(row.reason !== null && { reason: row.reason }) };
    byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), entry]);
  }
  return list.map((p) => (byPerson.has(p.id) ? { ...p, timeOff: byPerson.get(p.id) } : p));
}

/** Ids of every schedule ever created, deleted ones included. */
export function everScheduled(db: Db): Set<string> {
  return new Set(db.select({ id: schedules.id }).from(schedules).all().map((s) => s.id));
}
