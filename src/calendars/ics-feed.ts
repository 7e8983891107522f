// An iCalendar feed of on-call shifts. The `ics` package writes the events; we then add the
// calendar properties it does not know (NAME, X-WR-TIMEZONE, REFRESH-INTERVAL) and fold
// again, because `ics` folds at 75 characters where RFC 5545 asks for 75 octets.

import { createRequire } from 'node:module';
import type { EventAttributes } from 'ics';
import { RuntimeFailure } from '../errors.js';
import { cleanText, escapeText, serialize, unfold } from './ics-lines.js';
import { MARKED, MARKS, templateLine, utcStamp, type FeedEvent } from './ics-template.js';

export { utcStamp, type FeedEvent };

/** A feed's calendar-level values. */
export interface FeedHeader {
  name: string;
  /** The zone calendar apps should show the feed in (X-WR-TIMEZONE). */
  timezone: string;
  /** DTSTAMP of every event: "now", so that a pinned --now gives identical bytes. */
  stamp: number;
  /** Minutes before each shift for a reminder, if any. */
  alarmMinutes?: number;
}

export interface Feed extends FeedHeader {
  events: FeedEvent[];
}

/** A feed of at least one event, written piece by piece: its start, each event, its end. */
export interface FeedWriter {
  head: string;
  /** One event's VEVENT, folded; `e` is not kept (the caller may reuse it). */
  event(e: FeedEvent): string;
  tail: string;
}

export const PRODUCT_ID = '-//oncall//oncall 0.1//EN';

// ics is CommonJS, loaded when this module is (only by the commands that write feeds). In the
// CommonJS bundle `require` exists and esbuild bundles what it names: loaded from
// node_modules, ics and its dependencies (yup, nanoid, runes2) took 60-100 ms to find, read
// and compile, a tenth of exporting every schedule. Run from source as an ES module (the
// tests), createRequire loads it from node_modules.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load that esbuild bundles
const ics = (typeof require === 'function' ? require('ics') : createRequire(import.meta.url)('ics')) as typeof import('ics');

export function writeFeed(feed: Feed): string {
  if (feed.events.length === 0) return finish(icsOutput([]), feed);
  const writer = feedWriter(feed);
  let text = writer.head;
  for (const e of feed.events) text += writer.event(e);
  return text + writer.tail;
}

/**
 * ics validates every event against its schema, which was 85 % of exporting 30 000 shifts.
 * Every event of a feed has the same shape, so ics validates and formats one event whose
 * varying values are markers, and each event is that text with its own values in place,
 * escaped and formatted as ics does (test/calendars/ics-feed.test.ts checks the bytes are the
 * same as ics writing every event).
 */
export function feedWriter(header: FeedHeader): FeedWriter {
  const lines = withCalendarProperties(markedOutput(header), header);
  const begin = lines.indexOf('BEGIN:VEVENT');
  const end = lines.lastIndexOf('END:VEVENT');
  const head = serialize(lines.slice(0, begin));
  const tail = serialize(lines.slice(end + 1));
  // A pinned "now" that is one of the marks' times would be taken for a mark: ics writes each event.
  if (utcStamp(header.stamp) === MARKS.start || utcStamp(header.stamp) === MARKS.end) {
    return { head, tail, event: (e) => alone(e, header) };
  }
  const template = lines.slice(begin, end + 1).map(templateLine);
  const escape = memo(escapeText);
  return {
    head,
    tail,
    event(e) {
      // ics leaves out an empty SUMMARY or DESCRIPTION line: such an event goes through ics.
      if (escape(e.summary) === '' || escape(e.description) === '') return alone(e, header);
      let text = '';
      for (const line of template) text += typeof line === 'string' ? line : line.write(e, escape);
      return text;
    },
  };
}

// What ics writes for the marked event depends only on the time stamp and the reminder (the
// calendar's name and zone are added after it): one export's feeds (500 with --split-by
// person) share it.
const marked = new Map<string, string[]>();

/** Has ics write the marked event now (for example while a database answers). */
export function prepareFeeds(header: Pick<FeedHeader, 'stamp' | 'alarmMinutes'>): void {
  markedOutput(header);
}

function markedOutput(header: Pick<FeedHeader, 'stamp' | 'alarmMinutes'>): string[] {
  const key = `${header.stamp}|${header.alarmMinutes}`;
  let lines = marked.get(key);
  if (!lines) marked.set(key, (lines = unfold(icsOutput([icsEvent(MARKED, header)]))));
  return lines;
}

/** One event's VEVENT as ics writes it, folded. */
function alone(e: FeedEvent, feed: FeedHeader): string {
  const lines = withCalendarProperties(unfold(icsOutput([icsEvent(e, feed)])), feed);
  return serialize(lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.lastIndexOf('END:VEVENT') + 1));
}

function finish(ics: string, feed: Feed): string {
  return serialize(withCalendarProperties(unfold(ics), feed));
}

/** A function's results kept by argument: shift summaries repeat across a feed. */
function memo(f: (text: string) => string): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let value = seen.get(text);
    if (value === undefined) seen.set(text, (value = f(text)));
    return value;
  };
}

function icsEvent(e: FeedEvent, feed: Pick<FeedHeader, 'stamp' | 'alarmMinutes'>): EventAttributes {
  const event = {
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
      alarms: [{ action: 'display', description: e.summary === MARKS.summary ? MARKS.alarm : escapeText(e.summary), trigger: { minutes: feed.alarmMinutes, before: true } }],
    }),
  };
  // ics's types leave out `timestamp` (DTSTAMP), which it reads.
  return event as EventAttributes;
}

/** What ics writes for these events, validated by it. */
function icsOutput(events: EventAttributes[]): string {
  const { error, value } = ics.createEvents(events, { productId: PRODUCT_ID, method: 'PUBLISH' });
  if (error || !value) throw new RuntimeFailure(`could not write the calendar: ${error?.message ?? 'no output'}`);
  return value;
}

/** Inserts the calendar-level properties right after METHOD. */
function withCalendarProperties(lines: string[], feed: FeedHeader): string[] {
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
