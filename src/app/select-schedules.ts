// The schedules a command is about (--schedule, --team), with clear errors for unknown ids.

import { UserError } from '../errors.js';
import type { Store } from '../storage/store.js';
import { listSchedules, type ScheduleInfo } from '../storage/read.js';
import { findById } from '../core/index.js';

/** Schedules that exist at `aliveAt`, filtered by ids and team; unknown ids are refused. */
export async function selectSchedules(
  store: Store,
  query: { scheduleIds?: string[]; team?: string; aliveAt: number },
): Promise<ScheduleInfo[]> {
  const list = await listSchedules(store, { ids: query.scheduleIds, team: query.team, aliveAt: query.aliveAt });
  for (const id of query.scheduleIds ?? []) {
    findById(list, id, 'schedule');
  }
  if (query.team && list.length === 0) {
    throw new UserError(`team "${query.team}" has no schedules (or does not exist); check the id with "oncall who"`);
  }
  return list;
}
