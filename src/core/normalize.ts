// From raw YAML data (one or more files) to a normalised Config, collecting every problem
// with the path at which it was found. Shape errors come from zod; meaning errors (unknown
// ids, bad zones, unparsable times, impossible rules) are checked here. Commands that
// change one object build the same raw shape and go through the same checks.

import type { Config, LayerConfig, OverrideConfig, PersonConfig, RestrictionConfig, ScheduleConfig, TeamConfig } from './config.js';
import {
  checkShape, eachShaped,
  type ConfigIssue, type Path, type RawLayer, type RawOverride, type RawPolicy, type RawRestriction, type RawSchedule, type Report,
} from './config-schema.js';
import { policyConfig } from './normalize-policy.js';
import { timeOffConfigs } from './normalize-time-off.js';
import { checkHandoffRule, checkId, checkShiftLength, HOLIDAY_REGION, HOLIDAY_REGION_HINT, parseLayerTime, parseRestriction, restrictionToConfig } from './values.js';
import { isValidTimeZone } from './wall-clock.js';
import { parseFileTime } from './time-input.js';

export interface FileIssue extends ConfigIssue {
  file: string;
}

export interface RawFile {
  file: string;
  data: unknown;
}

/** Ids that exist outside the files (in the database) and may be referred to. */
export interface KnownIds {
  people: Set<string>;
  teams: Set<string>;
  schedules?: Set<string>;
  /** Whether a `holidays:` region exists; the caller loads the (large) holiday data only when needed. */
  holidayRegion?: (code: string) => boolean;
}

export interface Located<T> {
  file: string;
  path: Path;
  value: T;
}

