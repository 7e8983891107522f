// `oncall import grafana`: Grafana OnCall's users, teams, schedules with their shifts, and
// escalation chains, as an oncall YAML document; and, per schedule, Grafana's own rendering
// (`/api/v1/schedules/{id}/final_shifts`) for verification. Shifts are mapped in
// grafana-shifts.ts, escalation chains in grafana-escalation.ts, which shifts a schedule
// renders and in which zone in grafana-rendered.ts; this file reads the API and assembles.

import type { RawPerson, RawPolicy, RawTeam } from '../core/config-schema.js';
import { canonicalTimeZone, DAY_MS, isoUtc, MINUTE_MS } from '../core/index.js';
import {
  listAll,
  type GrafanaChain,
  type GrafanaFinalShift,
  type GrafanaSchedule,
  type GrafanaShift,
  type GrafanaStep,
  type GrafanaTeam,
  type GrafanaUser,
} from './grafana-api.js';
import { mapChain } from './grafana-escalation.js';
import { mostCommon, scheduleZone, shiftsOf, shiftZone } from './grafana-rendered.js';
import { mapOverride, mapShift, type ShiftContext } from './grafana-shifts.js';
import { personIdFromEmail, uniqueId } from './ids.js';
import type { ImportedLayer, ImportedOverride, ImportedSchedule, ImportedSetup, VendorEntry, VendorRead, VendorSchedule } from './types.js';

/** The longest period final_shifts answers for (FinalShiftQueryParamsSerializer in Grafana's engine). */
const MAX_FINAL_DAYS = 365;

/** The team of schedules and chains that belong to no Grafana team ("No team" in Grafana's UI). */
const NO_TEAM = { id: 'no-team', name: 'No team' };

