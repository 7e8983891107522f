// Time off on the read path: `check`, `report`, `cover` and `timeoff list`.

import type { Store } from './open.js';

export interface TimeOffRow {
  id: number;
  person: string;
  start: number;
  end: number;
  reason: string | null;
}

/** Time off in force (not removed) that ends after `from` and starts before `to`, by start. */
export function timeOffBetween(store: Store, from: number, to: number, person?: string): TimeOffRow[] {
  return store.sqlite
    .prepare(
      `SELECT id, person_id AS person, start, "end", reason FROM time_off
       WHERE removed_at IS NULL AND "end" > ? AND start < ? ${person ? 'AND person_id = ?' : ''} ORDER BY start, id`,
    )
    .all(...(person ? [from, to, person] : [from, to])) as TimeOffRow[];
}

export function timeOffById(store: Store, id: number): TimeOffRow | undefined {
  return store.sqlite
    .prepare('SELECT id, person_id AS person, start, "end", reason FROM time_off WHERE id = ? AND removed_at IS NULL')
    .get(id) as TimeOffRow | undefined;
}
