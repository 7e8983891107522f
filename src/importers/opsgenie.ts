// `oncall import opsgenie`: people (/v2/users, username = e-mail), teams (/v2/teams and each
// team's members), schedules with their rotations (/v2/schedules?expand=rotation) and
// overrides (/v2/schedules/{id}/overrides), and escalations (/v2/escalations), mapped into
// oncall's YAML model; and per schedule Opsgenie's final timeline over the window, which
// verification compares with what oncall makes of the mapping. docs/import-opsgenie.md says
// what maps exactly, what is approximated and why.

import { canonicalTimeZone, isoUtc, isValidTimeZone, offsetAt } from '../core/index.js';
import type { RawPerson, RawPolicy, RawTeam } from '../core/config-schema.js';
import { personIdFromEmail, uniqueId } from './ids.js';
import { getData, listAll, type OgEscalation, type OgOverride, type OgRecipient, type OgRotation, type OgSchedule, type OgTeam, type OgTeamMeta, type OgUser } from './opsgenie-api.js';
import { policyOf } from './opsgenie-escalation.js';
import { groupsThatNeverMeet, membersOf, restrictionsOf, shiftOf, wallClockIn, type Participant } from './opsgenie-rotation.js';
import { readFinalTimeline } from './opsgenie-timeline.js';
import type { ImportedLayer, ImportedOverride, ImportedSchedule, ImportedSetup, VendorRead, VendorSchedule } from './types.js';

const EMAIL = /^[^@\s]+@[^@\s]+$/;
/** Users per page asked for (Opsgenie's largest page). */
const PAGE_SIZE = 100;

