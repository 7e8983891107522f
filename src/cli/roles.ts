// Which of the three oncall roles (`oncall db roles`) a command needs on a shared database:
// PostgreSQL enforces the grants; this only names the role when it refuses, so the person
// knows what to ask an admin for. Kept in step with the grants in storage/pg-grants.ts.

/** Commands that only read: every report, export and listing. */
const READS = new Set(['who', 'shifts', 'next', 'timeline', 'export', 'log', 'escalate', 'check', 'report', 'cover']);
const READ_SUBCOMMANDS = new Set(['list', 'show', 'status']);
/** Commands of people who respond: overrides, swaps, time off, incidents, their own calendars. */
const RESPONDS = new Set(['override', 'swap', 'timeoff', 'incident', 'calendar']);

export type OncallRole = 'oncall_read' | 'oncall_respond' | 'oncall_admin';

/** The role `oncall <path…>` needs (path: the command's names, e.g. ["override", "add"]). */
export function roleFor(path: string[]): OncallRole {
  // `db copy` only reads the database it copies (the copy it writes is the caller's own).
  if (READS.has(path[0]) || READ_SUBCOMMANDS.has(path[1] ?? '') || path.join(' ') === 'db copy') return 'oncall_read';
  if (RESPONDS.has(path[0])) return 'oncall_respond';
  return 'oncall_admin';
}
