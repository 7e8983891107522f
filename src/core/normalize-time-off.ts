// Time off as written under a person: dates or wall-clock times in the person's zone (UTC
// when they have none), or ISO times with an offset. A date alone as `to` means the whole of
// that day: "from 2026-12-21 to 2026-12-24" is four days off.

import type { TimeOffConfig } from './config.js';
import { timeOffKey } from './config.js';
import { checkShape, type ConfigIssue, type Path, type Report } from './config-schema.js';
import { parseFileTime } from './time-input.js';
import { addDays, DATE_ONLY } from './wall-clock.js';

/** Reads a time-off bound; an end given as a bare date is the end of that day. */
export function parseTimeOffBound(text: string, zone: string, end: boolean): number | undefined {
  const instant = parseFileTime(text, zone);
  if (instant === undefined) return undefined;
  return end && DATE_ONLY.test(text.trim()) ? addDays(instant, 1, zone) : instant;
}

export function timeOffConfigs(file: string, path: Path, person: string, items: unknown[] | undefined, zone: string, report: Report): TimeOffConfig[] {
  const list: TimeOffConfig[] = [];
  (items ?? []).forEach((item, index) => {
    const at = [...path, index];
    const raw = checkShape('timeOff', item, at, (issue: ConfigIssue) => report(file, issue.path, issue.message, issue.atKey));
    if (!raw) return;
    const where = `person "${person}": time off`;
    const hint = 'use a date (2026-12-24), YYYY-MM-DDTHH:MM in the person\'s zone, or an ISO time with offset';
    const from = parseTimeOffBound(raw.from, zone, false);
    const to = parseTimeOffBound(raw.to, zone, true);
    if (from === undefined) report(file, [...at, 'from'], `${where}: from "${raw.from}" is not a time; ${hint}`);
    if (to === undefined) report(file, [...at, 'to'], `${where}: to "${raw.to}" is not a time; ${hint}`);
    if (from === undefined || to === undefined) return;
    if (to <= from) return report(file, [...at, 'to'], `${where} ends (${raw.to}) before it starts (${raw.from})`);
    const entry = { from, to, ...(raw.reason !== undefined && { reason: raw.reason }) };
    if (list.some((t) => timeOffKey(t) === timeOffKey(entry))) return report(file, at, `${where}: ${raw.from} → ${raw.to} is listed twice`);
    list.push(entry);
  });
  return list.sort((a, b) => a.from - b.from || a.to - b.to);
}
