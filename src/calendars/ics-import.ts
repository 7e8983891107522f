// Busy time read from an iCalendar file, such as someone's exported personal calendar.
// ical.js parses the file and expands recurrence rules on the wall clock; turning wall-clock
// times into instants is done here, with the platform's time-zone database, because ical.js
// only knows the zones whose VTIMEZONE the file happens to include.

import ICAL from 'ical.js';
import type { Instant } from '../core/types.js';
import { DAY_MS, fromFloating, isValidTimeZone, startOfDay } from '../core/wall-clock.js';
import { IcsProblem, logicalLines, outlineIcs } from './ics-check.js';
import { peerText } from './scrub.js';

export interface BusyEvent {
  /** The event's UID; for an occurrence of a recurring event, `${uid}/${start as ISO}`. */
  uid: string;
  start: Instant;
  end: Instant;
  summary: string;
}

export interface BusyOptions {
  /** Zone for all-day events and for floating times (no TZID, no Z). */
  zone: string;
  /** Only events that overlap [from, to) are returned. */
  from: Instant;
  to: Instant;
}

/** At most this many occurrences of one recurring event are returned. */
const MAX_OCCURRENCES = 1000;
/**
 * Occurrences are stepped through one by one from the first (ical.js cannot jump ahead), each
 * candidate costing tens of microseconds: the whole file gets this many steps (occurrences and
 * the candidates ical.js checks), then it is refused.
 */
export const MAX_EXPANSION_STEPS = 100_000;

/**
 * The busy events of the file that overlap the window, sorted by start. Throws an IcsProblem
 * (with the line when one is to blame) for anything that is not a readable calendar.
 */
