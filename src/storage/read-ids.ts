// The ids that exist now, for shell completion: one short statement each, nothing else read.

import { inTextOrder } from './rows.js';
import type { Store } from './store.js';

export type IdKind = 'schedule' | 'person' | 'team' | 'policy';

const QUERIES: Record<IdKind, string> = {
  schedule: 'SELECT id FROM schedules WHERE deleted_at IS NULL',
  person: 'SELECT id FROM people WHERE deleted_at IS NULL',
  team: 'SELECT id FROM teams WHERE deleted_at IS NULL',
  policy: 'SELECT policy_id AS id FROM escalation_policies WHERE valid_to IS NULL',
};

export async function currentIds(store: Store, kind: IdKind): Promise<string[]> {
  const rows = await store.sql.all<{ id: string }>(QUERIES[kind]);
  return inTextOrder(rows, (r) => r.id).map((r) => r.id);
}
