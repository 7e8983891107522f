// The shape of a YAML file, checked with zod. Objects are strict, so a typo in a key is an
// error rather than silently ignored. Meaning (known ids, valid zones, parsable times) is
// checked afterwards by `normalizeConfig`.

import { z } from 'zod';

const id = z.string().min(1);
const text = z.string();
const time = z.string();

type ObjectMaker = typeof z.strictObject;

/**
 * The schemas, built twice: strict ones report unknown keys; lenient ones drop them, so that
 * an object whose only problem is a misspelt key still gets its meaning checked and every
 * error in a file is reported in one go.
 */
function schemas(object: ObjectMaker) {
  const person = object({
    id,
    name: text.optional(),
    email: text.optional(),
    timezone: text.optional(),
    color: text.optional(),
    time_off: z.array(z.unknown()).optional(),
  });
  const timeOff = object({ from: time, to: time, reason: text.optional() });
  const team = object({ id, name: text.optional(), members: z.array(id).default([]), holidays: text.optional() });
  const restriction = object({ days: z.array(text).optional(), from: text, to: text });
  // Restrictions are checked one by one too, so that a malformed one does not hide the layer.
  const layer = object({
    id,
    start: time,
    end: time.optional(),
    shift: text.optional(),
    handoffs: text.optional(),
    members: z.array(id),
    restrictions: z.array(z.unknown()).optional(),
    priority: z.number().int().optional(),
    disabled: z.boolean().optional(),
  });
  const override = object({
    person: id,
    from: time,
    to: time,
    replaces: id.optional(),
    reason: text.optional(),
  });
  // Layers and overrides are checked one by one, so one bad layer does not hide the others.
  const schedule = object({
    id,
    team: id,
    name: text.optional(),
    timezone: text,
    disabled: z.boolean().optional(),
    layers: z.array(z.unknown()),
    overrides: z.array(z.unknown()).optional(),
  });
  // `after` may be written as a number of minutes by mistake; the meaning check says how to fix it.
  const level = object({ targets: z.array(text), after: z.union([text, z.number()]).optional() });
  const policy = object({
    id,
    team: id,
    name: text.optional(),
    repeat: z.number().int().min(0).max(9).optional(),
    repeat_after: text.optional(),
    levels: z.array(z.unknown()),
  });
  const file = object({
    version: z.literal(1),
    people: z.array(z.unknown()).optional(),
    teams: z.array(z.unknown()).optional(),
    schedules: z.array(z.unknown()).optional(),
    escalation_policies: z.array(z.unknown()).optional(),
  });
  return { person, timeOff, team, restriction, layer, override, schedule, level, policy, file };
}

export const strict = schemas(z.strictObject);
export const lenient = schemas(z.object as unknown as ObjectMaker);

export type RawPerson = z.infer<typeof strict.person>;
export type RawTimeOff = z.infer<typeof strict.timeOff>;
export type RawTeam = z.infer<typeof strict.team>;
export type RawLayer = z.infer<typeof strict.layer>;
export type RawRestriction = z.infer<typeof strict.restriction>;
export type RawOverride = z.infer<typeof strict.override>;
export type RawSchedule = z.infer<typeof strict.schedule>;
export type RawPolicy = z.infer<typeof strict.policy>;
export type RawLevel = z.infer<typeof strict.level>;
export type SchemaName = keyof typeof strict;

export type Path = (string | number)[];

/** Where the meaning checks report a problem: file, path inside it, message. */
export type Report = (file: string, path: Path, message: string, atKey?: boolean) => void;

export interface ConfigIssue {
  path: Path;
  message: string;
  /** Points the position at the key itself rather than its value (unknown keys). */
  atKey?: boolean;
}

/**
 * Checks `value` against a schema; reports every issue, and returns the value (without
 * unknown keys) when its shape is otherwise right, or undefined when it cannot be used.
 */
export function checkShape<K extends SchemaName>(
  name: K,
  value: unknown,
  path: Path,
  report: (issue: ConfigIssue) => void,
): z.infer<(typeof strict)[K]> | undefined {
  const parsed = strict[name].safeParse(value);
  if (parsed.success) return parsed.data as z.infer<(typeof strict)[K]>;
  zodIssues(parsed.error, path).forEach(report);
  const usable = lenient[name].safeParse(value);
  return usable.success ? (usable.data as z.infer<(typeof strict)[K]>) : undefined;
}

