// Time off on the read path: `check`, `report`, `cover` and `timeoff list`.

import type { Store } from './store.js';

export interface TimeOffRow {
  id: number;
  person: string;
  start: number;
  end: number;
  reason: string | null;
}

/** Time off in force (not removed) that ends after `from` and starts before `to`, by start. */
export async function timeOffBetween(store: Store, from: number, to: number, person?: string): Promise<TimeOffRow[]> {
  return store.sql.all<TimeOffRow>(
    `SELECT id, person_id AS person, start, "end", reason FROM time_off
     WHERE removed_at IS NULL AND "end" > ? AND start < ? ${person ? 'AND person_id = ?' : ''} ORDER BY start, id`,
    person ? [from, to, person] : [from, to],
  );
}

export async function timeOffById(store: Store, id: number): Promise<TimeOffRow | undefined> {
  return store.sql.get<TimeOffRow>(
    'SELECT id, person_id AS person, start, "end", reason FROM time_off WHERE id = ? AND removed_at IS NULL',
    [id],
  );
}
