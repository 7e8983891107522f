// An iCalendar feed of on-call shifts. The `ics` package writes the events; we then add the
// calendar properties it does not know (NAME, X-WR-TIMEZONE, REFRESH-INTERVAL) and fold
// again, because `ics` folds at 75 characters where RFC 5545 asks for 75 octets.

import { createRequire } from 'node:module';
import type { EventAttributes } from 'ics';
import { RuntimeFailure } from '../errors.js';
import { cleanText, escapeText, foldLine, serialize, unfold } from './ics-lines.js';

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
  if (feed.events.length === 0) return finish(icsOutput([]), feed);
  // A pinned "now" that is one of the marks' times would be taken for a mark: write it all with ics.
  if (utcStamp(feed.stamp) === MARKS.start || utcStamp(feed.stamp) === MARKS.end) {
    return finish(icsOutput(feed.events.map((e) => icsEvent(e, feed))), feed);
  }
  // ics validates every event against its schema, which was 85 % of exporting 30 000 shifts.
  // Every event of a feed has the same shape, so ics validates and formats one event whose
  // varying values are markers, and each event is that text with its own values in place,
  // escaped and formatted as ics does (test/calendars/ics-feed.test.ts checks the bytes are
  // the same as ics writing every event).
  const lines = withCalendarProperties(unfold(icsOutput([icsEvent(MARKED, feed)])), feed);
  const begin = lines.indexOf('BEGIN:VEVENT');
  const end = lines.lastIndexOf('END:VEVENT');
  // Each line of the event: its folded text when nothing in it varies, else its pieces.
  const event = lines.slice(begin, end + 1).map((line) => {
    const pieces = line.split(MARKER);
    return pieces.length === 1 ? `${foldLine(line)}\r\n` : pieces;
  });
  const escape = memo(escapeText);
  const body = feed.events.map((e) => {
    // ics leaves out an empty SUMMARY or DESCRIPTION line: such an event goes through ics.
    if (escape(e.summary) === '' || escape(e.description) === '') return alone(e, feed);
    let text = '';
    for (const line of event) text += typeof line === 'string' ? line : `${foldLine(fill(line, e, escape))}\r\n`;
    return text;
  });
  return serialize(lines.slice(0, begin)) + body.join('') + serialize(lines.slice(end + 1));
}

/** One event's VEVENT as ics writes it, folded. */
function alone(e: FeedEvent, feed: Feed): string {
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

/** One event with a marker for every value that varies; a pattern that finds them. */
const MARKS = {
  uid: 'ONCALLMARKUID',
  summary: 'ONCALLMARKSUMMARY',
  description: 'ONCALLMARKDESCRIPTION',
  alarm: 'ONCALLMARKALARM',
  start: '19700102T030405Z',
  end: '19700203T040506Z',
  sequence: '918273645',
} as const;
const MARKED: FeedEvent = {
  uid: MARKS.uid,
  summary: MARKS.summary,
  description: MARKS.description,
  start: Date.UTC(1970, 0, 2, 3, 4, 5),
  end: Date.UTC(1970, 1, 3, 4, 5, 6),
  sequence: Number(MARKS.sequence),
};
const MARKER = new RegExp(`(${Object.values(MARKS).join('|')})`);
const MARK_NAMES = new Map(Object.entries(MARKS).map(([name, mark]) => [mark as string, name]));

/** A line's pieces (text, mark, text, …) with this event's values for the marks. */
function fill(pieces: string[], e: FeedEvent, escape: (text: string) => string): string {
  let text = '';
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 0) {
      text += pieces[i];
      continue;
    }
    switch (MARK_NAMES.get(pieces[i])) {
      case 'uid': text += e.uid.replace(/\r?\n/g, '\\n'); break;
      case 'summary': text += escape(e.summary); break;
      case 'description': text += escape(e.description); break;
      case 'alarm': text += escape(e.summary); break;
      case 'start': text += utcStamp(e.start); break;
      case 'end': text += utcStamp(e.end); break;
      case 'sequence': text += String(e.sequence); break;
    }
  }
  return text;
}

/** 20261123T080000Z, as ics writes a UTC time given in milliseconds (its year unpadded). */
export function utcStamp(instant: number): string {
  const d = new Date(instant);
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
}

function icsEvent(e: FeedEvent, feed: Feed): EventAttributes {
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
