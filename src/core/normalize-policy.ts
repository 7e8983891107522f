// Meaning checks for escalation policies: known targets, delays that grow from level to
// level, and a repeat interval that leaves the last level time to answer.

import type { EscalationLevelConfig, EscalationPolicyConfig } from './config.js';
import { checkShape, type ConfigIssue, type Path, type RawPolicy, type Report } from './config-schema.js';
import { formatDelay, parseDelay } from './duration.js';
import { parseTarget } from './escalation.js';
import type { Located } from './normalize.js';
import { checkId } from './values.js';


interface Referable {
  people: Set<string>;
  teams: Set<string>;
  schedules: Set<string>;
}

export function policyConfig({ file, path, value: raw }: Located<RawPolicy>, known: Referable, report: Report): EscalationPolicyConfig {
  const where = `escalation policy "${raw.id}"`;
  const bad = checkId(raw.id, 'escalation policy');
  if (bad) report(file, [...path, 'id'], bad);
  if (!known.teams.has(raw.team)) report(file, [...path, 'team'], `${where}: team "${raw.team}" is not a known team`);

  // Checked here rather than in the shape, so that the policy's other mistakes show too.
  if (raw.levels.length === 0) report(file, [...path, 'levels'], `${where} has no levels; list at least one (targets and after)`);
  const levels: EscalationLevelConfig[] = [];
  let previous: { minutes: number; index: number } | undefined;
  raw.levels.forEach((item, index) => {
    const levelPath = [...path, 'levels', index];
    const level = checkShape('level', item, levelPath, (issue: ConfigIssue) => report(file, issue.path, issue.message, issue.atKey));
    if (!level) return;
    const name = `${where}, level ${index + 1}`;
    if (level.targets.length === 0) report(file, [...levelPath, 'targets'], `${name} has no targets; name a schedule:, person: or team:`);
    level.targets.forEach((target, i) => checkTarget(file, [...levelPath, 'targets', i], target, name, known, report));
    level.targets.forEach((target, i) => {
      if (level.targets.indexOf(target) < i) report(file, [...levelPath, 'targets', i], `${name}: "${target}" is listed twice`);
    });
    const minutes = levelDelay(file, levelPath, level.after, index, name, report);
    if (minutes === undefined) return;
    if (previous && minutes <= previous.minutes) {
      report(file, [...levelPath, 'after'], `${name}: after ${formatDelay(minutes)} must be later than level ${previous.index + 1} (${formatDelay(previous.minutes)}); each level fires after the one before`);
    }
    previous = { minutes, index };
    levels.push({ targets: level.targets, after: formatDelay(minutes) });
  });

  let repeatAfter: string | undefined;
  if (raw.repeat_after !== undefined) {
    const parsed = parseDelay(raw.repeat_after);
    if (!parsed.ok) report(file, [...path, 'repeat_after'], `${where}: repeat_after ${parsed.error}`);
    else if (previous && parsed.value <= previous.minutes) {
      report(file, [...path, 'repeat_after'], `${where}: repeat_after must be longer than the last level's delay (${formatDelay(previous.minutes)})`);
    } else repeatAfter = formatDelay(parsed.value);
    if (!raw.repeat) report(file, [...path, 'repeat_after'], `${where}: repeat_after needs "repeat" (how many more runs of the chain)`);
  }
  return {
    id: raw.id,
    team: raw.team,
    name: raw.name ?? raw.id,
    ...(raw.repeat && { repeat: raw.repeat }),
    ...(repeatAfter && { repeatAfter }),
    levels,
  };
}

function checkTarget(file: string, path: Path, target: string, where: string, known: Referable, report: Report): void {
  const parsed = parseTarget(target);
  if (!parsed) {
    report(file, path, `${where}: target "${target}" must be schedule:<id>, person:<id> or team:<id>`);
    return;
  }
  const { kind, id } = parsed;
  const ids = kind === 'schedule' ? known.schedules : kind === 'person' ? known.people : known.teams;
  if (!ids.has(id)) report(file, path, `${where}: ${kind} "${id}" is not a known ${kind}`);
}

/** The first level fires at 0m unless told otherwise; every later level needs its delay. */
function levelDelay(file: string, path: Path, after: string | number | undefined, index: number, where: string, report: Report): number | undefined {
  if (after === undefined) {
    if (index === 0) return 0;
    report(file, path, `${where}: "after" is required (how long after the incident starts this level is notified, e.g. 15m)`);
    return undefined;
  }
  if (typeof after === 'number') {
    report(file, [...path, 'after'], `${where}: after ${after} has no unit; write ${after}m for minutes`);
    return undefined;
  }
  const parsed = parseDelay(after);
  if (!parsed.ok) report(file, [...path, 'after'], `${where}: after ${parsed.error}`);
  return parsed.ok ? parsed.value : undefined;
}
