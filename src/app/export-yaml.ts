// `oncall export yaml`: the current definition of everything, in the format `apply` reads,
// so that applying the output changes nothing.

import { Document, isScalar, isSeq, visit } from 'yaml';
import type { Config, EscalationPolicyConfig, OverrideConfig, PersonConfig, TimeOffConfig } from '../core/index.js';
import { addDays, DAY_MS, MINUTE_MS, formatWallClock, fromFloating, isoUtc, toFloating } from '../core/index.js';
import { currentConfig } from './current-config.js';
import type { AppContext } from './context.js';
import { writtenLiterally } from './literal-rotations.js';
import { openRotationPositions } from '../storage/read-versions.js';

/** Strings that YAML 1.1 would read as base-60 numbers: "17:00", "1:30:00". */
const CLOCK_LIKE = /^[-+]?\d+(:[0-5]?\d)+(\.\d*)?$/;

export async function exportYaml(ctx: AppContext): Promise<string> {
  const store = await ctx.store();
  const config = writtenLiterally(await currentConfig(ctx), await openRotationPositions(store));
  return rotaYaml(toYamlShape(config), ` Exported by oncall at ${isoUtc(ctx.now)}; apply it with "oncall apply -f FILE".`);
}

/** A rota as a YAML file people read and edit (export, import), with `comment` on top. */
export function rotaYaml(shape: object, comment: string): string {
  const doc = new Document(shape);
  visit(doc, {
    // Short lists (members, days) read best on one line.
    Seq(key, node) {
      if (isSeq(node) && node.items.every((item) => typeof (item as { value?: unknown }).value === 'string')) {
        node.flow = true;
      }
    },
    // YAML 1.1 readers (PyYAML, many CI tools) read a bare 17:00 as the number 1020.
    Scalar(key, node) {
      if (isScalar(node) && typeof node.value === 'string' && CLOCK_LIKE.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  doc.commentBefore = comment;
  return doc.toString({ lineWidth: 0 });
}

/** The YAML (raw) shape of a config: what files hold and what `normalizeFiles` reads. */
export function toYamlShape(config: Config) {
  return {
    version: 1,
    people: config.people.map(personShape),
    teams: config.teams,
    schedules: config.schedules.map((s) => ({
      ...s,
      overrides: s.overrides.length > 0 ? s.overrides.map((o) => overrideShape(o, s.timezone)) : undefined,
    })),
    escalation_policies: config.policies.length > 0 ? config.policies.map(policyShape) : undefined,
  };
}

function policyShape({ repeatAfter, ...policy }: EscalationPolicyConfig) {
  return { ...policy, ...(repeatAfter && { repeat_after: repeatAfter }) };
}

function personShape({ timeOff, ...person }: PersonConfig) {
  const zone = person.timezone ?? 'UTC';
  return { ...person, ...(timeOff?.length && { time_off: timeOff.map((t) => timeOffShape(t, zone)) }) };
}

/** Whole days read best as dates ("to" is then the last day off); anything else as times. */
function timeOffShape(t: TimeOffConfig, zone: string) {
  const midnight = (instant: number) => toFloating(instant, zone) % DAY_MS === 0;
  const wholeDays = midnight(t.from) && midnight(t.to) && fromFloating(toFloating(t.from, zone), zone) === t.from;
  const from = wholeDays ? formatWallClock(toFloating(t.from, zone)).slice(0, 10) : timeInZone(t.from, zone);
  const to = wholeDays ? formatWallClock(toFloating(addDays(t.to, -1, zone), zone)).slice(0, 10) : timeInZone(t.to, zone);
  return { from, to, ...(t.reason && { reason: t.reason }) };
}

function overrideShape(o: OverrideConfig, zone: string) {
  return {
    person: o.person,
    from: timeInZone(o.from, zone),
    to: timeInZone(o.to, zone),
    ...(o.replaces && { replaces: o.replaces }),
    ...(o.reason && { reason: o.reason }),
  };
}

/** Wall clock in the schedule's zone when that reads back to the same instant, else UTC. */
function timeInZone(instant: number, zone: string): string {
  const wall = toFloating(instant, zone);
  if (wall % MINUTE_MS === 0 && fromFloating(wall, zone) === instant) return formatWallClock(wall);
  return isoUtc(instant);
}