export function normalizeFiles(files: RawFile[], known: KnownIds): { config: Config; issues: FileIssue[] } {
  const issues: FileIssue[] = [];
  const report = (file: string, path: Path, message: string, atKey = false) =>
    issues.push({ file, path, message, atKey });

  const people: Located<PersonConfig>[] = [];
  const teams: Located<TeamConfig>[] = [];
  const schedules: Located<RawSchedule>[] = [];
  // Schedules missing a required key: not usable, but their layers and overrides are checked.
  const brokenSchedules: Located<Partial<RawSchedule>>[] = [];
  const policies: Located<RawPolicy>[] = [];
  const rawTimeOff = new Map<PersonConfig, unknown[]>();
  for (const { file, data } of files) {
    const shapeReport = (issue: ConfigIssue) => issues.push({ file, ...issue });
    checkShape('file', data ?? {}, [], shapeReport);
    const record = (data ?? {}) as Record<string, unknown>;
    eachShaped(record.people, 'person', ['people'], shapeReport, (value, path) => {
      const person = personConfig(value);
      if (value.time_off !== undefined) rawTimeOff.set(person, value.time_off);
      people.push({ file, path, value: person });
    });
    eachShaped(record.teams, 'team', ['teams'], shapeReport, (value, path) =>
      teams.push({
        file,
        path,
        value: { id: value.id, name: value.name ?? value.id, members: value.members, ...(value.holidays !== undefined && { holidays: value.holidays }) },
      }),
    );
    eachShaped(
      record.schedules, 'schedule', ['schedules'], shapeReport,
      (value, path) => schedules.push({ file, path, value }),
      (value, path) => brokenSchedules.push({ file, path, value }),
    );
    eachShaped(record.escalation_policies, 'policy', ['escalation_policies'], shapeReport, (value, path) =>
      policies.push({ file, path, value }),
    );
  }

  rejectDuplicates(people, 'person', report);
  rejectDuplicates(teams, 'team', report);
  rejectDuplicates(schedules, 'schedule', report);
  rejectDuplicates(policies, 'escalation policy', report);

  const personIds = new Set([...known.people, ...people.map((p) => p.value.id)]);
  const teamIds = new Set([...known.teams, ...teams.map((t) => t.value.id)]);
  // The path is only built for a problem: a file may name people in 40 000 places.
  const checkPerson = (file: string, at: Path, key: string | number, id: string, role: string) => {
    if (!personIds.has(id)) report(file, [...at, key], `${role} "${id}" is not a known person`);
  };

  for (const { file, path, value: p } of people) {
    const bad = checkId(p.id, 'person');
    if (bad) report(file, [...path, 'id'], bad);
    if (/[\u0000-\u001f\u007f]/.test(p.name)) report(file, [...path, 'name'], `person "${p.id}": the name must be one line of text`);
    if (p.timezone !== undefined && !isValidTimeZone(p.timezone)) report(file, [...path, 'timezone'], zoneMessage(p.timezone));
    if (p.color !== undefined && !/^#[0-9a-fA-F]{6}$/.test(p.color)) {
      report(file, [...path, 'color'], `color "${p.color}" must be a hex colour like "#e06c75"`);
    }
    if (p.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(p.email)) report(file, [...path, 'email'], `email "${p.email}" is not an e-mail address`);
    const zone = p.timezone !== undefined && isValidTimeZone(p.timezone) ? p.timezone : 'UTC';
    const timeOff = timeOffConfigs(file, [...path, 'time_off'], p.id, rawTimeOff.get(p), zone, report);
    if (timeOff.length > 0) p.timeOff = timeOff;
  }
  for (const { file, path, value: t } of teams) {
    const bad = checkId(t.id, 'team');
    if (bad) report(file, [...path, 'id'], bad);
    const members = [...path, 'members'];
    const role = `team "${t.id}": member`;
    t.members.forEach((m, i) => checkPerson(file, members, i, m, role));
    duplicatesIn(t.members).forEach((i) => report(file, [...path, 'members', i], `team "${t.id}": "${t.members[i]}" is listed twice`));
    if (t.holidays !== undefined && !(known.holidayRegion?.(t.holidays) ?? HOLIDAY_REGION.test(t.holidays))) {
      report(file, [...path, 'holidays'], `team "${t.id}": holidays "${t.holidays}" is not a known region; ${HOLIDAY_REGION_HINT}`);
    }
  }
  const checkSchedule = ({ file, path, value }: Located<Partial<RawSchedule>>) => {
    const ctx: ScheduleContext = { file, path, schedule: value, report, checkPerson };
    if (value.team !== undefined && !teamIds.has(value.team)) {
      report(file, [...path, 'team'], `${scheduleName(value)}: team "${value.team}" is not a known team`);
    }
    const bad = value.id === undefined ? undefined : checkId(value.id, 'schedule');
    if (bad) report(file, [...path, 'id'], bad);
    return scheduleConfig(ctx);
  };
  const scheduleConfigs = schedules.flatMap((located) => checkSchedule(located) ?? []);
  brokenSchedules.forEach(checkSchedule);

  const scheduleIds = [...schedules, ...brokenSchedules].flatMap((s) => s.value.id ?? []);
  const referable = { people: personIds, teams: teamIds, schedules: new Set([...(known.schedules ?? []), ...scheduleIds]) };
  const policyConfigs = policies.map((located) => policyConfig(located, referable, report));

  return {
    config: {
      people: people.map((p) => p.value),
      teams: teams.map((t) => t.value),
      schedules: scheduleConfigs,
      policies: policyConfigs,
    },
    issues,
  };
}

function personConfig(p: { id: string; name?: string; email?: string; timezone?: string; color?: string }): PersonConfig {
  return {
    id: p.id,
    name: p.name ?? p.id,
    ...(p.email !== undefined && { email: p.email }),
    ...(p.timezone !== undefined && { timezone: p.timezone }),
    ...(p.color !== undefined && { color: p.color }),
  };
}

function rejectDuplicates(
  items: Located<{ id: string }>[],
  what: string,
  report: Report,
): void {
  const seen = new Map<string, Located<{ id: string }>>();
  for (const item of items) {
    const first = seen.get(item.value.id);
    if (first) report(item.file, [...item.path, 'id'], `${what} "${item.value.id}" is defined twice (first in ${first.file})`);
    else seen.set(item.value.id, item);
  }
}

