// The vendor's truth for verification: Opsgenie's final timeline of a schedule,
// GET /v2/schedules/{id}/timeline?date=&interval=&intervalUnit=days. The request names a
// moment and a length, not an end: Opsgenie answers with the `startDate` and `endDate` it
// actually covered (which may begin earlier, at the start of that day). So the window is read
// in steps: each request starts where the last answer ended, until the window's end is
// covered; an answer that does not cover its own start, or does not move on, is an error.

import { isoUtc, type Window } from '../core/index.js';
import { RuntimeFailure } from '../errors.js';
import type { VendorHttp } from './http.js';
import { getData, type OgRecipient, type OgTimeline } from './opsgenie-api.js';
import type { VendorEntry } from './types.js';

const DAY_MS = 86_400_000;
/** Days asked for per request (Opsgenie documents no limit; a month keeps answers small). */
export const DAYS_PER_REQUEST = 31;
/** Requests per schedule at most: a window of ten years, even if Opsgenie answered a day at a time. */
const MAX_REQUESTS = 3700;

export interface FinalTimeline {
  entries: VendorEntry[];
  /** Period types seen that oncall does not model (forwarding). */
  types: Set<string>;
}

/**
 * Every period of the final timeline inside `window`; `who` names a period's recipient
 * (an oncall person id, or a label for a team or escalation; null for nobody).
 */
export async function readFinalTimeline(http: VendorHttp, scheduleId: string, name: string, window: Window, who: (r: OgRecipient) => string | null): Promise<FinalTimeline> {
  const entries: VendorEntry[] = [];
  const types = new Set<string>();
  let cursor = window.start;
  for (let requests = 0; cursor < window.end; requests++) {
    if (requests >= MAX_REQUESTS) throw new RuntimeFailure(`Opsgenie's timeline of "${name}" took more than ${MAX_REQUESTS} requests; stopped reading it`);
    const days = Math.min(DAYS_PER_REQUEST, Math.ceil((window.end - cursor) / DAY_MS) + 1);
    const timeline = await getData<OgTimeline>(http, `/v2/schedules/${encodeURIComponent(scheduleId)}/timeline`, {
      identifierType: 'id',
      date: isoUtc(cursor),
      interval: days,
      intervalUnit: 'days',
    });
    const [start, end] = [Date.parse(timeline.startDate), Date.parse(timeline.endDate)];
    if (!(start <= cursor)) throw new RuntimeFailure(`Opsgenie's timeline of "${name}" asked from ${isoUtc(cursor)} begins later (${String(timeline.startDate)}); cannot verify that part`);
    if (!(end > cursor)) throw new RuntimeFailure(`Opsgenie's timeline of "${name}" asked from ${isoUtc(cursor)} ends there (${String(timeline.endDate)}); cannot verify the rest`);
    const [from, to] = [cursor, Math.min(end, window.end)];
    for (const rotation of timeline.finalTimeline?.rotations ?? []) {
      for (const period of rotation.periods ?? []) {
        const s = Math.max(Date.parse(period.startDate), from);
        const e = Math.min(Date.parse(period.endDate), to);
        if (!(s < e)) continue;
        if (period.type) types.add(period.type);
        const recipients = period.recipient ? [period.recipient] : (period.flattenedRecipients ?? []);
        if (recipients.length === 0) entries.push({ start: s, end: e, person: null });
        for (const r of recipients) entries.push({ start: s, end: e, person: who(r) });
      }
    }
    cursor = end;
  }
  return { entries, types };
}
