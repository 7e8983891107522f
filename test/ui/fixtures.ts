// Hand-made timeline data for the Ink tests (no database). Times are Europe/Berlin.

import React from 'react';
import { Box } from 'ink';
import type { Shift, Window } from '../../src/core/index.js';
import type { PersonLook, ScheduleTimeline } from '../../src/core/index.js';
import { TimelineScreen, type ScreenProps } from '../../src/ui/timeline-view.js';

export const T = (iso: string) => Date.parse(iso);
export const DAY = 86_400_000;
export const ZONE = 'Europe/Berlin';
export const MON_23_NOV = T('2026-11-22T23:00:00Z'); // Mon 23 Nov 2026 00:00 Berlin
export const NOW = T('2026-11-23T12:00:00Z'); // Mon 23 Nov 13:00 Berlin
export const TWO_WEEKS: Window = { start: MON_23_NOV, end: MON_23_NOV + 14 * DAY }; // no DST change inside

export const PEOPLE = new Map<string, PersonLook>([
  ['alice', { name: 'Alice Liddell', color: '#e06c75' }],
  ['bob', { name: 'Bob Marley' }],
  ['carol', { name: 'Carol Danvers', color: '#98c379' }],
]);

export const seg = (person: string | null, start: number, end: number, source: string | null = 'layer:weekly'): Shift => ({
  start,
  end,
  person,
  source: person === null ? null : source,
});

const day = (n: number) => MON_23_NOV + n * DAY;

/**
 * Payments over the two weeks from Mon 23 Nov: alice the first week, bob the second; carol
 * on business hours Mon-Fri (09:00-17:00); nobody on Sat 28 Nov (a gap in the final lane);
 * an override gives Thu 3 Dec (day 10) to carol.
 */
export function payments(): ScheduleTimeline {
  const business = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((n) => seg('carol', day(n) + 9 * 3_600_000, day(n) + 17 * 3_600_000, 'layer:business'));
  return {
    id: 'pay',
    name: 'Payments',
    timezone: ZONE,
    layers: [
      { label: 'weekly', shifts: [seg('alice', day(0), day(5)), seg('alice', day(6), day(7)), seg('bob', day(7), day(14))] },
      { label: 'business-hours', shifts: business },
    ],
    overrides: { label: 'overrides', shifts: [seg('carol', day(10), day(11), 'override')] },
    final: [
      seg('alice', day(0), day(5)),
      seg(null, day(5), day(6)),
      seg('alice', day(6), day(7)),
      seg('bob', day(7), day(10)),
      seg('carol', day(10), day(11), 'override'),
      seg('bob', day(11), day(14)),
    ],
  };
}

/** One person holds the whole window, in every lane. */
export function single(id: string, name: string, person: string, window: Window): ScheduleTimeline {
  const shift = seg(person, window.start, window.end);
  return { id, name, timezone: ZONE, layers: [{ label: 'weekly', shifts: [shift] }], overrides: { label: 'overrides', shifts: [] }, final: [shift] };
}

/** TimelineScreen inside a box as wide as a terminal of `width` columns. */
export function screen(props: Partial<ScreenProps> & { width: number }) {
  const all: ScreenProps = { schedules: [payments()], window: TWO_WEEKS, zone: ZONE, now: NOW, people: PEOPLE, color: false, ...props };
  return React.createElement(Box, { width: props.width, flexDirection: 'column' }, React.createElement(TimelineScreen, all));
}

/** The line whose text starts with `label` (a lane), or throws with the whole frame. */
export function lane(frame: string, label: string, nth = 0): string {
  const found = frame.split('\n').filter((l) => l.startsWith(`${label} `))[nth];
  if (found === undefined) throw new Error(`no lane "${label}" in:\n${frame}`);
  return found;
}

/** The ruler's label line and tick line (the two lines after "▼ now"). */
export function ruler(frame: string, nth = 0): { labels: string; ticks: string } {
  const lines = frame.split('\n');
  const at = lines.map((l, i) => (l.includes('│') ? i : -1)).filter((i) => i >= 0)[nth];
  if (at === undefined) throw new Error(`no ruler in:\n${frame}`);
  return { labels: lines[at - 1], ticks: lines[at] };
}
