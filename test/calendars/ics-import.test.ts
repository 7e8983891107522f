import { describe, expect, test } from 'vitest';
import { busyEvents } from '../../src/calendars/ics-import.js';
import { at, iso } from '../core/helpers.js';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';

/** A calendar around the given lines, joined with CRLF as RFC 5545 asks. */
function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//oncall tests//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

function vevent(uid: string, ...lines: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'];
}

/** The events in [from, to) as readable rows: [uid, start, end, summary]. */
function busy(text: string, zone: string, from = '2026-01-01T00:00Z', to = '2027-01-01T00:00Z'): string[][] {
  return busyEvents(text, { zone, from: at(from), to: at(to) }).map((e) => [e.uid, iso(e.start), iso(e.end), e.summary]);
}

// Berlin is UTC+1 until Sun Mar 29 2026, UTC+2 after; New York is UTC−5 until Sun Mar 8, UTC−4 after.
describe('busyEvents, all-day events', () => {
  test('a three-day holiday is three whole local days, DTEND exclusive', () => {
    const ics = calendar(...vevent('xmas', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227', 'SUMMARY:Christmas off'));
    // Dec 24 00:00 CET = Dec 23 23:00Z → Dec 27 00:00 CET = Dec 26 23:00Z (72 h)
    expect(busy(ics, BERLIN)).toEqual([['xmas', '2026-12-23T23:00Z', '2026-12-26T23:00Z', 'Christmas off']]);
    // The same days for someone in New York: Dec 24 00:00 EST = 05:00Z
    expect(busy(ics, NY)).toEqual([['xmas', '2026-12-24T05:00Z', '2026-12-27T05:00Z', 'Christmas off']]);
  });

  test('without DTEND an all-day event lasts one day; across the spring jump that day has 23 h', () => {
    const ics = calendar(...vevent('sunday', 'DTSTART;VALUE=DATE:20260329', 'SUMMARY:Moving'));
    // Mar 29 00:00 CET = Mar 28 23:00Z → Mar 30 00:00 CEST = Mar 29 22:00Z
    expect(busy(ics, BERLIN)).toEqual([['sunday', '2026-03-28T23:00Z', '2026-03-29T22:00Z', 'Moving']]);
  });
});

describe('busyEvents, timed events', () => {
  test('TZID, UTC and floating times', () => {
    const ics = calendar(
      ...vevent('ny', 'DTSTART;TZID=America/New_York:20260310T090000', 'DTEND;TZID=America/New_York:20260310T103000', 'SUMMARY:Dentist'),
      ...vevent('utc', 'DTSTART:20260311T120000Z', 'DTEND:20260311T130000Z', 'SUMMARY:Call'),
      ...vevent('floating', 'DTSTART:20260312T090000', 'DTEND:20260312T100000', 'SUMMARY:Gym'),
    );
    expect(busy(ics, BERLIN)).toEqual([
      ['ny', '2026-03-10T13:00Z', '2026-03-10T14:30Z', 'Dentist'], // 09:00 EDT (UTC−4, since Mar 8) = 13:00Z
      ['utc', '2026-03-11T12:00Z', '2026-03-11T13:00Z', 'Call'],
      ['floating', '2026-03-12T08:00Z', '2026-03-12T09:00Z', 'Gym'], // read in Berlin: 09:00 CET = 08:00Z
    ]);
    // Only the floating one moves with the person's zone: 09:00 EDT = 13:00Z.
    expect(busy(ics, NY)[2]).toEqual(['floating', '2026-03-12T13:00Z', '2026-03-12T14:00Z', 'Gym']);
  });

  test('a zone defined only by the file’s VTIMEZONE (Outlook style)', () => {
    const WINDOWS_ZONE = 'TZID=W. Europe Standard Time';
    const ics = calendar(
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
      ...vevent('outlook', `DTSTART;${WINDOWS_ZONE}:20260701T100000`, `DTEND;${WINDOWS_ZONE}:20260701T113000`, 'SUMMARY:Review'),
      ...vevent('winter', `DTSTART;${WINDOWS_ZONE}:20260105T100000`, `DTEND;${WINDOWS_ZONE}:20260105T110000`, 'SUMMARY:Review'),
    );
    expect(busy(ics, NY)).toEqual([
      ['winter', '2026-01-05T09:00Z', '2026-01-05T10:00Z', 'Review'], // 10:00 at +01:00
      ['outlook', '2026-07-01T08:00Z', '2026-07-01T09:30Z', 'Review'], // 10:00 at +02:00
    ]);
  });

  test('DURATION: days on the wall clock, hours exact', () => {
    const ics = calendar(
      ...vevent('day', 'DTSTART;TZID=Europe/Berlin:20260328T120000', 'DURATION:P1D', 'SUMMARY:Trip'),
      ...vevent('hours', 'DTSTART;TZID=Europe/Berlin:20260328T120000', 'DURATION:PT24H', 'SUMMARY:Drive'),
    );
    // Start Sat 12:00 CET = 11:00Z. P1D → Sun 12:00 CEST = 10:00Z (23 h); PT24H → 11:00Z (13:00 CEST).
    expect(busy(ics, BERLIN)).toEqual([
      ['day', '2026-03-28T11:00Z', '2026-03-29T10:00Z', 'Trip'],
      ['hours', '2026-03-28T11:00Z', '2026-03-29T11:00Z', 'Drive'],
    ]);
  });

  test('free, cancelled and zero-length events are not busy', () => {
    const ics = calendar(
      ...vevent('free', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'TRANSP:TRANSPARENT', 'SUMMARY:Reminder'),
      ...vevent('cancelled', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'STATUS:CANCELLED', 'SUMMARY:Old'),
      ...vevent('opaque', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'SUMMARY:Kept'),
      ...vevent('moment', 'DTSTART:20260310T090000Z', 'SUMMARY:No end'),
      ...vevent('backwards', 'DTSTART:20260310T090000Z', 'DTEND:20260310T080000Z', 'SUMMARY:Backwards'),
    );
    expect(busy(ics, BERLIN)).toEqual([['opaque', '2026-03-10T09:00Z', '2026-03-10T10:00Z', 'Kept']]);
  });

  test('only events overlapping the window, touching ends excluded', () => {
    const ics = calendar(
      ...vevent('before', 'DTSTART:20260310T080000Z', 'DTEND:20260310T090000Z'),
      ...vevent('across', 'DTSTART:20260310T083000Z', 'DTEND:20260310T093000Z'),
      ...vevent('after', 'DTSTART:20260310T100000Z', 'DTEND:20260310T110000Z'),
    );
    expect(busy(ics, BERLIN, '2026-03-10T09:00Z', '2026-03-10T10:00Z').map((row) => row[0])).toEqual(['across']);
  });
});

describe('busyEvents, recurring events', () => {
  test('a weekly event with an EXDATE, across the spring jump', () => {
    const ics = calendar(
      ...vevent(
        'weekly',
        'DTSTART;TZID=Europe/Berlin:20260302T100000',
        'DTEND;TZID=Europe/Berlin:20260302T110000',
        'RRULE:FREQ=WEEKLY;BYDAY=MO',
        'EXDATE;TZID=Europe/Berlin:20260316T100000',
        'SUMMARY:Planning',
      ),
    );
    // Mondays 10:00 Berlin; the window starts after Mar 2 and ends before Apr 6.
    expect(busy(ics, BERLIN, '2026-03-03T00:00Z', '2026-04-06T00:00Z')).toEqual([
      ['weekly/2026-03-09T09:00:00.000Z', '2026-03-09T09:00Z', '2026-03-09T10:00Z', 'Planning'], // CET: −1 h
      // Mar 16 is excluded
      ['weekly/2026-03-23T09:00:00.000Z', '2026-03-23T09:00Z', '2026-03-23T10:00Z', 'Planning'],
      ['weekly/2026-03-30T08:00:00.000Z', '2026-03-30T08:00Z', '2026-03-30T09:00Z', 'Planning'], // CEST: −2 h
    ]);
  });

  test('EXDATEs written in UTC or as dates still remove the occurrence', () => {
    const ics = calendar(
      ...vevent(
        'standup',
        'DTSTART;TZID=America/New_York:20260309T093000',
        'DTEND;TZID=America/New_York:20260309T094500',
        'RRULE:FREQ=DAILY;COUNT=5',
        'EXDATE:20260310T133000Z', // Tue 09:30 EDT
        'EXDATE;VALUE=DATE:20260312', // all of Thursday
        'SUMMARY:Standup',
      ),
    );
    // Mon 9 … Fri 13, 09:30 EDT = 13:30Z; Tue and Thu removed.
    expect(busy(ics, NY).map((row) => row[1])).toEqual(['2026-03-09T13:30Z', '2026-03-11T13:30Z', '2026-03-13T13:30Z']);
  });

  test('a changed occurrence (RECURRENCE-ID) replaces the one it names; a cancelled one removes it', () => {
    const ics = calendar(
      ...vevent('series', 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=4', 'SUMMARY:Sync'),
      ...vevent('series', 'RECURRENCE-ID:20260309T090000Z', 'DTSTART:20260310T150000Z', 'DTEND:20260310T160000Z', 'SUMMARY:Sync (moved)'),
      ...vevent('series', 'RECURRENCE-ID:20260316T090000Z', 'DTSTART:20260316T090000Z', 'DTEND:20260316T100000Z', 'STATUS:CANCELLED'),
    );
    expect(busy(ics, BERLIN)).toEqual([
      ['series/2026-03-02T09:00:00.000Z', '2026-03-02T09:00Z', '2026-03-02T10:00Z', 'Sync'],
      ['series/2026-03-09T09:00:00.000Z', '2026-03-10T15:00Z', '2026-03-10T16:00Z', 'Sync (moved)'], // keeps its id
      ['series/2026-03-23T09:00:00.000Z', '2026-03-23T09:00Z', '2026-03-23T10:00Z', 'Sync'],
    ]);
  });

  test('an all-day yearly event keeps whole local days', () => {
    const ics = calendar(...vevent('birthday', 'DTSTART;VALUE=DATE:20200705', 'RRULE:FREQ=YEARLY', 'SUMMARY:Birthday'));
    // Jul 5 2026 00:00 CEST = Jul 4 22:00Z, one day
    expect(busy(ics, BERLIN)).toEqual([['birthday/2026-07-04T22:00:00.000Z', '2026-07-04T22:00Z', '2026-07-05T22:00Z', 'Birthday']]);
  });

  test('at most 1000 occurrences of one event', () => {
    const ics = calendar(...vevent('hourly', 'DTSTART:20260101T000000Z', 'DTEND:20260101T003000Z', 'RRULE:FREQ=HOURLY'));
    const events = busyEvents(ics, { zone: BERLIN, from: at('2026-01-01T00:00Z'), to: at('2027-01-01T00:00Z') });
    expect(events).toHaveLength(1000); // a year has 8760 hours
    expect(iso(events[999].start)).toBe('2026-02-11T15:00Z'); // hour 999 = 41 days (984 h) + 15 h
  });
});

describe('busyEvents, file format', () => {
  test('CRLF line ends and folded lines', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:folded@example.com',
      'DTSTART;TZID=Europe/Be',
      ' rlin:20260310T090000', // folded in the middle of a parameter
      'DTEND;TZID=Europe/Berlin:20260310T100000',
      'SUMMARY:A summary long enough that the exporting program folded it onto a s',
      ' econd line',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    expect(busy(ics, NY)).toEqual([
      [
        'folded@example.com',
        '2026-03-10T08:00Z', // 09:00 CET
        '2026-03-10T09:00Z',
        'A summary long enough that the exporting program folded it onto a second line',
      ],
    ]);
  });

  test('text that is not iCalendar throws a one-line error', () => {
    const options = { zone: BERLIN, from: 0, to: at('2030-01-01T00:00Z') };
    for (const text of ['hello world\nsecond line', '', '{"json": true}', 'BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n']) {
      expect(() => busyEvents(text, options)).toThrow(/^not an iCalendar file: [^\n]+$/);
    }
  });

  test('a malformed date names the event', () => {
    const ics = calendar(...vevent('broken', 'DTSTART:2026-03-10', 'DTEND:20260310T100000Z'));
    expect(() => busyEvents(ics, { zone: BERLIN, from: 0, to: at('2030-01-01T00:00Z') })).toThrow(/^invalid iCalendar event broken: /);
  });
});
