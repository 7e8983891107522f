// What reports need besides shifts: the teams' holiday regions and incidents handled.

import type { Window } from '../core/index.js';
import type { Store } from './store.js';

export async function teamHolidayRegions(store: Store): Promise<Map<string, string>> {
  const rows = await store.sql.all<{ id: string; holidays: string }>('SELECT id, holidays FROM teams WHERE holidays IS NOT NULL');
  return new Map(rows.map((r) => [r.id, r.holidays]));
}

/** Incidents each person acknowledged inside the window (resolving also acknowledges). */
export async function incidentsHandled(store: Store, window: Window): Promise<{ person: string; count: number }[]> {
  return store.sql.all<{ person: string; count: number }>(
    `SELECT acknowledged_by AS person, COUNT(*) AS count FROM incidents
     WHERE acknowledged_by IS NOT NULL AND acknowledged_at >= ? AND acknowledged_at < ? GROUP BY acknowledged_by`,
    [window.start, window.end],
  );
}
