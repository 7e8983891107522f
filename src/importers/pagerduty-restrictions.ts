// PagerDuty layer restrictions as oncall restrictions. A `daily_restriction` opens every day
// at `start_time_of_day` for `duration_seconds`; a `weekly_restriction` opens once a week on
// `start_day_of_week` (ISO: 1 is Monday). Both are wall-clock times in the schedule's zone,
// which is what oncall's `{from, to}` and `{from: "fri 18:00", to: "mon 09:00"}` mean, so they
// map exactly when they fall on whole minutes. Anything else is rounded and said in a note.

import { formatClock, WEEKDAYS } from '../core/values.js';
import type { PdRestriction } from './pagerduty-api.js';

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

export interface MappedRestrictions {
  restrictions: { days?: string[]; from: string; to: string }[];
  /** What could not be written exactly, one phrase each (the caller names the layer). */
  problems: string[];
}

export function mapRestrictions(list: PdRestriction[]): MappedRestrictions {
  const restrictions: MappedRestrictions['restrictions'] = [];
  const problems: string[] = [];
  const sameDay: { day: string; from: string; to: string }[] = [];
  for (const r of list) {
    const start = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(r.start_time_of_day ?? '');
    if (!start || Number(start[1]) > 23 || Number(start[2]) > 59) {
      problems.push(`a restriction starting at "${r.start_time_of_day}" is not a time of day; left out`);
      continue;
    }
    let from = Number(start[1]) * 60 + Number(start[2]);
    if (Number(start[3] ?? 0) !== 0) {
      problems.push(`a restriction starts at ${r.start_time_of_day}, with seconds; written from ${formatClock(from)}`);
    }
    const seconds = Number(r.duration_seconds);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      problems.push(`a restriction lasting ${r.duration_seconds} s covers nothing; left out`);
      continue;
    }
    let minutes = Math.round(seconds / 60);
    if (minutes * 60 !== seconds) problems.push(`a restriction lasts ${seconds} s, not whole minutes; written as ${minutes} min`);
    minutes = Math.max(1, minutes);
    if (r.type === 'daily_restriction') {
      if (minutes > DAY_MINUTES) problems.push(`a daily restriction lasts ${seconds} s, more than a day; written as every day, all day`);
      // `to` equal to `from` is 24 hours in oncall.
      restrictions.push({ from: formatClock(from), to: formatClock((from + Math.min(minutes, DAY_MINUTES)) % DAY_MINUTES) });
    } else if (r.type === 'weekly_restriction') {
      const day = Number(r.start_day_of_week);
      if (!Number.isInteger(day) || day < 1 || day > 7) {
        problems.push(`a weekly restriction has no start_day_of_week from 1 to 7 (${r.start_day_of_week}); left out`);
        continue;
      }
      if (minutes > WEEK_MINUTES) problems.push(`a weekly restriction lasts ${seconds} s, more than a week; written as the whole week`);
      const end = from + Math.min(minutes, WEEK_MINUTES);
      if (end <= DAY_MINUTES && minutes < DAY_MINUTES) {
        // Within one day: business hours read better as one line with the days listed.
        sameDay.push({ day: WEEKDAYS[day - 1], from: formatClock(from), to: formatClock(end % DAY_MINUTES) });
        continue;
      }
      const toDay = (day - 1 + Math.floor(end / DAY_MINUTES)) % 7;
      from = from % DAY_MINUTES;
      // `to` equal to `from` on the same day is a full week in oncall.
      restrictions.push({ from: `${WEEKDAYS[day - 1]} ${formatClock(from)}`, to: `${WEEKDAYS[toDay]} ${formatClock(end % DAY_MINUTES)}` });
    } else {
      problems.push(`a restriction of type "${r.type}" is not one PagerDuty documents; left out`);
    }
  }
  // Weekly spans inside one day with the same hours become one `{days, from, to}`.
  const byHours = new Map<string, { days: string[]; from: string; to: string }>();
  for (const span of sameDay) {
    const key = `${span.from}-${span.to}`;
    const group = byHours.get(key) ?? { days: [], from: span.from, to: span.to };
    if (!group.days.includes(span.day)) group.days.push(span.day);
    byHours.set(key, group);
  }
  for (const group of byHours.values()) {
    group.days.sort((a, b) => WEEKDAYS.indexOf(a as never) - WEEKDAYS.indexOf(b as never));
    restrictions.push(group.days.length === 7 ? { from: group.from, to: group.to } : group);
  }
  return { restrictions, problems };
}
