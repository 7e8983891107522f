// Time off (issue #8): `time_off:` under a person in YAML (dates, wall clock in the person's
// zone, ISO with offset; a bare date as `to` is the whole of that day), `export yaml` writing
// whole days back as dates, `oncall timeoff add|list|rm|import`, and the apply rule: a file
// owns the time off it lists, time off added from the command line stays unless --prune.
//
// Now is Monday 2026-11-23 12:00Z (13:00 in Berlin); the viewer is in Europe/Berlin.
// Berlin is UTC+1 in winter (CET) and UTC+2 in summer (CEST: until 2026-10-25 03:00, and from
// 2027-03-28 02:00). New York is UTC−5 from 2026-11-01. Kolkata is UTC+5:30.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, json, ok, pending, position, session, writeYaml, type Result, type Session } from './helpers.js';
import { exported, refused, snapshot } from './manage-helpers.js';

afterAll(cleanup);

interface TimeOffRow {
  id: number;
  person: string;
  from: string;
  to: string;
  reason: string | null;
}

/** "person from to reason", compact enough to compare whole lists. */
function listed(s: Session, args: string[] = []): string[] {
  return json<TimeOffRow[]>(ok(s.run(['timeoff', 'list', ...args, '--json']))).map((t) => `${t.person} ${t.from} ${t.to} ${t.reason ?? '-'}`);
}

function ids(s: Session, args: string[] = []): TimeOffRow[] {
  return json<TimeOffRow[]>(ok(s.run(['timeoff', 'list', ...args, '--json'])));
}