/**
 * What can still be checked in a mapping whose shape is wrong (a required key missing, a
 * value of the wrong type): the keys that are right, without those that are not. The
 * problems of the dropped keys have been reported by `checkShape`; the rest still gets its
 * meaning checked, so that one run reports every error of a file.
 */
export function salvageShape<K extends SchemaName>(
  name: K,
  value: unknown,
): { value: Partial<z.infer<(typeof strict)[K]>>; dropped: Set<string> } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const schema = lenient[name] as unknown as z.ZodObject;
  const whole = schema.safeParse(value);
  const dropped = new Set<string>();
  if (!whole.success) for (const issue of whole.error.issues) if (issue.path.length > 0) dropped.add(String(issue.path[0]));
  const rest = Object.fromEntries(Object.entries(value).filter(([key]) => !dropped.has(key)));
  const parsed = schema.partial().safeParse(rest);
  return parsed.success ? { value: parsed.data as Partial<z.infer<(typeof strict)[K]>>, dropped } : undefined;
}

type Shaped<K extends SchemaName> = NonNullable<ReturnType<typeof checkShape<K>>>;

/**
 * Checks the shape of each element of a list; calls `keep` for every usable one, and
 * `keepPart` (when given) with what is left of each one that is not usable as a whole.
 */
export function eachShaped<K extends SchemaName>(
  items: unknown,
  schema: K,
  base: Path,
  report: (issue: ConfigIssue) => void,
  keep: (value: Shaped<K>, path: Path) => void,
  keepPart?: (value: Partial<Shaped<K>>, path: Path, dropped: Set<string>) => void,
): void {
  if (!Array.isArray(items)) return; // the enclosing schema reports a wrong type
  // The whole list at once first (a file may list 20 000 overrides): one parse costs less
  // than one per element. Only a list with a problem is checked element by element.
  const whole = listOf(schema).safeParse(items);
  if (whole.success) {
    whole.data.forEach((value, index) => keep(value as Shaped<K>, [...base, index]));
    return;
  }
  items.forEach((item, index) => {
    const path = [...base, index];
    const value = checkShape(schema, item, path, report);
    if (value !== undefined) keep(value as Shaped<K>, path);
    else if (keepPart) {
      const part = salvageShape(schema, item);
      if (part) keepPart(part.value as Partial<Shaped<K>>, path, part.dropped);
    }
  });
}

const lists = new Map<SchemaName, z.ZodArray>();

function listOf(name: SchemaName): z.ZodArray {
  let list = lists.get(name);
  if (!list) {
    list = z.array(strict[name]);
    lists.set(name, list);
  }
  return list;
}

/** Turns zod issues into one readable message each, with paths relative to `base`. */
export function zodIssues(error: z.ZodError, base: Path): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    const path = [...base, ...(issue.path as Path)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: [...path, key], message: `unknown key "${key}"${suggestKey(key)}`, atKey: true });
      }
      continue;
    }
    issues.push({ path, message: describeIssue(issue, path) });
  }
  return issues;
}

function describeIssue(issue: z.core.$ZodIssue, path: Path): string {
  const name = String(path[path.length - 1] ?? 'file');
  if (issue.code === 'invalid_type') {
    if ((issue as { input?: unknown }).input === undefined) return `"${name}" is required`;
    return `"${name}" must be ${article(issue.expected)}`;
  }
  if (issue.code === 'invalid_value' && name === 'version') return 'version must be 1';
  if (issue.code === 'too_small' && issue.origin === 'number') return `"${name}" must be at least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `"${name}" must be at most ${issue.maximum}`;
  if (issue.code === 'too_small') return `"${name}" must not be empty`;
  return `"${name}": ${issue.message}`;
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping';
  if (expected === 'int') return 'a whole number';
  return `a ${expected}`;
}

const KNOWN_KEYS = [
  'version', 'people', 'teams', 'schedules', 'id', 'name', 'email', 'timezone', 'color',
  'members', 'team', 'layers', 'overrides', 'start', 'end', 'shift', 'handoffs',
  'restrictions', 'priority', 'disabled', 'days', 'from', 'to', 'person', 'replaces', 'reason',
  'escalation_policies', 'levels', 'targets', 'after', 'repeat', 'repeat_after', 'time_off', 'holidays',
];

/** ` (did you mean "members"?)` for a key one or two edits away from a known one. */
function suggestKey(key: string): string {
  const close = KNOWN_KEYS.find((k) => editDistance(k, key) <= Math.min(2, k.length - 1));
  return close ? ` (did you mean "${close}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
