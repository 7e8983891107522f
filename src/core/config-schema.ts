// The shape of a YAML file, checked with zod. Objects are strict, so a typo in a key is an
// error rather than silently ignored. Meaning (known ids, valid zones, parsable times) is
// checked afterwards by `normalizeConfig`.

import { z } from 'zod';

const id = z.string().min(1);
const text = z.string();
const time = z.string();

export const PersonSchema = z.strictObject({
  id,
  name: text.optional(),
  email: text.optional(),
  timezone: text.optional(),
  color: text.optional(),
});

export const TeamSchema = z.strictObject({
  id,
  name: text.optional(),
  members: z.array(id).default([]),
});

export const RestrictionSchema = z.strictObject({
  days: z.array(text).optional(),
  from: text,
  to: text,
});

export const LayerSchema = z.strictObject({
  id,
  start: time,
  end: time.optional(),
  shift: text.optional(),
  handoffs: text.optional(),
  members: z.array(id),
  restrictions: z.array(RestrictionSchema).optional(),
  priority: z.number().int().optional(),
  disabled: z.boolean().optional(),
});

export const OverrideSchema = z.strictObject({
  person: id,
  from: time,
  to: time,
  replaces: id.optional(),
  reason: text.optional(),
});

export const ScheduleSchema = z.strictObject({
  id,
  team: id,
  name: text.optional(),
  timezone: text,
  layers: z.array(LayerSchema),
  overrides: z.array(OverrideSchema).optional(),
});

export const FileSchema = z.strictObject({
  version: z.literal(1),
  people: z.array(z.unknown()).optional(),
  teams: z.array(z.unknown()).optional(),
  schedules: z.array(z.unknown()).optional(),
});

export type RawPerson = z.infer<typeof PersonSchema>;
export type RawTeam = z.infer<typeof TeamSchema>;
export type RawLayer = z.infer<typeof LayerSchema>;
export type RawOverride = z.infer<typeof OverrideSchema>;
export type RawSchedule = z.infer<typeof ScheduleSchema>;

export type Path = (string | number)[];

export interface ConfigIssue {
  path: Path;
  message: string;
  /** Points the position at the key itself rather than its value (unknown keys). */
  atKey?: boolean;
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