function rows(r: Result): string[] {
  return r.stdout.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

const PEOPLE = `version: 1
people:
  - id: ann
    name: Ann Arbor
    timezone: Europe/Berlin
  - id: ben
    name: Ben Bow
  - id: cat
    name: Cat Cole
    timezone: America/New_York
teams:
  - id: ops
    name: Ops
    members: [ann, ben, cat]
`;

function setup(): Session {
  const s = session();
  ok(s.run(['apply', '-f', writeYaml(PEOPLE, 'team.yaml', s.dir)]));
  return s;
}

describe('time off in YAML', () => {
  const YAML = `version: 1
people:
  - id: ann
    name: Ann Arbor
    timezone: Europe/Berlin
    time_off:
      - from: 2026-12-21
        to: 2026-12-24
        reason: Christmas
      - from: 2026-10-24
        to: 2026-10-25
        reason: Long weekend
  - id: ben
    name: Ben Bow
    time_off:
      - from: 2026-12-01T09:00
        to: 2026-12-01T17:30
        reason: Course
  - id: cat
    name: Cat Cole
    timezone: America/New_York
    time_off:
      - from: 2026-12-02T09:00+05:30
        to: 2026-12-02T18:00+05:30
      - from: 2026-12-31
        to: 2027-01-01T12:00
`;

  test('dates and wall clock are read in the person\'s zone (UTC without one), ISO offsets as written; a date as "to" is the whole day', () => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(YAML, 'people.yaml', s.dir)]));
    expect(listed(s, ['--all'])).toEqual([
      // ann, Berlin, over the fall-back night: Sat 24 Oct 00:00 CEST = 23 Oct 22:00Z, through the
      // end of Sun 25 Oct = Mon 26 Oct 00:00 CET = 25 Oct 23:00Z (49 hours, not 48).
      'ann 2026-10-23T22:00:00Z 2026-10-25T23:00:00Z Long weekend',
      // ben has no zone: UTC.
      'ben 2026-12-01T09:00:00Z 2026-12-01T17:30:00Z Course',
      // An offset wins over cat's own zone: 09:00+05:30 = 03:30Z, 18:00+05:30 = 12:30Z.
      'cat 2026-12-02T03:30:00Z 2026-12-02T12:30:00Z -',
      // ann: Mon 21 Dec 00:00 CET = 20 Dec 23:00Z, through Thu 24 Dec = Fri 25 Dec 00:00 CET = 24 Dec 23:00Z.
      'ann 2026-12-20T23:00:00Z 2026-12-24T23:00:00Z Christmas',
      // cat, New York (EST, −5): 31 Dec 00:00 = 05:00Z; a time as "to" is that time: 1 Jan 12:00 = 17:00Z.
      'cat 2026-12-31T05:00:00Z 2027-01-01T17:00:00Z -',
    ]);
  });

  test('export yaml writes whole days back as dates (the last day off, inclusive), other spans as wall clock; applying it changes nothing', () => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(YAML, 'people.yaml', s.dir)]));
    const people = exported(s).people;
    expect(people.find((p: any) => p.id === 'ann').time_off).toEqual([
      { from: '2026-10-24', to: '2026-10-25', reason: 'Long weekend' },
      { from: '2026-12-21', to: '2026-12-24', reason: 'Christmas' },
    ]);
    expect(people.find((p: any) => p.id === 'ben').time_off).toEqual([{ from: '2026-12-01T09:00', to: '2026-12-01T17:30', reason: 'Course' }]);
    expect(people.find((p: any) => p.id === 'cat').time_off).toEqual([
      // 03:30Z and 12:30Z in New York (−5): 1 Dec 22:30 and 2 Dec 07:30.
      { from: '2026-12-01T22:30', to: '2026-12-02T07:30' },
      // Starts at midnight but ends at noon: not whole days, so wall clock.
      { from: '2026-12-31T00:00', to: '2027-01-01T12:00' },
    ]);
    const again = ok(s.run(['apply', '-f', writeYaml(ok(s.run(['export', 'yaml'])).stdout, 'exported.yaml', s.dir)]));
    expect(again.stdout.trim()).toBe('No changes.');
  });

  test('bad time off: every mistake named with file, line and column, exit 2, nothing changed', () => {
    const text = `version: 1
people:
  - id: ann
    name: Ann Arbor
    timezone: Europe/Berlin
    time_off:
      - from: someday
        to: 2026-12-24
      - from: 2026-12-24
        to: 2026-12-21
      - from: 2026-12-27
        to: 2026-12-28
      - from: 2026-12-27
        to: 2026-12-28
        reason: twice
`;
    const s = setup();
    const before = snapshot(s);
    const file = writeYaml(text, 'bad.yaml', s.dir);
    const r = s.run(['apply', '-f', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const someday = position(text, 'someday');
    const backwards = position(text, '2026-12-21');
    const twice = position(text, '- from: 2026-12-27', 'to: 2026-12-28');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${file}:${someday.line}:${someday.col}: person "ann": time off: from "someday" is not a time; use a date (2026-12-24), YYYY-MM-DDTHH:MM in the person's zone, or an ISO time with offset`,
      `${file}:${backwards.line}:${backwards.col}: person "ann": time off ends (2026-12-21) before it starts (2026-12-24)`,
      `${file}:${twice.line}:${twice.col + 2}: person "ann": time off: 2026-12-27 → 2026-12-28 is listed twice`,
      'oncall: 3 errors; nothing was changed. Fix the file and run apply again.',
    ]);
    expect(snapshot(s)).toBe(before);
  });
});

