// writeFeed has ics validate and format one event per feed and fills in every event's values
// itself. These tests hold it to the bytes ics writes when it is given every event.
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import type { EventAttributes } from 'ics';
import { PRODUCT_ID, writeFeed, type Feed, type FeedEvent } from '../../src/calendars/ics-feed.js';
import { cleanText, escapeText, unfold } from '../../src/calendars/ics-lines.js';

const ics = createRequire(import.meta.url)('ics') as typeof import('ics');

/** The feed as ics writes it event by event (how writeFeed worked before), with the same calendar lines. */
function everyEventThroughIcs(feed: Feed): void {
  const events = feed.events.map((e) => ({
    uid: e.uid,
    start: e.start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: e.end,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: cleanText(e.summary),
    description: cleanText(e.description),
    sequence: e.sequence,
    timestamp: feed.stamp,
    transp: 'TRANSPARENT',
    busyStatus: 'FREE',
    ...(feed.alarmMinutes !== undefined && {
      alarms: [{ action: 'display', description: escapeText(e.summary), trigger: { minutes: feed.alarmMinutes, before: true } }],
    }),
  })) as EventAttributes[];
  const { error, value } = ics.createEvents(events, { productId: PRODUCT_ID, method: 'PUBLISH' });
  if (error || !value) throw error;
  // The calendar lines writeFeed adds are the same in both; compare the events byte for byte.
  const ours = unfold(writeFeed(feed));
  // writeFeed mends ics's reminder at the very start ("-PT", no duration at all) in both ways of writing.
  const theirs = unfold(value).map((line) => (line === 'TRIGGER:-PT' ? 'TRIGGER:PT0S' : line));
  const events_ = (lines: string[]) => lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.lastIndexOf('END:VEVENT') + 1);
  expect(events_(ours)).toEqual(events_(theirs));
}

const H = 3600e3;
const base = Date.UTC(2026, 10, 23, 8, 0);
const hostile = [
  'On call: Zoë Ångström — Payments, primary; EU',
  'back\\slash, semi;colon\nnew line\r\nCRLF\rCR\ttab',
  '\u001b]0;pwned\u0007 bell',
  'emoji 🚨 and 長い名前 '.repeat(8),
  'ONCALLMARKSUMMARY ONCALLMARKUID 19700102T030405Z', // the marks themselves, as values
  '',
];

function events(n: number): FeedEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    uid: `20261123T0800${String(i % 60).padStart(2, '0')}Z-p${i}-s${i % 7}@oncall`,
    start: base + i * 8 * H + (i % 3) * 1000, // some with seconds
    end: base + (i + 1) * 8 * H,
    summary: hostile[i % hostile.length],
    description: hostile[(i + 2) % hostile.length] || `Shift ${i}`,
    sequence: i % 5,
  }));
}

describe('writeFeed', () => {
  test('the same event lines as ics writing every event: hostile text, seconds, sequences', () => {
    everyEventThroughIcs({ name: 'On call', timezone: 'Europe/Berlin', stamp: base, events: events(40) });
  });

  test('with reminders', () => {
    everyEventThroughIcs({ name: 'On call', timezone: 'UTC', stamp: base, events: events(12), alarmMinutes: 15 });
    everyEventThroughIcs({ name: 'On call', timezone: 'UTC', stamp: base, events: events(3), alarmMinutes: 0 });
  });

  test('a pinned now equal to a mark, and an empty feed', () => {
    everyEventThroughIcs({ name: 'On call', timezone: 'UTC', stamp: Date.UTC(1970, 0, 2, 3, 4, 5), events: events(5) });
    const empty = writeFeed({ name: 'Empty', timezone: 'UTC', stamp: base, events: [] });
    expect(empty).toContain('BEGIN:VCALENDAR');
    expect(empty).not.toContain('BEGIN:VEVENT');
  });

  test('lines stay folded at 75 octets', () => {
    const text = writeFeed({ name: 'On call', timezone: 'UTC', stamp: base, events: events(20) });
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
