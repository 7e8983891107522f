// Escalation policies and team members on the fast path (`oncall who --policy`, `escalate`),
// as plain SQL like read.ts.

import type { EscalationPolicyConfig } from '../core/index.js';
import type { Store } from './open.js';
import { policyConfigFromRow, type PolicyRow } from './rows.js';

const POLICY_COLUMNS = `row_id AS rowId, policy_id AS policyId, team_id AS teamId, name, repeat,
  repeat_after AS repeatAfter, levels, valid_from AS validFrom, valid_to AS validTo`;

/** The version of a policy in force at `at`, or undefined when it did not exist then. */
export function policyAt(store: Store, id: string, at: number): EscalationPolicyConfig | undefined {
  const row = store.sqlite
    .prepare(
      `SELECT ${POLICY_COLUMNS} FROM escalation_policies WHERE policy_id = ?
       AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to > ?)`,
    )
    .get(id, at, at) as PolicyRow | undefined;
  return row && policyConfigFromRow(row);
}

/** Ids of the policies in force now, for "did you mean" style errors. */
export function currentPolicyIds(store: Store): string[] {
  const rows = store.sqlite
    .prepare('SELECT policy_id AS id FROM escalation_policies WHERE valid_to IS NULL ORDER BY policy_id')
    .all() as { id: string }[];
  return rows.map((r) => r.id);
}

/** A team's current members in their listed order (empty for an unknown or removed team). */
export function teamMembersOf(store: Store, teamId: string): string[] {
  const rows = store.sqlite
    .prepare(
      `SELECT m.person_id AS id FROM team_members m JOIN teams t ON t.id = m.team_id
       WHERE m.team_id = ? AND t.deleted_at IS NULL ORDER BY m.position`,
    )
    .all(teamId) as { id: string }[];
  return rows.map((r) => r.id);
}

/** When a person was removed (null: still here; undefined: never existed). */
export function personRemovedAt(store: Store, id: string): number | null | undefined {
  const row = store.sqlite.prepare('SELECT deleted_at AS deletedAt FROM people WHERE id = ?').get(id) as
    | { deletedAt: number | null }
    | undefined;
  return row?.deletedAt;
}