describe('oncall timeoff add | list | rm', () => {
  test('add reads dates in the person\'s zone; the same window again is "already recorded" and changes nothing', () => {
    const s = setup();
    const added = ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-12-21', '--to', '2026-12-24', '--reason', 'Christmas']));
    expect(added.stdout.trim()).toBe('Added time off for ann: Mon 21 Dec 00:00 → Fri 25 Dec 00:00 (Europe/Berlin).');
    // ben has no zone: UTC. 28 Dec through 31 Dec is 28 Dec 00:00Z → 1 Jan 00:00Z.
    const ben = ok(s.run(['timeoff', 'add', 'ben', '--from', '2026-12-28', '--to', '2026-12-31']));
    expect(ben.stdout.trim()).toBe('Added time off for ben: Mon 28 Dec 00:00 → Fri 1 Jan 2027 00:00 (UTC).');
    // cat, New York: wall clock 09:00–17:00 EST = 14:00Z–22:00Z.
    ok(s.run(['timeoff', 'add', 'cat', '--from', '2026-12-03T09:00', '--to', '2026-12-03T17:00', '--reason', 'Doctor']));
    expect(listed(s)).toEqual([
      'cat 2026-12-03T14:00:00Z 2026-12-03T22:00:00Z Doctor',
      'ann 2026-12-20T23:00:00Z 2026-12-24T23:00:00Z Christmas',
      'ben 2026-12-28T00:00:00Z 2027-01-01T00:00:00Z -',
    ]);

    const before = snapshot(s);
    const again = ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-12-21', '--to', '2026-12-24', '--reason', 'Christmas']));
    expect(again.stdout.trim()).toBe('That time off is already recorded for ann.');
    // The same window with another reason is the same time off.
    expect(ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-12-21', '--to', '2026-12-24'])).stdout.trim()).toBe('That time off is already recorded for ann.');
    expect(snapshot(s)).toBe(before);
  });

  test('relative times: now → +2h is in progress, so the default list shows it', () => {
    const s = setup();
    ok(s.run(['timeoff', 'add', 'ben', '--from', 'now', '--to', '+2h', '--reason', 'Errand']));
    // now = 12:00Z, +2h = 14:00Z.
    expect(listed(s)).toEqual(['ben 2026-11-23T12:00:00Z 2026-11-23T14:00:00Z Errand']);
    // An hour later it is still in progress; three hours later it is over and only --all shows it.
    expect(listed(s, []).length).toBe(1);
    expect(json(ok(s.run(['timeoff', 'list', '--json'], { ONCALL_NOW: '2026-11-23T13:00:00Z' })))).toHaveLength(1);
    expect(json(ok(s.run(['timeoff', 'list', '--json'], { ONCALL_NOW: '2026-11-23T15:00:00Z' })))).toEqual([]);
    expect(json(ok(s.run(['timeoff', 'list', '--all', '--json'], { ONCALL_NOW: '2026-11-23T15:00:00Z' })))).toHaveLength(1);
  });

  test('the audit log shows time off as times, in the text and as UTC instants in JSON', () => {
    const s = setup();
    ok(s.run(['timeoff', 'add', 'ben', '--from', '2026-12-01', '--to', '2026-12-02', '--reason', 'Dentist']));
    // ben has no zone, so UTC: 1 Dec 00:00 → 3 Dec 00:00 (the 2nd is the last day off).
    expect(ok(s.run(['log', '--entity', 'person:ben'], { ONCALL_TZ: 'UTC' })).stdout).toContain('timeOff: — → Tue 1 Dec 00:00–Thu 3 Dec 00:00');
    const [entry] = json<{ new: { timeOff: unknown[] } }[]>(ok(s.run(['log', '--entity', 'person:ben', '--json'])));
    expect(entry.new.timeOff).toEqual([{ from: '2026-12-01T00:00:00Z', to: '2026-12-03T00:00:00Z', reason: 'Dentist' }]);
  });

  test('plain English: a day without a time is the whole day in the person\'s zone; with a time, that time', () => {
    const s = setup();
    // Now is Mon 23 Nov 12:00Z. ann is in Berlin (UTC+1): "tomorrow" starts Tue 24 Nov 00:00 there
    // = 23:00Z on the 23rd; "friday" as --to ends Fri 27 Nov 24:00 there = Sat 28 Nov 00:00 Berlin = 27 Nov 23:00Z.
    ok(s.run(['timeoff', 'add', 'ann', '--from', 'tomorrow', '--to', 'friday']));
    // cat is in New York (UTC−5): "friday 13:00" is 18:00Z; "monday" ends Mon 30 Nov 24:00 there = 1 Dec 05:00Z.
    ok(s.run(['timeoff', 'add', 'cat', '--from', 'friday 13:00', '--to', 'monday']));
    expect(listed(s)).toEqual([
      'ann 2026-11-23T23:00:00Z 2026-11-27T23:00:00Z -',
      'cat 2026-11-27T18:00:00Z 2026-12-01T05:00:00Z -',
    ]);
  });

  test('list: by start, --person filters, --all adds the past; human output in the viewer\'s zone', () => {
    const s = setup();
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-10-24', '--to', '2026-10-25', '--reason', 'Long weekend']));
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-12-21', '--to', '2026-12-24', '--reason', 'Christmas']));
    ok(s.run(['timeoff', 'add', 'ben', '--from', '2026-12-01T09:00', '--to', '2026-12-01T17:30']));

    expect(listed(s)).toEqual(['ben 2026-12-01T09:00:00Z 2026-12-01T17:30:00Z -', 'ann 2026-12-20T23:00:00Z 2026-12-24T23:00:00Z Christmas']);
    expect(listed(s, ['--person', 'ann'])).toEqual(['ann 2026-12-20T23:00:00Z 2026-12-24T23:00:00Z Christmas']);
    // The long weekend ended on 25 Oct: only --all shows it (49 hours over the fall-back night).
    expect(listed(s, ['--person', 'ann', '--all'])).toEqual([
      'ann 2026-10-23T22:00:00Z 2026-10-25T23:00:00Z Long weekend',
      'ann 2026-12-20T23:00:00Z 2026-12-24T23:00:00Z Christmas',
    ]);

    const human = ok(s.run(['timeoff', 'list']));
    expect(rows(human)).toEqual([
      'ID PERSON FROM UNTIL REASON',
      // ben 09:00Z–17:30Z is 10:00–18:30 in Berlin.
      `3 ben Tue 1 Dec 10:00 Tue 1 Dec 18:30`,
      `2 ann Mon 21 Dec 00:00 Fri 25 Dec 00:00 Christmas`,
      'Times in Europe/Berlin.',
    ]);
    expect(ok(s.run(['timeoff', 'list', '--person', 'cat'])).stdout.trim()).toBe('No time off recorded.');
  });

  test('rm removes one entry by id; export and list no longer show it; an unknown id is refused', () => {
    const s = setup();
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-12-21', '--to', '2026-12-24', '--reason', 'Christmas']));
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2027-01-04', '--to', '2027-01-08', '--reason', 'Ski trip']));
    const christmas = ids(s).find((t) => t.reason === 'Christmas')!;
    expect(ok(s.run(['timeoff', 'rm', String(christmas.id)])).stdout.trim()).toBe(`Removed time off ${christmas.id} of ann.`);
    expect(listed(s, ['--all'])).toEqual(['ann 2027-01-03T23:00:00Z 2027-01-08T23:00:00Z Ski trip']);
    expect(exported(s).people.find((p: any) => p.id === 'ann').time_off).toEqual([{ from: '2027-01-04', to: '2027-01-08', reason: 'Ski trip' }]);
    refused(s, ['timeoff', 'rm', String(christmas.id)], `no time off ${christmas.id}; "oncall timeoff list" shows their ids`);
    refused(s, ['timeoff', 'rm', '999'], 'no time off 999');
  });

  test('DST: a time skipped by spring-forward moves on by the gap; a repeated time means its first occurrence', () => {
    const s = setup();
    // Berlin 2027-03-28: 02:00 → 03:00. 02:30 does not exist → 03:30 CEST = 01:30Z; 04:00 CEST = 02:00Z.
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2027-03-28T02:30', '--to', '2027-03-28T04:00']));
    // Berlin 2026-10-25: 03:00 → 02:00. 02:30 happens twice; the first is CEST = 00:30Z; 04:00 CET = 03:00Z.
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-10-25T02:30', '--to', '2026-10-25T04:00']));
    expect(listed(s, ['--all'])).toEqual(['ann 2026-10-25T00:30:00Z 2026-10-25T03:00:00Z -', 'ann 2027-03-28T01:30:00Z 2027-03-28T02:00:00Z -']);
  });

  test('bad input is refused: unknown person, --to before --from, not a time', () => {
    const s = setup();
    refused(s, ['timeoff', 'add', 'zed', '--from', '2026-12-21', '--to', '2026-12-24'], 'unknown person "zed"');
    refused(s, ['timeoff', 'add', 'ann', '--from', '2026-12-24', '--to', '2026-12-21'], '--to (2026-12-21) must be after --from (2026-12-24)');
    // A date as --to is the whole day, so from = to is one day, not an empty window.
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-12-24', '--to', '2026-12-24']));
    expect(listed(s)).toEqual(['ann 2026-12-23T23:00:00Z 2026-12-24T23:00:00Z -']);
    refused(s, ['timeoff', 'add', 'ann', '--from', 'whenever', '--to', '2026-12-24'], /--from/);
  });
});

describe('oncall timeoff import', () => {
  // ann is in Berlin. Busy events:
  //   Ski trip: all-day 27 Mar → 30 Mar 2027 (exclusive) = 27, 28, 29 Mar in ann's zone:
  //     27 Mar 00:00 CET = 26 Mar 23:00Z → 30 Mar 00:00 CEST = 29 Mar 22:00Z (71 h: the spring-forward night).
  //   Dentist: 09:00–10:30 America/New_York on 2 Dec (EST, −5) = 14:00Z–15:30Z.
  //   Flight: 08:00Z–12:00Z on 10 Dec.
  //   Physio: floating 09:00–10:00 on 15 Dec = ann's zone = 08:00Z–09:00Z.
  // Skipped: Focus time (TRANSP:TRANSPARENT), Trip (STATUS:CANCELLED).
  const ICS = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//oncall tests//EN',
    'BEGIN:VEVENT',
    'UID:ski@test',
    'DTSTAMP:20261101T000000Z',
    'DTSTART;VALUE=DATE:20270327',
    'DTEND;VALUE=DATE:20270330',
    'SUMMARY:Ski trip',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:dentist@test',
    'DTSTAMP:20261101T000000Z',
    'DTSTART;TZID=America/New_York:20261202T090000',
    'DTEND;TZID=America/New_York:20261202T103000',
    'SUMMARY:Dentist',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:flight@test',
    'DTSTAMP:20261101T000000Z',
    'DTSTART:20261210T080000Z',
    'DTEND:20261210T120000Z',
    'SUMMARY:Flight',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:physio@test',
    'DTSTAMP:20261101T000000Z',
    'DTSTART:20261215T090000',
    'DTEND:20261215T100000',
    'SUMMARY:Physio',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:focus@test',
    'DTSTAMP:20261101T000000Z',
    'DTSTART:20261203T100000Z',
    'DTEND:20261203T110000Z',
    'TRANSP:TRANSPARENT',
    'SUMMARY:Focus time',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:trip@test',
    'DTSTAMP:20261101T000000Z',
    'DTSTART;VALUE=DATE:20261207',
    'DTEND;VALUE=DATE:20261209',
    'STATUS:CANCELLED',
    'SUMMARY:Trip',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

  const IMPORTED = [
    'ann 2026-12-02T14:00:00Z 2026-12-02T15:30:00Z Dentist',
    'ann 2026-12-10T08:00:00Z 2026-12-10T12:00:00Z Flight',
    'ann 2026-12-15T08:00:00Z 2026-12-15T09:00:00Z Physio',
    'ann 2027-03-26T23:00:00Z 2027-03-29T22:00:00Z Ski trip',
  ];

  function icsFile(s: Session): string {
    const file = path.join(s.dir, 'ann.ics');
    fs.writeFileSync(file, ICS);
    return file;
  }

  test('busy events become time off (all-day events are days in the person\'s zone); transparent and cancelled ones are skipped', () => {
    const s = setup();
    const file = icsFile(s);
    const r = ok(s.run(['timeoff', 'import', 'ann', file]));
    expect(r.stdout.trim()).toBe(`Imported 4 time off for ann from ${file} (4 busy events).`);
    expect(listed(s)).toEqual(IMPORTED);
    // Whole days export as dates: the ski trip is 27–29 Mar, inclusive.
    expect(exported(s).people.find((p: any) => p.id === 'ann').time_off).toEqual([
      { from: '2026-12-02T15:00', to: '2026-12-02T16:30', reason: 'Dentist' },
      { from: '2026-12-10T09:00', to: '2026-12-10T13:00', reason: 'Flight' },
      { from: '2026-12-15T09:00', to: '2026-12-15T10:00', reason: 'Physio' },
      { from: '2027-03-27', to: '2027-03-29', reason: 'Ski trip' },
    ]);
  });

  test('importing the same file again changes nothing; after removing one entry, a re-import brings only that one back', () => {
    const s = setup();
    const file = icsFile(s);
    ok(s.run(['timeoff', 'import', 'ann', file]));
    const before = snapshot(s);
    const again = ok(s.run(['timeoff', 'import', 'ann', file]));
    expect(again.stdout.trim()).toBe(`No changes: 4 busy events in ${file}, 4 already recorded.`);
    expect(json(ok(s.run(['timeoff', 'import', 'ann', file, '--json'])))).toEqual({ events: 4, added: 0, already: 4 });
    expect(snapshot(s)).toBe(before);

    const dentist = ids(s).find((t) => t.reason === 'Dentist')!;
    ok(s.run(['timeoff', 'rm', String(dentist.id)]));
    const back = ok(s.run(['timeoff', 'import', 'ann', file]));
    expect(back.stdout.trim()).toBe(`Imported 1 time off for ann from ${file} (4 busy events, 3 already recorded).`);
    expect(listed(s)).toEqual(IMPORTED);
  });

  test('a zone only the file defines (Outlook\'s "W. Europe Standard Time"), and a weekly event with an EXDATE', () => {
    // cat lives in New York, but these times carry their own zones:
    //   Outlook meeting 16 Dec 09:00–10:00 "W. Europe Standard Time" (+01:00 in December) = 08:00Z–09:00Z.
    //   Weekly 09:00–10:00 Europe/Berlin from 1 Dec, COUNT=3, 8 Dec excluded: 1 Dec and 15 Dec, 08:00Z–09:00Z.
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16011028T030000',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010325T020000',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:outlook@test',
      'DTSTAMP:20261101T000000Z',
      'DTSTART;TZID=W. Europe Standard Time:20261216T090000',
      'DTEND;TZID=W. Europe Standard Time:20261216T100000',
      'SUMMARY:Outlook meeting',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:weekly@test',
      'DTSTAMP:20261101T000000Z',
      'DTSTART;TZID=Europe/Berlin:20261201T090000',
      'DTEND;TZID=Europe/Berlin:20261201T100000',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      'EXDATE;TZID=Europe/Berlin:20261208T090000',
      'SUMMARY:Weekly',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const s = setup();
    const file = path.join(s.dir, 'outlook.ics');
    fs.writeFileSync(file, ics);
    expect(ok(s.run(['timeoff', 'import', 'cat', file])).stdout.trim()).toBe(`Imported 3 time off for cat from ${file} (3 busy events).`);
    expect(listed(s)).toEqual([
      'cat 2026-12-01T08:00:00Z 2026-12-01T09:00:00Z Weekly',
      'cat 2026-12-15T08:00:00Z 2026-12-15T09:00:00Z Weekly',
      'cat 2026-12-16T08:00:00Z 2026-12-16T09:00:00Z Outlook meeting',
    ]);
    expect(ok(s.run(['timeoff', 'import', 'cat', file])).stdout.trim()).toBe(`No changes: 3 busy events in ${file}, 3 already recorded.`);
  });

  test('a file that cannot be read, or is not a calendar, is refused', () => {
    const s = setup();
    refused(s, ['timeoff', 'import', 'ann', path.join(s.dir, 'missing.ics')], /cannot read .*missing\.ics: ENOENT/);
    const junk = path.join(s.dir, 'junk.ics');
    fs.writeFileSync(junk, 'this is not a calendar\n');
    refused(s, ['timeoff', 'import', 'ann', junk], /not an iCalendar file/);
    refused(s, ['timeoff', 'import', 'zed', icsFile(s)], 'unknown person "zed"');
  });
});

describe('apply and time off: files own what they list, command-line time off stays', () => {
  const ANN_IN_FILE = PEOPLE.replace('Ann Arbor\n    timezone: Europe/Berlin\n', 'Ann Arbor\n    timezone: Europe/Berlin\n    time_off:\n      - {from: 2027-02-01, to: 2027-02-05, reason: Skiing}\n');

  test('time off added from the command line survives the team file, with or without time_off:, until --prune', () => {
    const s = setup();
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-12-21', '--to', '2026-12-24', '--reason', 'Christmas']));
    ok(s.run(['timeoff', 'add', 'ben', '--from', '2026-12-28', '--to', '2026-12-31']));
    const recorded = listed(s);

    // The team's file, unchanged, applied again (as CI does on every push): nothing changes,
    // and the plan says what it keeps.
    const same = ok(s.run(['apply', '-f', writeYaml(PEOPLE, 'team.yaml', s.dir)]));
    expect(same.stdout.trim().split('\n')).toEqual([
      'No changes.',
      'Keeping 1 command-line time off entry of ann (--prune removes it).',
      'Keeping 1 command-line time off entry of ben (--prune removes it).',
    ]);
    expect(listed(s)).toEqual(recorded);

    // time_off: [] and a list of other time off both leave ann's command-line entry alone.
    const empty = PEOPLE.replace('Ann Arbor\n    timezone: Europe/Berlin\n', 'Ann Arbor\n    timezone: Europe/Berlin\n    time_off: []\n');
    expect(ok(s.run(['apply', '-f', writeYaml(empty, 'team.yaml', s.dir)])).stdout).toMatch(/^No changes\.\n/);
    ok(s.run(['apply', '-f', writeYaml(ANN_IN_FILE, 'team.yaml', s.dir)]));
    expect(listed(s)).toEqual([
      'ann 2026-12-20T23:00:00Z 2026-12-24T23:00:00Z Christmas',
      'ben 2026-12-28T00:00:00Z 2027-01-01T00:00:00Z -',
      'ann 2027-01-31T23:00:00Z 2027-02-05T23:00:00Z Skiing',
    ]);

    // --prune removes command-line time off of the people the file describes; the plan names them.
    const plan = pending(s.run(['apply', '-f', writeYaml(ANN_IN_FILE, 'team.yaml', s.dir), '--prune', '--dry-run']));
    expect(plan.stdout).toContain('~ person ann Ann Arbor (time_off)');
    expect(plan.stdout).toContain('~ person ben Ben Bow (time_off)');
    expect(plan.stdout).not.toContain('Keeping');
    ok(s.run(['apply', '-f', writeYaml(ANN_IN_FILE, 'team.yaml', s.dir), '--prune']));
    expect(listed(s)).toEqual(['ann 2027-01-31T23:00:00Z 2027-02-05T23:00:00Z Skiing']);
  });

  test('time off the file owns follows the file: dropped from it (or time_off: left out), it is removed', () => {
    const s = session();
    ok(s.run(['apply', '-f', writeYaml(ANN_IN_FILE, 'team.yaml', s.dir)]));
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2026-12-21', '--to', '2026-12-24']));
    // Today's behaviour changed here: a person written without time_off: used to keep all of it.
    const plan = ok(s.run(['apply', '-f', writeYaml(PEOPLE, 'team.yaml', s.dir)]));
    expect(plan.stdout).toContain('~ person ann Ann Arbor (time_off)');
    expect(plan.stdout).toContain('Keeping 1 command-line time off entry of ann (--prune removes it).');
    expect(listed(s)).toEqual(['ann 2026-12-20T23:00:00Z 2026-12-24T23:00:00Z -']);
  });

  test('a file that lists command-line time off adopts it: no change, and from then on the file owns it', () => {
    const s = setup();
    ok(s.run(['timeoff', 'add', 'ann', '--from', '2027-02-01', '--to', '2027-02-05', '--reason', 'Skiing']));
    const adopt = ok(s.run(['apply', '-f', writeYaml(ANN_IN_FILE, 'team.yaml', s.dir)]));
    expect(adopt.stdout.trim().split('\n')).toEqual([
      'No changes.',
      'Adopting 1 command-line time off entry of ann: the files list it, so from now on it follows the files.',
    ]);
    expect(ok(s.run(['apply', '-f', writeYaml(ANN_IN_FILE, 'team.yaml', s.dir)])).stdout.trim()).toBe('No changes.');
    // Now the file's: leaving it out of the file removes it.
    ok(s.run(['apply', '-f', writeYaml(PEOPLE, 'team.yaml', s.dir)]));
    expect(listed(s)).toEqual([]);
  });
});
