// Which shifts Grafana OnCall renders for a schedule, and in which zone it reads each one's
// wall clock (from the engine: OnCallScheduleWeb/OnCallScheduleCalendar in
// engine/apps/schedules/models/on_call_schedule.py and CustomOnCallShift.convert_to_ical).

import { canonicalTimeZone } from '../core/index.js';
import type { GrafanaSchedule, GrafanaShift } from './grafana-api.js';

/**
 * The shifts Grafana renders for a schedule. A `web` schedule renders every shift attached to
 * it (`schedule`, listed in its `shifts`). A `calendar` schedule renders the shifts listed in
 * its `shifts` as its rotations, and override shifts attached to it only while
 * `enable_web_overrides` is on; overrides from `ical_url_overrides` are not in the API.
 */
export function shiftsOf(schedule: GrafanaSchedule, shifts: GrafanaShift[], notes: string[]) {
  const label = `schedule "${schedule.name}"`;
  const listed = new Set(schedule.shifts ?? []);
  let rotations: GrafanaShift[];
  let overrides: GrafanaShift[];
  if (schedule.type === 'calendar') {
    rotations = shifts.filter((s) => listed.has(s.id) && s.type !== 'override');
    overrides = shifts.filter((s) => s.schedule === schedule.id && s.type === 'override');
    if (overrides.length > 0 && schedule.enable_web_overrides === false) {
      notes.push(`${label}: ${overrides.length} override shift(s) are attached but web overrides are off, so Grafana does not render them; not imported`);
      overrides = [];
    }
  } else {
    const own = shifts.filter((s) => s.schedule === schedule.id || listed.has(s.id));
    rotations = own.filter((s) => s.type !== 'override');
    overrides = own.filter((s) => s.type === 'override');
  }
  if (schedule.ical_url_overrides) notes.push(`${label} takes overrides from an iCal URL, which the API does not show; they are not imported`);
  return { rotations, overrides };
}

/**
 * The zone a shift's wall clock is in, as Grafana renders it: the shift's own `time_zone`;
 * without one, the schedule's for rotations of a `calendar` schedule, and UTC for rotations
 * of a `web` schedule and for overrides (the engine renders those with its "UTC" default).
 */
export function shiftZone(shift: GrafanaShift, schedule: GrafanaSchedule, notes: string[]): string {
  if (shift.time_zone) {
    const zone = canonicalTimeZone(shift.time_zone);
    if (zone) return zone;
    notes.push(`shift "${shift.name ?? shift.id}": time zone "${shift.time_zone}" is not an IANA name oncall knows; read as UTC`);
    return 'UTC';
  }
  return schedule.type === 'calendar' && shift.type !== 'override' ? scheduleZone(schedule, notes) : 'UTC';
}

export function scheduleZone(schedule: GrafanaSchedule, notes: string[]): string {
  if (!schedule.time_zone) return 'UTC';
  const zone = canonicalTimeZone(schedule.time_zone);
  if (zone) return zone;
  notes.push(`schedule "${schedule.name}": time zone "${schedule.time_zone}" is not an IANA name oncall knows; read as UTC`);
  return 'UTC';
}

/** The value listed most often (the first of equals), or undefined for none. */
export function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}