export async function readOpsgenie(read: VendorRead): Promise<ImportedSetup> {
  const { http, window } = read;
  const progress = read.onProgress ?? (() => undefined);
  const notes: string[] = [];
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
  };

  progress('Reading Opsgenie users');
  const users = await listAll<OgUser>(http, '/v2/users', { limit: PAGE_SIZE, offset: 0 }, 'user');
  const people = peopleOf(users, note);

  progress('Reading Opsgenie teams');
  const teamList = await listAll<OgTeam>(http, '/v2/teams', {}, 'team');
  const teamIds = new Set<string>();
  const teams: RawTeam[] = [];
  const teamByOg = new Map<string, string>();
  for (const listed of teamList) {
    const team = await getData<OgTeam>(http, `/v2/teams/${encodeURIComponent(listed.id)}`, { identifierType: 'id' });
    const id = uniqueId(team.name, teamIds, 'team');
    teamByOg.set(team.id, id).set(`name:${team.name}`, id);
    const members: string[] = [];
    for (const m of team.members ?? []) {
      const person = people.byUser(m.user);
      if (person === undefined) note(`team "${team.name}": member ${m.user.username ?? m.user.id} is not a user with an e-mail address; left out`);
      else if (!members.includes(person)) members.push(person);
    }
    teams.push({ id, name: team.name, members });
  }
  let unowned: string | undefined;
  const teamOf = (owner: OgTeamMeta | undefined, what: string): string => {
    const known = (owner?.id && teamByOg.get(owner.id)) || (owner?.name && teamByOg.get(`name:${owner.name}`));
    if (known) return known;
    if (unowned === undefined) {
      unowned = uniqueId('opsgenie-no-owner-team', teamIds, 'team');
      teams.push({ id: unowned, name: 'No owner team in Opsgenie', members: [] });
    }
    note(`${what} has no owner team in Opsgenie; it belongs to team "${unowned}" in oncall`);
    return unowned;
  };

  /** A recipient as a person, or a label for the report (teams and escalations) and why it is no person. */
  const participant = (r: OgRecipient): Participant => {
    if (r.type === 'user') {
      const person = people.byUser(r);
      return person !== undefined
        ? { person }
        : { label: `unknown:${r.username ?? r.name ?? r.id ?? '?'}`, why: `user ${r.username ?? r.name ?? r.id} is not a user with an e-mail address` };
    }
    if (r.type === 'none') return { label: null, why: '"none" (nobody on call)' };
    const name = r.name ?? r.id ?? '?';
    return { label: `${r.type}:${name}`, why: `${r.type} "${name}" (oncall puts people, not ${r.type}s, in rotations)` };
  };
  const who = (r: OgRecipient): string | null => {
    const p = participant(r);
    return 'person' in p ? p.person : p.label;
  };

  progress('Reading Opsgenie schedules');
  const ogSchedules = await listAll<OgSchedule>(http, '/v2/schedules', { expand: 'rotation' }, 'schedule');
  const scheduleIds = new Set<string>();
  const schedules: ImportedSchedule[] = [];
  const verified: VendorSchedule[] = [];
  const oncallIdsOf = new Map<string, string[]>();
  for (const s of ogSchedules) {
    progress(`Reading Opsgenie schedule ${s.name}`);
    const where = `schedule "${s.name}"`;
    const zone = zoneOf(s, note);
    const team = teamOf(s.ownerTeam, where);
    const layers: { rotation: OgRotation; layer: ImportedLayer }[] = [];
    const layerIds = new Set<string>();
    for (const rotation of s.rotations ?? []) {
      const layer = layerOf(rotation, zone, `${where}, rotation "${rotation.name ?? rotation.id}"`, layerIds, participant, note);
      if (layer) layers.push({ rotation, layer });
    }
    const groups = groupsThatNeverMeet(layers);
    if (groups.length > 1) {
      const names = groups.map((g) => g.map((l) => `"${l.rotation.name ?? l.rotation.id}"`).join(' + '));
      note(`${where}: its rotations ${names.join(' and ')} can put people on call at the same time (Opsgenie notifies all of them); an oncall schedule has one person at a time, so it became ${groups.length} schedules, one per group of rotations that never meet`);
    }
    const parts = (groups.length === 0 ? [[]] : groups).map((group) => {
      const suffix = groups.length > 1 ? ` ${group.map((l) => l.rotation.name ?? l.rotation.id).join(' ')}` : '';
      const schedule: ImportedSchedule = {
        id: uniqueId(`${s.name}${suffix}`, scheduleIds, 'schedule'),
        team,
        name: `${s.name}${groups.length > 1 ? ` (${group.map((l) => l.rotation.name ?? l.rotation.id).join(', ')})` : ''}`,
        timezone: zone,
        layers: group.map((l) => (s.enabled === false ? { ...l.layer, disabled: true } : l.layer)),
        overrides: [],
      };
      return { schedule, rotations: group.map((l) => l.rotation) };
    });
    const overrides = await listAll<OgOverride>(http, `/v2/schedules/${encodeURIComponent(s.id)}/overrides`, { scheduleIdentifierType: 'id' }, 'override');
    for (const o of overrides) placeOverride(o, parts, s, window.start, participant, note);
    for (const p of parts) schedules.push(p.schedule);
    if (s.enabled === false) note(`${where} is disabled in Opsgenie; its layers are imported disabled`);
    const ids = parts.map((p) => p.schedule.id);
    oncallIdsOf.set(s.id, ids);
    const final = await readFinalTimeline(http, s.id, s.name, window, who);
    if (final.types.has('forwarding')) note(`${where}: Opsgenie's final timeline forwards some shifts to another user (forwarding rules); oncall does not import forwarding, so verification shows those hours`);
    verified.push({ vendorId: s.id, vendorName: s.name, scheduleIds: ids, final: final.entries });
  }

  progress('Reading Opsgenie escalations');
  const escalations = await listAll<OgEscalation>(http, '/v2/escalations', {}, 'escalation');
  const policyIds = new Set<string>();
  const policies: RawPolicy[] = [];
  for (const e of escalations) {
    const policy = policyOf(e, uniqueId(e.name, policyIds, 'policy'), {
      team: (owner) => teamOf(owner, `escalation "${e.name}"`),
      targets: (r) => {
        if (r.type === 'user') {
          const person = people.byUser(r);
          return person !== undefined ? [`person:${person}`] : { problem: `user ${r.username ?? r.id} is not a user with an e-mail address` };
        }
        if (r.type === 'schedule') {
          const og = ogSchedules.find((s) => s.id === r.id || (!r.id && s.name === r.name));
          const ids = og && oncallIdsOf.get(og.id);
          return ids ? ids.map((id) => `schedule:${id}`) : { problem: `schedule "${r.name ?? r.id}" is not among the schedules read` };
        }
        if (r.type === 'team') {
          const id = (r.id && teamByOg.get(r.id)) || (r.name && teamByOg.get(`name:${r.name}`));
          return id ? [`team:${id}`] : { problem: `team "${r.name ?? r.id}" is not among the teams read` };
        }
        return { problem: `a rule notifies ${r.type === 'none' ? 'nobody ("none")' : `${r.type} "${r.name ?? r.id}"`}, which an oncall level cannot target` };
      },
    }, note);
    if (policy) policies.push(policy);
  }

  return {
    vendor: 'opsgenie',
    document: { version: 1, people: people.list, teams, schedules, escalation_policies: policies },
    notes,
    schedules: verified,
  };
}

/** People from users whose username is an e-mail address (Opsgenie's usernames are). */
function peopleOf(users: OgUser[], note: (text: string) => void) {
  const taken = new Set<string>();
  const list: RawPerson[] = [];
  const byKey = new Map<string, string>();
  for (const u of users) {
    if (!u.username || !EMAIL.test(u.username)) {
      note(`user ${u.fullName ?? u.id} has no e-mail address as username; left out (people are matched by e-mail)`);
      continue;
    }
    const email = u.username.toLowerCase();
    const known = byKey.get(`email:${email}`);
    if (known) {
      byKey.set(`id:${u.id}`, known);
      continue;
    }
    const id = personIdFromEmail(email, taken);
    const zone = u.timeZone ? canonicalTimeZone(u.timeZone) : undefined;
    list.push({ id, ...(u.fullName && { name: u.fullName }), email, ...(zone && isValidTimeZone(zone) && { timezone: zone }) });
    byKey.set(`id:${u.id}`, id).set(`email:${email}`, id);
  }
  return {
    list,
    byUser: (r: { id?: string; username?: string; name?: string }): string | undefined =>
      (r.id && byKey.get(`id:${r.id}`)) || byKey.get(`email:${(r.username ?? r.name ?? '').toLowerCase()}`),
  };
}

