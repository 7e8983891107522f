// `oncall timeoff import` of files that are not calendars, or not whole ones (issue 13, class
// 12): each is refused with exit 2 and one line that names the file (and the line at fault when
// one is), and nothing is stored. Before, most of them surfaced as a JavaScript TypeError.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, EXAMPLES, ok, session, writeYaml, type Session } from './helpers.js';
import { refused } from './manage-helpers.js';

afterAll(cleanup);

const PEOPLE = `version: 1
people:
  - id: ann
    name: Ann Arbor
    timezone: Europe/Berlin
teams:
  - id: ops
    name: Ops
    members: [ann]
`;

function setup(): Session {
  const s = session();
  ok(s.run(['apply', '-f', writeYaml(PEOPLE, 'team.yaml', s.dir)]));
  return s;
}

/** A calendar of the given lines, CRLF-terminated; BEGIN:VCALENDAR is line 1, VERSION line 2. */
const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', 'UID:e1@test', ...lines, 'END:VEVENT'];
const DTSTART = 'DTSTART:20261201T100000Z';
const DTEND = 'DTEND:20261201T110000Z';

/** Each hostile file: its name, its bytes, and what the one-line refusal must say (after "oncall: "). */
const FILES: [string, string, Buffer | string, RegExp][] = [
  ['a YAML file', 'team.yaml', fs.readFileSync(EXAMPLES.acme), /^team\.yaml:1: not an iCalendar file: it does not begin with BEGIN:VCALENDAR/],
  ['a JSON file', 'cal.json', '{"events": []}\n', /^cal\.json:1: not an iCalendar file/],
  ['a PNG image', 'photo.png', Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), /^photo\.png:1: not valid UTF-8 text/],
  ['text with NUL bytes', 'nul.ics', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-JUNK:a\u0000b\r\nEND:VCALENDAR\r\n', /^nul\.ics:3: a control character/],
  ['an empty file', 'empty.ics', '', /^empty\.ics: not an iCalendar file: the file is empty; nothing was imported$/],
  ['only blank lines', 'blank.ics', '\r\n\r\n  \r\n', /^blank\.ics: not an iCalendar file: the file is empty/],
  ['an event without DTSTART', 'nodt.ics', ics(...event('SUMMARY:when?', DTEND)), /^nodt\.ics:3: invalid iCalendar event e1@test: no DTSTART/],
  ['invalid UTF-8 in a summary', 'latin1.ics', Buffer.concat([Buffer.from(ics(...event(DTSTART, DTEND, 'SUMMARY:caf')).split('SUMMARY:caf')[0]), Buffer.from('SUMMARY:caf\xe9 cr\xe8me\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', 'latin1')]), /^latin1\.ics:7: not valid UTF-8 text/],
  ['a file cut short inside an event', 'cut.ics', ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:e1@test', DTSTART, ''].join('\r\n'), /^cut\.ics:3: BEGIN:VEVENT is never closed/],
  ['an END that closes the wrong component', 'swap.ics', ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', DTSTART, 'END:VCALENDAR', 'END:VEVENT', ''].join('\r\n'), /^swap\.ics:4: END:VCALENDAR does not close BEGIN:VEVENT of line 2/],
  ['a line that is not a property', 'prose.ics', ics(...event(DTSTART, DTEND), 'Dear team, here is my calendar'), /^prose\.ics:8: not an iCalendar line/],
  ['text after END:VCALENDAR', 'tail.ics', `${ics()}SUMMARY:stray\r\n`, /^tail\.ics:4: SUMMARY after END:VCALENDAR/],
  ['components nested 20 deep', 'deep.ics', ics(...Array.from({ length: 20 }, () => 'BEGIN:X-NEST'), ...Array.from({ length: 20 }, () => 'END:X-NEST')), /^deep\.ics:18: components nested more than 16 deep/],
  ['RRULE INTERVAL=0', 'zero.ics', ics(...event(DTSTART, DTEND, 'RRULE:FREQ=DAILY;INTERVAL=0')), /^zero\.ics:7: RRULE INTERVAL must be a whole number of 1 or more/],
  ['RRULE INTERVAL=-1', 'negative.ics', ics(...event(DTSTART, DTEND, 'RRULE:FREQ=WEEKLY;INTERVAL=-1')), /^negative\.ics:7: RRULE INTERVAL/],
  ['RRULE BYHOUR=99', 'byhour.ics', ics(...event(DTSTART, DTEND, 'RRULE:FREQ=DAILY;BYHOUR=99')), /^byhour\.ics:7: not an iCalendar file: BYHOUR/],
  ['a malformed DTSTART', 'baddate.ics', ics(...event('DTSTART:2026-12-01', DTEND)), /^baddate\.ics:3: invalid iCalendar event e1@test: /],
  ['a UID with an escape sequence', 'esc.ics', ics('BEGIN:VEVENT', 'UID:\u001b]0;pwned\u0007x', DTEND, 'END:VEVENT'), /^esc\.ics:4: a control character/],
];

describe('timeoff import refuses what is not a calendar: exit 2, one line naming the file, nothing stored', () => {
  test.each(FILES)('%s', (_what, name, bytes, message) => {
    const s = setup();
    const file = path.join(s.dir, name);
    fs.writeFileSync(file, bytes);
    const r = refused(s, ['timeoff', 'import', 'ann', file], message instanceof RegExp ? new RegExp(`^oncall: ${s.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${message.source.slice(1)}`) : message);
    expect(r.stderr).toMatch(/; nothing was (imported|changed)\n$/);
    expect(r.stderr).not.toMatch(/TypeError|Cannot read properties|undefined/);
  });

  test('a file larger than 16 MB is refused before it is read whole', () => {
    const s = setup();
    const file = path.join(s.dir, 'huge.ics');
    fs.writeFileSync(file, ics(...Array.from({ length: 17 * 1024 }, (_, i) => `X-PAD-${i}:${'x'.repeat(1024)}`)));
    refused(s, ['timeoff', 'import', 'ann', file], `oncall: ${file} is larger than 16 MB, the most "timeoff import" reads; nothing was changed`);
  });

  test.runIf(fs.existsSync('/dev/zero'))('an endless device (/dev/zero) is refused at the limit', () => {
    refused(setup(), ['timeoff', 'import', 'ann', '/dev/zero'], 'oncall: /dev/zero is larger than 16 MB');
  });

  test('a folder and a missing file cannot be read', () => {
    const s = setup();
    refused(s, ['timeoff', 'import', 'ann', s.dir], `oncall: cannot read ${s.dir}: EISDIR`);
    refused(s, ['timeoff', 'import', 'ann', path.join(s.dir, 'nope.ics')], /cannot read .*nope\.ics: ENOENT/);
  });

  test.each([
    ['repeats every minute since 2020', 'RRULE:FREQ=MINUTELY'],
    // ical.js would look for 30 February forever (this hung before).
    ['never repeats (30 February)', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'],
  ])('a repeating event that %s is refused after a bounded number of steps, with its line', (_what, rule) => {
    const s = setup();
    const file = path.join(s.dir, 'endless.ics');
    fs.writeFileSync(file, ics(...event('DTSTART:20200101T000000Z', 'DTEND:20200101T000030Z', rule)));
    refused(s, ['timeoff', 'import', 'ann', file], new RegExp(`^oncall: ${file}:3: repeating events need more than 100000 steps to expand \\(the one from 2020-01-01`));
  });

  test('a repeating event that is never busy (no length) is not expanded at all', () => {
    const s = setup();
    const file = path.join(s.dir, 'instants.ics');
    fs.writeFileSync(file, ics(...event('DTSTART:20200101T000000Z', 'RRULE:FREQ=SECONDLY'), ...event(DTSTART, DTEND).map((l) => l.replace('e1@', 'e2@'))));
    expect(ok(s.run(['timeoff', 'import', 'ann', file])).stdout).toBe(`Imported 1 time off for ann from ${file} (1 busy event).\n`);
  });
});
