// `oncall import pagerduty`: reads a PagerDuty account through REST API v2 (users, teams and
// their members, schedules with their layers, overrides and final schedule, escalation
// policies) and maps it into oncall's YAML model. The schedule's rendered final schedule
// (`final_schedule.rendered_schedule_entries` of GET /schedules/{id}?since&until) is
// PagerDuty's own answer, kept for verification. See docs/import-pagerduty.md.

import type { RawTeam } from '../core/config-schema.js';
import { isoUtc } from '../core/index.js';
import { uniqueId } from './ids.js';
import { listAll, type PdEscalationPolicy, type PdOverride, type PdSchedule, type PdTeam, type PdTeamMember, type PdUser } from './pagerduty-api.js';
import { mapLayers } from './pagerduty-layers.js';
import { PeopleMap } from './pagerduty-people.js';
import { mapPolicies } from './pagerduty-policies.js';
import { ianaZone } from './pagerduty-zones.js';
import type { ImportedOverride, ImportedSchedule, ImportedSetup, VendorEntry, VendorRead, VendorSchedule } from './types.js';

/** The team for schedules and policies PagerDuty gives no team: oncall needs one. */
const FALLBACK_TEAM = { id: 'pagerduty', name: 'PagerDuty (no team)' };

export async function readPagerDuty(read: VendorRead): Promise<ImportedSetup> {
  const { http, window } = read;
  const progress = (message: string) => read.onProgress?.(message);
  const notes: string[] = [];
  const since = isoUtc(window.start);
  const until = isoUtc(window.end);

  progress('Reading PagerDuty users');
  const people = new PeopleMap(await listAll<PdUser>(http, 'users', 'users'), notes);

  progress('Reading PagerDuty teams');
  const teams: RawTeam[] = [];
  const teamIds = new Map<string, string>();
  const takenTeams = new Set<string>([FALLBACK_TEAM.id]);
  for (const team of await listAll<PdTeam>(http, 'teams', 'teams')) {
    if (teamIds.has(team.id)) continue;
    const name = team.name?.trim() || team.summary?.trim() || team.id;
    const members = await listAll<PdTeamMember>(http, `teams/${encodeURIComponent(team.id)}/members`, 'members');
    const id = uniqueId(name, takenTeams, 'team');
    teamIds.set(team.id, id);
    teams.push({ id, name, members: [...new Set(members.map((m) => people.person(m.user)))] });
  }
  let fallbackUsed = false;
  const teamOf = (refs: { id: string }[] | undefined, what: string): string => {
    const known = (refs ?? []).map((r) => teamIds.get(r.id)).filter((id): id is string => id !== undefined);
    if (known.length > 1) notes.push(`${what} belongs to ${known.length} PagerDuty teams; oncall gives it one, "${known[0]}"`);
    if (known.length > 0) return known[0];
    fallbackUsed = true;
    return FALLBACK_TEAM.id;
  };

  progress('Reading PagerDuty schedules');
  const schedules: ImportedSchedule[] = [];
  const verified: VendorSchedule[] = [];
  const scheduleIds = new Map<string, string>();
  const takenSchedules = new Set<string>();
  for (const listed of await listAll<PdSchedule>(http, 'schedules', 'schedules')) {
    // Asked in the schedule's own zone: layer restrictions are given in the zone of the request.
    const { schedule } = await http.get<{ schedule: PdSchedule }>(`schedules/${encodeURIComponent(listed.id)}`, {
      since,
      until,
      time_zone: listed.time_zone,
    });
    const name = schedule.name?.trim() || schedule.summary?.trim() || schedule.id;
    const where = `schedule "${name}"`;
    const final: VendorEntry[] = (schedule.final_schedule?.rendered_schedule_entries ?? []).map((e) => ({
      start: Date.parse(e.start),
      end: Date.parse(e.end),
      person: e.user ? people.person(e.user) : null,
    }));
    if (!schedule.final_schedule?.rendered_schedule_entries) notes.push(`${where}: PagerDuty sent no final schedule to compare with`);
    const zone = ianaZone(schedule.time_zone);
    if (!zone) {
      notes.push(`${where}: time zone "${schedule.time_zone}" is neither an IANA name nor one of ActiveSupport's; the schedule is not imported`);
      verified.push({ vendorId: schedule.id, vendorName: name, scheduleIds: [], final });
      continue;
    }
    const id = uniqueId(name, takenSchedules, 'schedule');
    scheduleIds.set(schedule.id, id);
    const layers = mapLayers(schedule.schedule_layers ?? [], { scheduleName: name, zone, window, person: (u) => people.person(u), notes });
    const { overrides } = await http.get<{ overrides: PdOverride[] }>(`schedules/${encodeURIComponent(schedule.id)}/overrides`, { since, until, overflow: true });
    schedules.push({
      id,
      team: teamOf(schedule.teams ?? listed.teams, where),
      name,
      timezone: zone,
      layers,
      overrides: mapOverrides(overrides ?? [], where, people, notes),
    });
    verified.push({ vendorId: schedule.id, vendorName: name, scheduleIds: [id], final });
  }

  progress('Reading PagerDuty escalation policies');
  const policies = mapPolicies(await listAll<PdEscalationPolicy>(http, 'escalation_policies', 'escalation_policies'), {
    people,
    schedules: scheduleIds,
    teamOf,
    notes,
  });

  if (fallbackUsed) {
    teams.push({ ...FALLBACK_TEAM, members: [] });
    notes.push(`schedules or policies without a PagerDuty team are in team "${FALLBACK_TEAM.id}"`);
  }
  return {
    vendor: 'pagerduty',
    document: { version: 1, people: people.people, teams, schedules, escalation_policies: policies },
    notes,
    schedules: verified,
  };
}

/**
 * Overrides put their user on call above every layer for [start, end), gaps included, as
 * oncall's overrides without `replaces` do. Where two overlap, the one listed later is written
 * later and so wins in oncall; a note says so, since PagerDuty does not document the order.
 */
export function mapOverrides(list: PdOverride[], where: string, people: PeopleMap, notes: string[]): ImportedOverride[] {
  const out: ImportedOverride[] = [];
  const spans: { start: number; end: number }[] = [];
  for (const o of list) {
    const start = Date.parse(o.start);
    const end = Date.parse(o.end);
    if (Number.isNaN(start) || Number.isNaN(end) || end <= start || !o.user) {
      notes.push(`${where}: an override (${o.start} to ${o.end}) has no usable times or user; left out`);
      continue;
    }
    if (spans.some((s) => s.start < end && start < s.end)) notes.push(`${where}: overrides overlap at ${isoUtc(start)}; the one PagerDuty lists later is written later and wins in oncall`);
    spans.push({ start, end });
    out.push({ person: people.person(o.user), from: isoUtc(start), to: isoUtc(end) });
  }
  return out;
}
