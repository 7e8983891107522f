// What reports need besides shifts: the teams' holiday regions and incidents handled.

import type { Window } from '../core/index.js';
import type { Store } from './open.js';

export function teamHolidayRegions(store: Store): Map<string, string> {
  const rows = store.sqlite.prepare('SELECT id, holidays FROM teams WHERE holidays IS NOT NULL').all() as { id: string; holidays: string }[];
  return new Map(rows.map((r) => [r.id, r.holidays]));
}

/** Incidents each person acknowledged inside the window (resolving also acknowledges). */
export function incidentsHandled(store: Store, window: Window): { person: string; count: number }[] {
  return store.sqlite
    .prepare(
      `SELECT acknowledged_by AS person, COUNT(*) AS count FROM incidents
       WHERE acknowledged_by IS NOT NULL AND acknowledged_at >= ? AND acknowledged_at < ? GROUP BY acknowledged_by`,
    )
    .all(window.start, window.end) as { person: string; count: number }[];
}