export function busyEvents(icsText: string, options: BusyOptions): BusyEvent[] {
  const { eventLines } = outlineIcs(icsText);
  const events: BusyEvent[] = [];
  const budget = { steps: MAX_EXPANSION_STEPS };
  let index = 0;
  for (const calendar of parseCalendars(icsText)) {
    const vevents = calendar.getAllSubcomponents('vevent').map((vevent) => ({ vevent, line: eventLines[index++] }));
    /** Runs `read` for one event; what it throws names the event and its line. */
    const about = <T>(vevent: ICAL.Component, line: number | undefined, read: () => T): T => {
      try {
        return read();
      } catch (error) {
        if (error instanceof IcsProblem) throw new IcsProblem(error.message, error.line ?? line);
        throw new IcsProblem(`invalid iCalendar event ${peerText(uidOf(vevent)) || '(no UID)'}: ${reason(error)}`, line);
      }
    };
    // A changed occurrence is a VEVENT of its own, with the series' UID and a RECURRENCE-ID
    // naming the occurrence it replaces; the series must skip that one, even when the
    // replacement is cancelled.
    const replaced = new Map<string, Set<Instant>>();
    for (const { vevent, line } of vevents) {
      const id = about(vevent, line, () => vevent.getFirstProperty('recurrence-id'));
      if (!id) continue;
      const uid = uidOf(vevent);
      const set = replaced.get(uid) ?? new Set<Instant>();
      set.add(about(vevent, line, () => instantOf(id, options.zone)));
      replaced.set(uid, set);
    }
    for (const { vevent, line } of vevents) {
      events.push(...about(vevent, line, () => occurrences(vevent, options, replaced.get(uidOf(vevent)), budget)));
    }
  }
  return events.sort((a, b) => a.start - b.start || a.end - b.end || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}

function parseCalendars(text: string): ICAL.Component[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (error) {
    throw new IcsProblem(`not an iCalendar file: ${reason(error)}`, lineAtFault(text));
  }
  // parse returns one component, or a list of them when the text holds several.
  const roots = (Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : jcal) as unknown[];
  const calendars = roots.filter((root) => Array.isArray(root) && root[0] === 'vcalendar');
  if (calendars.length === 0) throw new IcsProblem('not an iCalendar file: no VCALENDAR');
  return calendars.map((root) => new ICAL.Component(root as unknown[]));
}

/** The first line ical.js cannot parse on its own (ICAL.parse does not say where it failed). */
function lineAtFault(text: string): number | undefined {
  for (const { line, content } of logicalLines(text)) {
    if (/^(BEGIN|END):/i.test(content)) continue;
    try {
      ICAL.parse.property(content);
    } catch {
      return line;
    }
  }
  return undefined;
}

function occurrences(vevent: ICAL.Component, options: BusyOptions, replaced: Set<Instant> | undefined, budget: { steps: number }): BusyEvent[] {
  const transparency = String(vevent.getFirstPropertyValue('transp') ?? '').toUpperCase();
  const status = String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (transparency === 'TRANSPARENT' || status === 'CANCELLED') return [];
  const dtstart = vevent.getFirstProperty('dtstart');
  if (!dtstart) return []; // no time at all, so nothing to be busy with

  const first = dtstart.getFirstValue() as ICAL.Time;
  const read = readerFor(first, tzidOf(dtstart), options.zone);
  const length = lengthOf(vevent, first, read(floatingOf(first)), options.zone);
  if (length.days * DAY_MS + length.ms <= 0) return []; // a moment (or less) is never busy: nothing to expand
  const uid = uidOf(vevent);
  const summary = String(vevent.getFirstPropertyValue('summary') ?? '');
  const intervalOf = (time: ICAL.Time) => {
    const floating = floatingOf(time);
    return { start: read(floating), end: read(floating + length.days * DAY_MS) + length.ms };
  };
  const inWindow = (s: { start: Instant; end: Instant }) => s.end > s.start && s.end > options.from && s.start < options.to;
  const iso = (instant: Instant) => new Date(instant).toISOString();

  const recurrenceId = vevent.getFirstProperty('recurrence-id');
  if (recurrenceId) {
    // A changed occurrence keeps the id the occurrence it replaces would have had.
    const interval = intervalOf(first);
    return inWindow(interval) ? [{ uid: `${uid}/${iso(instantOf(recurrenceId, options.zone))}`, ...interval, summary }] : [];
  }
  if (!vevent.hasProperty('rrule') && !vevent.hasProperty('rdate')) {
    const interval = intervalOf(first);
    return inWindow(interval) ? [{ uid, ...interval, summary }] : [];
  }

  // ical.js applies EXDATEs itself only when they are written in the same zone as DTSTART,
  // so they are matched again here as instants (dates drop that whole local day).
  const excludedInstants = new Set<Instant>();
  const excludedDays = new Set<number>();
  for (const property of vevent.getAllProperties('exdate')) {
    const readExdate = readerFor(property.getFirstValue() as ICAL.Time, tzidOf(property), options.zone);
    for (const time of property.getValues() as ICAL.Time[]) {
      if (time.isDate) excludedDays.add(floatingOf(time));
      else excludedInstants.add(readExdate(floatingOf(time)));
    }
  }

  const result: BusyEvent[] = [];
  const expansion = new ICAL.RecurExpansion({ component: vevent, dtstart: first });
  const spend = () => {
    if (--budget.steps < 0) {
      throw new IcsProblem(
        `repeating events need more than ${MAX_EXPANSION_STEPS} steps to expand (the one from ${first.toString().slice(0, 10)} repeats too often, or never); remove it or export a shorter range`,
      );
    }
  };
  // ical.js looks for a rule's next occurrence in a loop with no end: a rule whose BY parts
  // never match (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) would spin forever inside next(). Every
  // candidate it checks is counted against the budget, which ends that loop too.
  for (const iterator of (expansion as unknown as { ruleIterators: ICAL.RecurIterator[] }).ruleIterators ?? []) {
    const check = iterator.check_contracting_rules.bind(iterator);
    iterator.check_contracting_rules = () => (spend(), check());
  }
  for (let time = expansion.next(); time; time = expansion.next()) {
    spend();
    const interval = intervalOf(time);
    if (interval.start >= options.to) break; // occurrences come in order
    if (excludedInstants.has(interval.start) || excludedDays.has(startOfDay(floatingOf(time)))) continue;
    if (replaced?.has(interval.start) || !inWindow(interval)) continue;
    result.push({ uid: `${uid}/${iso(interval.start)}`, ...interval, summary });
    if (result.length === MAX_OCCURRENCES) break;
  }
  return result;
}

/** An event's length: whole days counted on the wall clock (23 or 25 h across DST), then exact ms. */
interface Length {
  days: number;
  ms: number;
}

function lengthOf(vevent: ICAL.Component, start: ICAL.Time, startInstant: Instant, zone: string): Length {
  const dtend = vevent.getFirstProperty('dtend');
  if (dtend) {
    const end = dtend.getFirstValue() as ICAL.Time;
    if (start.isDate) return { days: Math.round((floatingOf(end) - floatingOf(start)) / DAY_MS), ms: 0 };
    // DTEND may be in another zone than DTSTART: the length is the real time between them.
    return { days: 0, ms: instantOf(dtend, zone) - startInstant };
  }
  const duration = vevent.getFirstPropertyValue('duration') as ICAL.Duration | null;
  if (duration) {
    // RFC 5545: days and weeks are nominal (calendar days), hours and less are exact.
    const sign = duration.isNegative ? -1 : 1;
    const seconds = (duration.hours * 60 + duration.minutes) * 60 + duration.seconds;
    return { days: sign * (duration.weeks * 7 + duration.days), ms: sign * seconds * 1000 };
  }
  // Neither: a date lasts one day, a date-time is a moment (and so never busy).
  return { days: start.isDate ? 1 : 0, ms: 0 };
}

/** Wall-clock fields of an ical.js time as floating ms (date values at midnight). */
function floatingOf(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

/** How floating times written like `time` (same property, same TZID) become instants. */
function readerFor(time: ICAL.Time, tzid: string | undefined, zone: string): (floating: number) => Instant {
  if (time.isDate) return (floating) => fromFloating(floating, zone);
  if (time.zone?.tzid === 'UTC') return (floating) => floating;
  if (tzid !== undefined && isValidTimeZone(tzid)) return (floating) => fromFloating(floating, tzid);
  const defined = time.zone;
  if (tzid !== undefined && defined?.tzid === tzid) {
    // A zone only the file's own VTIMEZONE defines, such as Outlook's "W. Europe Standard Time".
    return (floating) => {
      const d = new Date(floating);
      const fields = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const clock = { hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
      return ICAL.Time.fromData({ ...fields, ...clock }, defined).toUnixTime() * 1000;
    };
  }
  // Floating, or a TZID neither the platform nor the file knows: read in the person's zone.
  return (floating) => fromFloating(floating, zone);
}

function instantOf(property: ICAL.Property, zone: string): Instant {
  const time = property.getFirstValue() as ICAL.Time;
  return readerFor(time, tzidOf(property), zone)(floatingOf(time));
}

function tzidOf(property: ICAL.Property): string | undefined {
  const tzid = property.getParameter('tzid');
  return (Array.isArray(tzid) ? tzid[0] : tzid) || undefined;
}

function uidOf(vevent: ICAL.Component): string {
  return String(vevent.getFirstPropertyValue('uid') ?? '');
}

/**
 * What the parser said, as one safe line (it quotes the file). A TypeError or RangeError is
 * the parser tripping over something it did not expect: its words would mean nothing to the user.
 */
function reason(error: unknown): string {
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) return 'it cannot be parsed';
  return peerText(error) || 'it cannot be parsed';
}
