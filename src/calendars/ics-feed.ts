// An iCalendar feed of on-call shifts. The `ics` package writes the events; we then add the
// calendar properties it does not know (NAME, X-WR-TIMEZONE, REFRESH-INTERVAL) and fold
// again, because `ics` folds at 75 characters where RFC 5545 asks for 75 octets.

import { createRequire } from 'node:module';
import type { EventAttributes } from 'ics';
import { RuntimeFailure } from '../errors.js';
import { cleanText, escapeText, serialize, unfold } from './ics-lines.js';

export interface FeedEvent {
  uid: string;
  start: number;
  end: number;
  summary: string;
  description: string;
  sequence: number;
}

export interface Feed {
  name: string;
  /** The zone calendar apps should show the feed in (X-WR-TIMEZONE). */
  timezone: string;
  /** DTSTAMP of every event: "now", so that a pinned --now gives identical bytes. */
  stamp: number;
  events: FeedEvent[];
  /** Minutes before each shift for a reminder, if any. */
  alarmMinutes?: number;
}

export const PRODUCT_ID = '-//oncall//oncall 0.1//EN';

// ics is CommonJS; loading it through require keeps it out of every other command.
const ics = createRequire(import.meta.url)('ics') as typeof import('ics');

export function writeFeed(feed: Feed): string {
  const events: EventAttributes[] = feed.events.map((e) => ({
    uid: e.uid,
    start: e.start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: e.end,
    endInputType: 'utc',
    endOutputType: 'utc',
    // ics escapes these two itself; what it must never get is a control character.
    title: cleanText(e.summary),
    description: cleanText(e.description),
    sequence: e.sequence,
    timestamp: feed.stamp,
    transp: 'TRANSPARENT',
    busyStatus: 'FREE',
    ...(feed.alarmMinutes !== undefined && {
      // ics writes an alarm's DESCRIPTION as given: escape it here.
      alarms: [{ action: 'display', description: escapeText(e.summary), trigger: { minutes: feed.alarmMinutes, before: true } }],
    }),
  }));
  const { error, value } = ics.createEvents(events, { productId: PRODUCT_ID, method: 'PUBLISH' });
  if (error || !value) throw new RuntimeFailure(`could not write the calendar: ${error?.message ?? 'no output'}`);
  return serialize(withCalendarProperties(unfold(value), feed));
}

/** Inserts the calendar-level properties right after METHOD. */
function withCalendarProperties(lines: string[], feed: Feed): string[] {
  const name = escapeText(feed.name);
  const extra = [
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
    `X-WR-TIMEZONE:${feed.timezone}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
  ];
  const rest = lines.filter((line) => !line.startsWith('X-WR-CALNAME:'));
  const at = rest.findIndex((line) => line.startsWith('METHOD:'));
  if (!rest.includes('X-PUBLISHED-TTL:PT1H')) extra.push('X-PUBLISHED-TTL:PT1H');
  // ics writes a reminder at the very start as "-PT", which is no duration at all.
  const fixed = rest.map((line) => (line === 'TRIGGER:-PT' ? 'TRIGGER:PT0S' : line));
  return [...fixed.slice(0, at + 1), ...extra, ...fixed.slice(at + 1)];
}
