// Queries that hand plain values to the core. Reads that belong together run in one
// transaction so that a concurrent writer never shows half a change.

import { and, asc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Config, PersonConfig, ScheduleInput, TeamConfig, Window } from '../core/index.js';
import type { Db } from './open.js';
import { layers, overrides, people, schedules, teamMembers, teams } from './schema.js';
import { layerConfigFromRow, layerFromRow, overrideConfigFromRow, overrideFromRow } from './rows.js';

export interface ScheduleInfo {
  id: string;
  team: string;
  name: string;
  timezone: string;
}

export function listSchedules(db: Db, filter: { ids?: string[]; team?: string } = {}): ScheduleInfo[] {
  const conditions = [isNull(schedules.deletedAt)];
  if (filter.ids?.length) conditions.push(inArray(schedules.id, filter.ids));
  if (filter.team) conditions.push(eq(schedules.teamId, filter.team));
  return db
    .select({ id: schedules.id, team: schedules.teamId, name: schedules.name, timezone: schedules.timezone })
    .from(schedules)
    .where(and(...conditions))
    .orderBy(asc(schedules.id))
    .all();
}

/** Everything the core needs to resolve these schedules inside `window`. */
export function scheduleInputs(db: Db, list: ScheduleInfo[], window: Window): ScheduleInput[] {
  const ids = list.map((s) => s.id);
  if (ids.length === 0) return [];
  const layerRows = db
    .select()
    .from(layers)
    .where(
      and(
        inArray(layers.scheduleId, ids),
        or(isNull(layers.validFrom), lt(layers.validFrom, window.end)),
        or(isNull(layers.validTo), gt(layers.validTo, window.start)),
      ),
    )
    .all();
  const overrideRows = db
    .select()
    .from(overrides)
    .where(
      and(
        inArray(overrides.scheduleId, ids),
        gt(overrides.end, window.start),
        lt(overrides.start, window.end),
        or(isNull(overrides.removedAt), gt(overrides.removedAt, overrides.start)),
      ),
    )
    .all();
  const inputs = new Map<string, ScheduleInput>(
    list.map((s) => [s.id, { id: s.id, timezone: s.timezone, layers: [], overrides: [] }]),
  );
  for (const row of layerRows) inputs.get(row.scheduleId)!.layers.push(layerFromRow(row));
  for (const row of overrideRows) inputs.get(row.scheduleId)!.overrides.push(overrideFromRow(row));
  return ids.map((id) => inputs.get(id)!);
}

export function listPeople(db: Db): PersonConfig[] {
  return db
    .select()
    .from(people)
    .where(isNull(people.deletedAt))
    .orderBy(asc(people.id))
    .all()
    .map((p) => ({
      id: p.id,
      name: p.name,
      ...(p.email && { email: p.email }),
      ...(p.timezone && { timezone: p.timezone }),
      ...(p.color && { color: p.color }),
    }));
}

export function listTeams(db: Db): TeamConfig[] {
  const rows = db.select().from(teams).where(isNull(teams.deletedAt)).orderBy(asc(teams.id)).all();
  const members = db.select().from(teamMembers).orderBy(asc(teamMembers.position)).all();
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    members: members.filter((m) => m.teamId === t.id).map((m) => m.personId),
  }));
}

/** The latest definition of everything: what `export yaml` writes and `apply` compares. */
export function loadConfig(db: Db): Config {
  return db.transaction(() => {
    const scheduleList = listSchedules(db);
    const openLayers = db.select().from(layers).where(isNull(layers.validTo)).orderBy(asc(layers.position)).all();
    const openOverrides = db.select().from(overrides).where(isNull(overrides.removedAt)).orderBy(asc(overrides.id)).all();
    return {
      people: listPeople(db),
      teams: listTeams(db),
      schedules: scheduleList.map((s) => ({
        id: s.id,
        team: s.team,
        name: s.name,
        timezone: s.timezone,
        layers: openLayers.filter((l) => l.scheduleId === s.id).map(layerConfigFromRow),
        overrides: openOverrides.filter((o) => o.scheduleId === s.id).map(overrideConfigFromRow),
      })),
    };
  });
}

/** Ids of every schedule ever created, deleted ones included. */
export function everScheduled(db: Db): Set<string> {
  return new Set(db.select({ id: schedules.id }).from(schedules).all().map((s) => s.id));
}
