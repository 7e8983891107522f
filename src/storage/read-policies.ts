// Escalation policies and team members on the fast path (`oncall who --policy`, `escalate`),
// as plain SQL like read.ts.

import type { EscalationPolicyConfig } from '../core/index.js';
import type { Store } from './store.js';
import { inTextOrder, policyConfigFromRow, type PolicyRow } from './rows.js';

const POLICY_COLUMNS = `row_id AS "rowId", policy_id AS "policyId", team_id AS "teamId", name, repeat,
  repeat_after AS "repeatAfter", levels, valid_from AS "validFrom", valid_to AS "validTo"`;

/** The version of a policy in force at `at`, or undefined when it did not exist then. */
export async function policyAt(store: Store, id: string, at: number): Promise<EscalationPolicyConfig | undefined> {
  const row = await store.sql.get<PolicyRow>(
    `SELECT ${POLICY_COLUMNS} FROM escalation_policies WHERE policy_id = ?
     AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to > ?)`,
    [id, at, at],
  );
  return row && policyConfigFromRow(row);
}

/** Ids of the policies in force now, for "did you mean" style errors. */
export async function currentPolicyIds(store: Store): Promise<string[]> {
  const rows = await store.sql.all<{ id: string }>('SELECT policy_id AS id FROM escalation_policies WHERE valid_to IS NULL');
  return inTextOrder(rows, (r) => r.id).map((r) => r.id);
}

/** A team's current members in their listed order (empty for an unknown or removed team). */
export async function teamMembersOf(store: Store, teamId: string): Promise<string[]> {
  const rows = await store.sql.all<{ id: string }>(
    `SELECT m.person_id AS id FROM team_members m JOIN teams t ON t.id = m.team_id
     WHERE m.team_id = ? AND t.deleted_at IS NULL ORDER BY m.position`,
    [teamId],
  );
  return rows.map((r) => r.id);
}

/** When a person was removed (null: still here; undefined: never existed). */
export async function personRemovedAt(store: Store, id: string): Promise<number | null | undefined> {
  const row = await store.sql.get<{ deletedAt: number | null }>('SELECT deleted_at AS "deletedAt" FROM people WHERE id = ?', [id]);
  return row?.deletedAt;
}