/** Whether the zone's offset differs between January and July of the year of `instant`. */
function observesDst(zone: string, instant: number): boolean {
  const year = new Date(instant).getUTCFullYear();
  return offsetAt(zone, Date.UTC(year, 0, 1)) !== offsetAt(zone, Date.UTC(year, 6, 1));
}

/** The schedule's zone as an IANA name oncall accepts. */
function zoneOf(s: OgSchedule, note: (text: string) => void): string {
  const zone = s.timezone ? canonicalTimeZone(s.timezone) : undefined;
  if (zone && isValidTimeZone(zone)) return zone;
  note(`schedule "${s.name}": time zone "${s.timezone ?? ''}" is not an IANA zone oncall knows; imported in UTC, so handoffs may move by the zone's offset`);
  return 'UTC';
}

function layerOf(rotation: OgRotation, zone: string, where: string, taken: Set<string>, resolve: (r: OgRecipient) => Participant, note: (text: string) => void): ImportedLayer | undefined {
  if (Number.isNaN(Date.parse(rotation.startDate)) || (rotation.endDate && Number.isNaN(Date.parse(rotation.endDate)))) {
    note(`${where}: its start or end date is not a time; left out`);
    return undefined;
  }
  const shift = shiftOf(rotation);
  if ('problem' in shift) {
    note(`${where}: ${shift.problem}; left out`);
    return undefined;
  }
  const restrictions = restrictionsOf(rotation.timeRestriction);
  if (restrictions === 'unknown') {
    note(`${where}: its time restriction has a shape oncall does not know; left out`);
    return undefined;
  }
  const members = membersOf(rotation.participants ?? [], resolve);
  if (!members) {
    note(`${where} has no participant who is a person with an e-mail address; left out`);
    return undefined;
  }
  if (rotation.type === 'hourly' && observesDst(zone, Date.parse(rotation.startDate))) {
    note(`${where}: an hourly rotation in ${zone}, which changes to and from summer time; oncall keeps its handoffs at the same wall-clock hours, so check the verification around each change`);
  }
  for (const f of members.filled) {
    note(`${where}: turn ${f.slot + 1} of ${rotation.participants.length} is ${f.why}; it goes to ${members.members[f.slot]}, the person before it, so the other turns stay where Opsgenie has them`);
  }
  return {
    id: uniqueId(rotation.name ?? '', taken, 'rotation'),
    start: wallClockIn(rotation.startDate, zone),
    ...(rotation.endDate && { end: wallClockIn(rotation.endDate, zone) }),
    shift: shift.shift,
    members: members.members,
    ...(restrictions && { restrictions }),
  };
}

/**
 * An override goes to every oncall schedule holding a rotation it applies to (all rotations
 * when it names none). oncall's override covers its whole period; Opsgenie's override of
 * some rotations only replaces those rotations' people where they are on call. That is the
 * same unless the oncall schedule also holds other rotations or the rotation is restricted.
 */
function placeOverride(
  o: OgOverride,
  parts: { schedule: ImportedSchedule; rotations: OgRotation[] }[],
  s: OgSchedule,
  windowStart: number,
  resolve: (r: OgRecipient) => Participant,
  note: (text: string) => void,
): void {
  const [from, to] = [Date.parse(o.startDate), Date.parse(o.endDate)];
  if (!(from < to) || to <= windowStart) return;
  const where = `schedule "${s.name}": the override ${o.alias ? `"${o.alias}" ` : ''}from ${isoUtc(from)} to ${isoUtc(to)}`;
  const p = resolve(o.user);
  if (!('person' in p)) {
    note(`${where} puts ${p.why} on call; an oncall override names a person, so it is left out`);
    return;
  }
  const named = o.rotations?.length ? o.rotations : undefined;
  const applies = (r: OgRotation) => !named || named.some((n) => (n.id ? n.id === r.id : n.name === r.name));
  const override: ImportedOverride = { person: p.person, from: isoUtc(from), to: isoUtc(to), ...(o.alias && { reason: `Opsgenie override ${o.alias}` }) };
  let approximate = false;
  let placed = false;
  for (const part of parts) {
    if (named && !part.rotations.some(applies)) continue;
    placed = true;
    // A copy each: one object written twice would come out as a YAML alias.
    part.schedule.overrides!.push({ ...override });
    if (named && part.rotations.some((r) => !applies(r) || r.timeRestriction)) approximate = true;
  }
  if (!placed) {
    note(`${where} applies to rotations that were not imported; left out`);
    return;
  }
  if (approximate) {
    note(`${where} applies in Opsgenie to rotation ${named!.map((n) => `"${n.name ?? n.id}"`).join(', ')} only, where it is on call; in oncall it covers the whole period of its schedule`);
  }
}