export async function readGrafana(read: VendorRead): Promise<ImportedSetup> {
  const { http } = read;
  const progress = read.onProgress ?? (() => {});
  progress('reading users and teams');
  const users = await listAll<GrafanaUser>(http, '/api/v1/users/', 'users');
  const teams = await listAll<GrafanaTeam>(http, '/api/v1/teams/', 'teams');
  progress('reading schedules and shifts');
  const schedules = await listAll<GrafanaSchedule>(http, '/api/v1/schedules/', 'schedules');
  const shifts = await listAll<GrafanaShift>(http, '/api/v1/on_call_shifts/', 'on-call shifts');
  progress('reading escalation chains');
  const chains = await listAll<GrafanaChain>(http, '/api/v1/escalation_chains/', 'escalation chains');
  const steps = await listAll<GrafanaStep>(http, '/api/v1/escalation_policies/', 'escalation policies');

  const notes: string[] = [];

  // People, matched by e-mail.
  const people: RawPerson[] = [];
  const personOf = new Map<string, string>();
  const personByEmail = new Map<string, string>();
  const takenPeople = new Set<string>();
  for (const user of users) {
    const email = user.email?.trim();
    const shown = user.username || user.name || user.id;
    if (!email || !email.includes('@')) {
      notes.push(`user ${shown} (${user.id}) has no e-mail; not imported, and left out wherever they appear`);
      continue;
    }
    const known = personByEmail.get(email.toLowerCase());
    if (known) {
      personOf.set(user.id, known);
      continue;
    }
    const id = personIdFromEmail(email, takenPeople);
    personOf.set(user.id, id);
    personByEmail.set(email.toLowerCase(), id);
    const person: RawPerson = { id, name: user.name || user.username || undefined, email };
    const zone = user.timezone ? canonicalTimeZone(user.timezone) : undefined;
    if (zone) person.timezone = zone;
    people.push(person);
  }
  const person = (userId: string) => personOf.get(userId);
  const userLabel = (userId: string) => {
    const user = users.find((u) => u.id === userId);
    return user ? `user ${user.username || user.name || user.id} (${user.id})` : `user ${userId}`;
  };

  // Teams; members are filled from users' `teams` and from the people on the team's schedules.
  const takenTeams = new Set<string>();
  const teamOf = new Map<string, RawTeam>();
  const oncallTeams: RawTeam[] = [];
  for (const team of teams) {
    const t: RawTeam = { id: uniqueId(team.name, takenTeams, 'team'), name: team.name, members: [] };
    teamOf.set(team.id, t);
    oncallTeams.push(t);
  }
  let noTeam: RawTeam | undefined;
  const teamFor = (teamId: string | null | undefined): RawTeam => {
    const found = teamId ? teamOf.get(teamId) : undefined;
    if (found) return found;
    noTeam ??= { id: uniqueId(NO_TEAM.id, takenTeams, 'team'), name: NO_TEAM.name, members: [] };
    if (!oncallTeams.includes(noTeam)) oncallTeams.push(noTeam);
    return noTeam;
  };
  const addMember = (team: RawTeam, id: string) => {
    if (!team.members.includes(id)) team.members.push(id);
  };
  for (const user of users) {
    const id = person(user.id);
    for (const teamId of user.teams ?? []) {
      const team = teamOf.get(teamId);
      if (team && id) addMember(team, id);
    }
  }

  // Schedules.
  const takenSchedules = new Set<string>();
  const oncallSchedules: ImportedSchedule[] = [];
  const vendorSchedules: VendorSchedule[] = [];
  const scheduleIdsOf = new Map<string, string[]>();
  const used = new Set<string>();
  for (const schedule of schedules) {
    const label = `schedule "${schedule.name}"`;
    const team = teamFor(schedule.team_id);
    if (schedule.type === 'ical') {
      // Its shifts live in an external calendar the API does not describe: an empty schedule
      // keeps its place (escalations can name it) and verification shows what it must give.
      notes.push(`${label} is an iCal schedule (its shifts live in ${schedule.ical_url_primary ? 'an external calendar' : 'a calendar file'}); imported without layers: add its rotations, and read its verification below as what they must give`);
      const empty: ImportedSchedule = { id: uniqueId(schedule.name, takenSchedules, 'schedule'), team: team.id, name: schedule.name, timezone: scheduleZone(schedule, notes), layers: [] };
      oncallSchedules.push(empty);
      scheduleIdsOf.set(schedule.id, [empty.id]);
      vendorSchedules.push({ vendorId: schedule.id, vendorName: schedule.name, scheduleIds: [empty.id], final: [] });
      continue;
    }
    const { rotations, overrides } = shiftsOf(schedule, shifts, notes);
    for (const s of [...rotations, ...overrides]) used.add(s.id);
    const zoneOf = (shift: GrafanaShift) => shiftZone(shift, schedule, notes);
    const zone = mostCommon(rotations.map(zoneOf)) ?? scheduleZone(schedule, notes);
    if (schedule.type === 'web' && rotations.some((s) => !s.time_zone) && zone === 'UTC') {
      notes.push(`${label}: its rotations have no time zone, so Grafana hands over at fixed UTC times (an hour off local time half the year); imported in UTC to hand over where Grafana does`);
    }
    const main: ImportedSchedule = { id: uniqueId(schedule.name, takenSchedules, 'schedule'), team: team.id, name: schedule.name, timezone: zone, layers: [] };
    const extra: ImportedSchedule[] = [];
    const at = (p: number): ImportedSchedule => {
      if (p === 0) return main;
      while (extra.length < p) {
        const n = extra.length + 2;
        extra.push({ id: uniqueId(`${schedule.name} ${n}`, takenSchedules, 'schedule'), team: team.id, name: `${schedule.name} (person ${n} of each group)`, timezone: zone, layers: [] });
      }
      return extra[p - 1];
    };
    const layerIds = new Map<ImportedSchedule, Set<string>>();
    const ordered = [...rotations].sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
    for (const shift of ordered) {
      const ctx: ShiftContext = { label: `${label}, shift "${shift.name ?? shift.id}"`, shiftZone: zoneOf(shift), scheduleZone: zone, web: schedule.type === 'web', person, userLabel };
      const mapped = mapShift(shift, ctx);
      notes.push(...mapped.notes);
      mapped.positions.forEach((body, p) => {
        const target = at(p);
        const taken = layerIds.get(target) ?? new Set<string>();
        layerIds.set(target, taken);
        // Every layer gets its level as priority: oncall's default (position) would mix with explicit ones.
        const { start, end, shift: length, handoffs, members, restrictions } = body;
        const layer: ImportedLayer = { id: uniqueId(shift.name ?? shift.id, taken, 'layer'), start, end, shift: length, handoffs, members, restrictions, priority: shift.level ?? 0 };
        for (const key of Object.keys(layer) as (keyof ImportedLayer)[]) if (layer[key] === undefined) delete layer[key];
        target.layers.push(layer);
      });
    }
    for (const shift of [...overrides].sort((a, b) => a.start.localeCompare(b.start))) {
      const ctx: ShiftContext = { label: `${label}, override "${shift.name ?? shift.id}"`, shiftZone: zoneOf(shift), scheduleZone: zone, web: schedule.type === 'web', person, userLabel };
      const mapped = mapOverride(shift, ctx);
      notes.push(...mapped.notes);
      mapped.positions.forEach((override: ImportedOverride, p) => (at(p).overrides ??= []).push(override));
    }
    const all = [main, ...extra];
    for (const s of all) {
      for (const layer of s.layers) for (const m of layer.members) addMember(team, m);
      for (const o of s.overrides ?? []) addMember(team, o.person);
    }
    if (main.layers.length === 0 && !main.overrides?.length) notes.push(`${label} has no shifts oncall could import`);
    oncallSchedules.push(...all);
    scheduleIdsOf.set(schedule.id, all.map((s) => s.id));
    vendorSchedules.push({ vendorId: schedule.id, vendorName: schedule.name, scheduleIds: all.map((s) => s.id), final: [] });
  }
  const strays = shifts.filter((s) => !used.has(s.id) && s.type !== 'override').length;
  if (strays > 0) notes.push(`${strays} shift${strays === 1 ? '' : 's'} belong${strays === 1 ? 's' : ''} to no schedule; not imported`);

  // Escalation chains.
  const policies: RawPolicy[] = [];
  const takenPolicies = new Set<string>();
  for (const chain of chains) {
    const mapped = mapChain(chain, steps, {
      policyId: uniqueId(chain.name, takenPolicies, 'policy'),
      team: teamFor(chain.team_id).id,
      schedules: (id) => scheduleIdsOf.get(id),
      person,
      userLabel,
      team_: (id) => teamOf.get(id)?.id,
    });
    notes.push(...mapped.notes);
    if (mapped.policy) policies.push(mapped.policy);
  }

  // Grafana's own final schedule for the window, for verification.
  progress('reading final shifts');
  const from = Math.floor(read.window.start / MINUTE_MS) * MINUTE_MS;
  const to = Math.ceil(read.window.end / MINUTE_MS) * MINUTE_MS;
  for (const vendor of vendorSchedules) {
    const rendered: GrafanaFinalShift[] = [];
    // Grafana answers at most 365 days at a time; the window (at most 1096 days) is asked in pieces.
    for (let at = from; at < to; at += MAX_FINAL_DAYS * DAY_MS) {
      const query = { start_date: isoUtc(at).slice(0, 16), end_date: isoUtc(Math.min(to, at + MAX_FINAL_DAYS * DAY_MS)).slice(0, 16) };
      rendered.push(...(await listAll<GrafanaFinalShift>(http, `/api/v1/schedules/${encodeURIComponent(vendor.vendorId)}/final_shifts`, `final shifts of ${vendor.vendorName}`, query)));
    }
    vendor.final = rendered.flatMap((entry): VendorEntry[] => {
      const start = Date.parse(entry.shift_start);
      const end = Date.parse(entry.shift_end);
      if (!(start < end)) return [];
      const who = personOf.get(entry.user_pk) ?? (entry.user_email ? personByEmail.get(entry.user_email.toLowerCase()) : undefined);
      return [{ start, end, person: who ?? `${entry.user_username || entry.user_pk} (not imported)` }];
    });
    const together = firstOverlap(vendor.final);
    if (together && vendor.scheduleIds.length === 1) {
      notes.push(
        `schedule "${vendor.vendorName}": Grafana has ${together.people.join(' + ')} on call at once from ${isoUtc(together.at)} (shifts of one level overlapping); ` +
          `oncall has one person per schedule at a time: the verification below shows where`,
      );
    }
  }

  const policiesOut = policies.length > 0 ? { escalation_policies: policies } : {};
  return {
    vendor: 'grafana',
    document: { version: 1, people, teams: oncallTeams, schedules: oncallSchedules, ...policiesOut },
    notes: [...new Set(notes)],
    schedules: vendorSchedules,
  };
}

/** The first instant at which the vendor has two different people on call, if any. */
function firstOverlap(entries: VendorEntry[]): { at: number; people: string[] } | undefined {
  const sorted = [...entries].filter((e) => e.person !== null).sort((a, b) => a.start - b.start);
  const running: VendorEntry[] = [];
  for (const entry of sorted) {
    for (let i = running.length - 1; i >= 0; i--) if (running[i].end <= entry.start) running.splice(i, 1);
    const other = running.find((r) => r.person !== entry.person);
    if (other) return { at: entry.start, people: [other.person!, entry.person!].sort() };
    running.push(entry);
  }
  return undefined;
}
