// People and teams from the command line. Each change edits the current definition and goes
// through changeConfig, the same path (validation, history, audit log) as `apply`.

import type { Config, PersonConfig, TeamConfig } from '../core/index.js';
import { InputError, UserError } from '../errors.js';
import type { AppContext } from './context.js';
import { changeConfig, type ChangeOptions } from './change-config.js';
import { formatTarget, plural, findById } from '../core/index.js';

type PersonFields = Partial<Omit<PersonConfig, 'id'>>;

export function addPerson(ctx: AppContext, person: PersonConfig, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    if (config.people.some((p) => p.id === person.id)) throw new UserError(`person "${person.id}" already exists; use "oncall person edit"`);
    config.people.push(person);
  });
}

export function editPerson(ctx: AppContext, id: string, fields: PersonFields, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    Object.assign(findById(config.people, id, 'person'), withoutUndefined(fields));
  });
}

/** Where a person is still referred to: team memberships, layers, current or future overrides. */
export function referencesTo(config: Config, id: string, now: number): string[] {
  const refs: string[] = [];
  for (const t of config.teams) if (t.members.includes(id)) refs.push(`team ${t.id}`);
  for (const s of config.schedules) {
    for (const l of s.layers) if (l.members.includes(id)) refs.push(`layer ${s.id}/${l.id}`);
    const overrides = s.overrides.filter((o) => (o.person === id || o.replaces === id) && o.to > now);
    if (overrides.length > 0) refs.push(`${plural(overrides.length, 'override')} on ${s.id}`);
  }
  for (const p of config.policies) {
    if (p.levels.some((l) => l.targets.includes(formatTarget('person', id)))) refs.push(`escalation policy ${p.id}`);
  }
  return refs;
}

/**
 * Removes a person. Refused while anything refers to them, unless `force`: then they leave
 * every team, layer and future override from the effective instant on; history stays.
 */
export function removePerson(ctx: AppContext, id: string, force: boolean, options: ChangeOptions = {}) {
  const at = options.effective ?? ctx.now;
  // Someone who leaves leaves now: their turn in progress is not theirs to finish.
  return changeConfig(ctx, { ...options, effective: at }, (config) => {
    findById(config.people, id, 'person');
    const refs = referencesTo(config, id, at);
    if (refs.length > 0 && !force) {
      throw new InputError('force', (flag) => `person "${id}" is still in ${refs.join(', ')}; change those first, or ${flag ? `use ${flag}` : 'force the removal'}`);
    }
    for (const t of config.teams) t.members = t.members.filter((m) => m !== id);
    for (const s of config.schedules) {
      for (const l of s.layers) {
        l.members = l.members.filter((m) => m !== id);
        if (l.members.length === 0) {
          throw new UserError(`layer ${s.id}/${l.id} would have no members left; remove or edit it first`);
        }
      }
      // Overrides that already ended are history and stay; the rest go.
      s.overrides = s.overrides.filter((o) => (o.person !== id && o.replaces !== id) || o.to <= at);
    }
    for (const p of config.policies) {
      for (const l of p.levels) l.targets = l.targets.filter((t) => t !== formatTarget('person', id));
      if (p.levels.some((l) => l.targets.length === 0)) {
        throw new UserError(`a level of escalation policy ${p.id} would page no one; edit it first ("oncall policy edit")`);
      }
    }
    config.people = config.people.filter((p) => p.id !== id);
    return refs;
  });
}

export function addTeam(ctx: AppContext, team: TeamConfig, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    if (config.teams.some((t) => t.id === team.id)) throw new UserError(`team "${team.id}" already exists; use "oncall team edit"`);
    config.teams.push(team);
  });
}

export interface TeamEdit {
  name?: string;
  members?: string[];
  add?: string[];
  remove?: string[];
  /** A holiday region, or null to drop it. */
  holidays?: string | null;
}

export function editTeam(ctx: AppContext, id: string, edit: TeamEdit, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    const team = findById(config.teams, id, 'team');
    if (edit.name !== undefined) team.name = edit.name;
    if (edit.members) team.members = edit.members;
    if (edit.holidays === null) delete team.holidays;
    else if (edit.holidays !== undefined) team.holidays = edit.holidays;
    for (const m of edit.add ?? []) if (!team.members.includes(m)) team.members.push(m);
    team.members = team.members.filter((m) => !(edit.remove ?? []).includes(m));
  });
}

export function removeTeam(ctx: AppContext, id: string, options: ChangeOptions = {}) {
  return changeConfig(ctx, options, (config) => {
    findById(config.teams, id, 'team');
    const schedules = config.schedules.filter((s) => s.team === id).map((s) => s.id);
    if (schedules.length > 0) {
      throw new UserError(`team "${id}" still has schedules ${schedules.join(', ')}; move or remove them first`);
    }
    const policies = config.policies.filter((p) => p.team === id || p.levels.some((l) => l.targets.includes(formatTarget('team', id))));
    if (policies.length > 0) {
      throw new UserError(`team "${id}" is still used by escalation policy ${policies.map((p) => p.id).join(', ')}; change those first`);
    }
    config.teams = config.teams.filter((t) => t.id !== id);
  });
}

export function withoutUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