function duplicatesIn(list: string[]): number[] {
  return list.flatMap((v, i) => (list.indexOf(v) < i ? [i] : []));
}

function zoneMessage(zone: string): string {
  return `time zone "${zone}" is not an IANA zone name; use one like Europe/Berlin or America/New_York`;
}

interface ScheduleContext {
  file: string;
  path: Path;
  /** Partial when the schedule's shape is wrong: what is there is still checked. */
  schedule: Partial<RawSchedule>;
  report: Report;
  /** Reports `id` at [...at, key] unless it is a known person. */
  checkPerson: (file: string, at: Path, key: string | number, id: string, role: string) => void;
}

function scheduleName(s: Partial<RawSchedule>): string {
  return s.id === undefined ? 'schedule' : `schedule "${s.id}"`;
}

/** The schedule's config, or undefined when its shape is wrong (after checking what is there). */
function scheduleConfig(ctx: ScheduleContext): ScheduleConfig | undefined {
  const { file, path, schedule: s, report } = ctx;
  const zoneOk = s.timezone !== undefined && isValidTimeZone(s.timezone);
  if (s.timezone !== undefined && !zoneOk) report(file, [...path, 'timezone'], zoneMessage(s.timezone));
  const shapeReport = (issue: ConfigIssue) => report(file, issue.path, issue.message, issue.atKey);
  const seen = new Set<string>();
  const layers: LayerConfig[] = [];
  const checkLayer = (layer: Partial<RawLayer>, layerPath: Path, dropped = new Set<string>()) => {
    if (layer.id !== undefined && seen.has(layer.id)) report(file, [...layerPath, 'id'], `${scheduleName(s)}: layer "${layer.id}" is defined twice`);
    if (layer.id !== undefined) seen.add(layer.id);
    return layerConfig(ctx, layer, layerPath, dropped);
  };
  eachShaped(
    s.layers, 'layer', [...path, 'layers'], shapeReport,
    (layer, layerPath) => {
      const config = checkLayer(layer, layerPath);
      if (config) layers.push(config);
    },
    checkLayer,
  );
  const overrides: OverrideConfig[] = [];
  // With a bad zone, times are still read (as UTC) so that their own mistakes show too.
  const zone = zoneOk ? s.timezone! : 'UTC';
  eachShaped(
    s.overrides, 'override', [...path, 'overrides'], shapeReport,
    (o, overridePath) => overrides.push(...overrideConfig(ctx, o, overridePath, zone)),
    (o, overridePath) => overrideConfig(ctx, o, overridePath, zone),
  );
  if (s.id === undefined || s.team === undefined || s.timezone === undefined || s.layers === undefined) return undefined;
  return {
    id: s.id,
    team: s.team,
    name: s.name ?? s.id,
    timezone: s.timezone,
    ...(s.disabled && { disabled: true }),
    layers,
    overrides,
  };
}

/**
 * The layer's config, or undefined when its shape is wrong: then `raw` holds only the keys
 * that are right (`dropped` names the others, already reported), and those are still checked.
 */
function layerConfig(ctx: ScheduleContext, raw: Partial<RawLayer>, path: Path, dropped: Set<string>): LayerConfig | undefined {
  const { file, report } = ctx;
  const where = raw.id === undefined ? 'layer' : `layer "${raw.id}"`;
  const bad = raw.id === undefined ? undefined : checkId(raw.id, 'layer');
  if (bad) report(file, [...path, 'id'], bad);
  const start = raw.start === undefined ? undefined : parseLayerTime(raw.start);
  if (start && !start.ok) report(file, [...path, 'start'], `${where}: start ${start.error}`);
  const end = raw.end === undefined ? undefined : parseLayerTime(raw.end);
  if (end && !end.ok) report(file, [...path, 'end'], `${where}: end ${end.error}`);
  if (start?.ok && end?.ok && end.value <= start.value) report(file, [...path, 'end'], `${where}: end must be after start`);

  let shift: string | undefined;
  if (dropped.has('shift') || dropped.has('handoffs')) {
    // A shift or rule of the wrong type: reported already.
  } else if ((raw.shift === undefined) === (raw.handoffs === undefined)) {
    report(file, path, `${where}: give exactly one of "shift" (e.g. 1w) and "handoffs" (an RRULE)`);
  } else if (raw.shift !== undefined) {
    const parsed = checkShiftLength(raw.shift);
    if (parsed.ok) shift = `${parsed.value.count}${parsed.value.unit}`;
    else report(file, [...path, 'shift'], `${where}: ${parsed.error}`);
  } else if (start?.ok) {
    const problem = checkHandoffRule(raw.handoffs!, start.value);
    if (problem) report(file, [...path, 'handoffs'], `${where}: ${problem}`);
  }

  if (raw.members?.length === 0) report(file, [...path, 'members'], `${where} has no members; list at least one person`);
  const members = [...path, 'members'];
  raw.members?.forEach((m, i) => ctx.checkPerson(file, members, i, m, `${where}: member`));
  const shapeReport = (issue: ConfigIssue) => report(file, issue.path, issue.message, issue.atKey);
  const restrictions: RestrictionConfig[] = [];
  const checkRestriction = (r: Partial<RawRestriction>, at: Path) => {
    if (r.from === undefined || r.to === undefined) return;
    const parsed = parseRestriction(r as RawRestriction);
    if (parsed.ok) restrictions.push(restrictionToConfig(parsed.value));
    else report(file, [...at, ...(parsed.field ? [parsed.field] : [])], `${where}: ${parsed.error}`);
  };
  eachShaped(raw.restrictions, 'restriction', [...path, 'restrictions'], shapeReport, checkRestriction, checkRestriction);
  if (raw.id === undefined || raw.start === undefined || raw.members === undefined || !start) return undefined;
  return {
    id: raw.id,
    start: start.ok ? start.value : raw.start,
    ...(end && { end: end.ok ? end.value : raw.end }),
    ...(shift !== undefined && { shift }),
    ...(raw.handoffs !== undefined && { handoffs: raw.handoffs.trim().replace(/^RRULE:/i, '').toUpperCase() }),
    members: raw.members,
    ...(restrictions.length > 0 && { restrictions }),
    ...(raw.priority !== undefined && { priority: raw.priority }),
    ...(raw.disabled && { disabled: true }),
  };
}

/** The override's config, or none when it is wrong; `raw` may lack keys whose shape was wrong. */
function overrideConfig(ctx: ScheduleContext, raw: Partial<RawOverride>, path: Path, zone: string): OverrideConfig[] {
  const { file, report } = ctx;
  if (raw.person !== undefined) ctx.checkPerson(file, path, 'person', raw.person, 'override: person');
  if (raw.replaces !== undefined) {
    ctx.checkPerson(file, path, 'replaces', raw.replaces, 'override: replaces');
    if (raw.replaces === raw.person) report(file, [...path, 'replaces'], `override: "${raw.person}" cannot replace themselves`);
  }
  const from = raw.from === undefined ? undefined : parseFileTime(raw.from, zone);
  const to = raw.to === undefined ? undefined : parseFileTime(raw.to, zone);
  const hint = 'use YYYY-MM-DDTHH:MM (schedule zone) or an ISO time with offset';
  if (raw.from !== undefined && from === undefined) report(file, [...path, 'from'], `override: from "${raw.from}" is not a time; ${hint}`);
  if (raw.to !== undefined && to === undefined) report(file, [...path, 'to'], `override: to "${raw.to}" is not a time; ${hint}`);
  if (from === undefined || to === undefined || raw.person === undefined) return [];
  if (to <= from) {
    report(file, [...path, 'to'], `override: ends (${raw.to}) before it starts (${raw.from}); "to" must be after "from"`);
    return [];
  }
  return [{
    person: raw.person,
    from,
    to,
    ...(raw.replaces !== undefined && { replaces: raw.replaces }),
    ...(raw.reason !== undefined && { reason: raw.reason }),
  }];
}
