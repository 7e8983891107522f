// `oncall report` and `oncall cover` (issue #8), and team holiday regions.
//
// report: hours per person, of them night (22:00–07:00), weekend (Sat+Sun) and public-holiday
// hours in the person's own zone (else the schedule's), shifts, incidents acknowledged in the
// window; per schedule a balance score 100 × (1 − Gini) with the average and each person's
// difference. Gini of n values = Σi Σj |xi − xj| / (2 · n · Σ x).
// cover: the schedule's team minus the covered person, people on time off or on call
// elsewhere ruled out, ranked by hours in the last 90 days (within an hour counts as equal),
// then night + weekend hours, then id; with the override command to accept.
//
// Now is Monday 2026-11-23 12:00Z (13:00 in Berlin); the viewer is in Europe/Berlin.
// Berlin: CEST (+2) until Sun 2026-10-25 03:00, then CET (+1). New York: EST (−5) from 2026-11-01.

import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, json, ok, position, session, writeYaml, type Env, type Result, type Session, type Shift } from './helpers.js';
import { OPS_PEOPLE } from './ops-fixture.js';
import { exported, refused } from './manage-helpers.js';

afterAll(cleanup);

function setup(yaml: string, env: Env = {}): Session {
  const s = session(env);
  ok(s.run(['apply', '-f', writeYaml(yaml, 'team.yaml', s.dir)]));
  return s;
}

interface PersonRow {
  person: string;
  name: string;
  hours: number;
  night: number;
  weekend: number;
  holiday: number;
  shifts: number;
  incidents: number;
}

interface ReportJson {
  from: string;
  to: string;
  people: PersonRow[];
  schedules: { schedule: string; team: string; balance: number; average: number; people: { person: string; hours: number; diff: number; percent: number }[] }[];
}

function report(s: Session, args: string[], env: Env = {}): ReportJson {
  return json<ReportJson>(ok(s.run(['report', ...args, '--json'], env)));
}

/** "person hours/night/weekend/holiday shifts incidents" per person. */
function hours(r: ReportJson): string[] {
  return r.people.map((p) => `${p.person} ${p.hours}/${p.night}/${p.weekend}/${p.holiday} ${p.shifts} ${p.incidents}`);
}

function rows(r: Result): string[] {
  return r.stdout.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

describe('report: a DST week (Berlin falls back on Sun 2026-10-25 03:00 → 02:00)', () => {
  const DST = `version: 1
people:
  - id: ann
    name: Ann Arbor
    timezone: Europe/Berlin
teams:
  - id: eu
    name: EU
    holidays: DE
    members: [ann]
schedules:
  - id: dst
    team: eu
    name: DST week
    timezone: Europe/Berlin
    layers:
      - id: weekly
        start: 2026-10-19T09:00
        shift: 1w
        members: [ann]
`;

  // Mon 19 Oct 09:00 CEST = 07:00Z → Mon 26 Oct 09:00 CET = 08:00Z.
  //   hours:   7 × 24 + 1 (the repeated hour) = 169
  //   night:   7 nights 22:00–07:00 (Mon 19 … Sun 25), 9 h each, but Sat 24 → Sun 25 has 10 h: 6 × 9 + 10 = 64
  //            (Sun 18 → Mon 19 ends at 07:00, before 09:00: 0)
  //   weekend: Sat 24 (24 h) + Sun 25 (25 h) = 49
  //   holiday: DE has no public holiday that week (3 Oct is before it): 0
  test('hours, nights and weekends are real elapsed time in the person\'s zone', () => {
    const s = setup(DST);
    const r = report(s, ['--from', '2026-10-19T07:00:00Z', '--to', '2026-10-26T08:00:00Z']);
    expect(r.from).toBe('2026-10-19T07:00:00Z');
    expect(r.to).toBe('2026-10-26T08:00:00Z');
    expect(hours(r)).toEqual(['ann 169/64/49/0 1 0']);
    // One person: balance 100, no difference.
    expect(r.schedules).toEqual([{ schedule: 'dst', team: 'eu', balance: 100, average: 169, people: [{ person: 'ann', hours: 169, diff: 0, percent: 0 }] }]);

    // The same window written on the viewer's wall clock (Berlin).
    expect(hours(report(s, ['--from', '2026-10-19T09:00', '--to', '2026-10-26T09:00']))).toEqual(['ann 169/64/49/0 1 0']);

    const human = rows(ok(s.run(['report', '--from', '2026-10-19T07:00:00Z', '--to', '2026-10-26T08:00:00Z'])));
    expect(human).toContain('PERSON HOURS NIGHT WEEKEND HOLIDAY SHIFTS INCIDENTS');
    expect(human).toContain('Ann Arbor 169.0 64.0 49.0 0.0 1 0');
    expect(human).toContain('dst 100 average 169.0 h');
  });
});

describe('report: a DST week in spring (Berlin jumps 02:00 → 03:00 on Sun 2027-03-28), with Easter', () => {
  const SPRING = `version: 1
people:
  - id: ann
    name: Ann Arbor
    timezone: Europe/Berlin
teams:
  - id: eu
    name: EU
    holidays: DE
    members: [ann]
schedules:
  - id: spring
    team: eu
    name: Spring
    timezone: Europe/Berlin
    layers:
      - id: weekly
        start: 2027-03-22T09:00
        shift: 1w
        members: [ann]
`;
  // Mon 22 Mar 09:00 CET = 08:00Z → Mon 29 Mar 09:00 CEST = 07:00Z.
  //   hours:   7 × 24 − 1 = 167
  //   night:   7 nights (Mon 22 … Sun 28) of 9 h, but Sat 27 → Sun 28 has 8 h: 6 × 9 + 8 = 62
  //   weekend: Sat 27 (24 h) + Sun 28 (23 h) = 47
  //   holiday: DE Good Friday (Fri 26 Mar, 24 h) + Easter Monday 29 Mar 00:00–09:00 (9 h) = 33
  //            (Easter Sunday is not a public holiday in DE as a whole)
  //   --night 02:30-05:00: 2.5 h on 6 mornings (23–27 and 29 Mar); on 28 Mar the clock passes
  //            02:30 at the jump (01:00Z) and reaches 05:00 CEST at 03:00Z: 2 h → 15 + 2 = 17
  test('a night loses its hour, holidays move with Easter; run with --now in the future', () => {
    const s = setup(SPRING);
    const window = ['--from', '2027-03-22T08:00:00Z', '--to', '2027-03-29T07:00:00Z', '--now', '2027-04-01T12:00:00Z'];
    expect(hours(report(s, window))).toEqual(['ann 167/62/47/33 1 0']);
    expect(hours(report(s, [...window, '--night', '02:30-05:00']))).toEqual(['ann 167/17/47/33 1 0']);
  });
});

describe('report: a person in another zone than the schedule', () => {
  // follow: Europe/Berlin, 12-hour shifts from 2 Nov 08:00: ann 08:00–20:00, ben 20:00–08:00 (Berlin).
  // ann lives in Berlin, ben in New York (Berlin − 6 h), so ben's shifts are 14:00–02:00 for him.
  const ZONES = `version: 1
people:
  - id: ann
    name: Ann Arbor
    timezone: Europe/Berlin
  - id: ben
    name: Ben Bow
    timezone: America/New_York
teams:
  - id: ops
    name: Ops
    members: [ann, ben]
schedules:
  - id: follow
    team: ops
    name: Follow
    timezone: Europe/Berlin
    layers:
      - id: halves
        start: 2026-11-02T08:00
        shift: 12h
        members: [ann, ben]
`;
  // Window Fri 6 Nov 08:00 → Sun 8 Nov 08:00 Berlin = 07:00Z → 07:00Z.
  //   ann (Berlin): Fri 08–20, Sat 08–20: 24 h; night 0; weekend Sat 08–20 = 12.
  //   ben (New York): Fri 14:00 → Sat 02:00, Sat 14:00 → Sun 02:00: 24 h;
  //     night 22–02 twice = 4 + 4 = 8; weekend Sat 00–02 + Sat 14 → Sun 02 = 2 + 12 = 14.
  //   Counted in Berlin instead, ben's Fri 20 → Sat 08 and Sat 20 → Sun 08 would be
  //     night 9 + 9 = 18; weekend Sat 00–08 + Sat 20 → Sun 08 = 8 + 12 = 20.
  const WINDOW = ['--from', '2026-11-06T07:00:00Z', '--to', '2026-11-08T07:00:00Z'];

  test('night and weekend hours are counted in each person\'s own zone', () => {
    const s = setup(ZONES);
    const r = report(s, WINDOW);
    expect(hours(r)).toEqual(['ann 24/0/12/0 2 0', 'ben 24/8/14/0 2 0']);
    // Same hours: balance 100.
    expect(r.schedules[0]).toMatchObject({ schedule: 'follow', balance: 100, average: 24 });
  });

  test('--night sets the night window (in each person\'s zone): 00:00–06:00', () => {
    const s = setup(ZONES);
    // ann has no hours between 00:00 and 06:00 Berlin; ben has Sat 00–02 and Sun 00–02 New York: 4.
    expect(hours(report(s, [...WINDOW, '--night', '00:00-06:00']))).toEqual(['ann 24/0/12/0 2 0', 'ben 24/4/14/0 2 0']);
    refused(s, ['report', ...WINDOW, '--night', '22:00-22:00'], '--night "22:00-22:00" must be two different times like 22:00-07:00');
    refused(s, ['report', ...WINDOW, '--night', 'late'], /--night "late"/);
  });

  test('a person without a zone is counted in the schedule\'s zone', () => {
    const s = setup(ZONES);
    ok(s.run(['apply', '-f', writeYaml(ZONES.replace('    timezone: America/New_York\n', ''), 'team.yaml', s.dir)]));
    expect(hours(report(s, WINDOW))).toEqual(['ann 24/0/12/0 2 0', 'ben 24/18/20/0 2 0']);
  });
});

describe('report: public holidays of the team\'s region (holidays: DE over Christmas)', () => {
  // xmas: Europe/Berlin, daily at 09:00 from Mon 21 Dec: ann 21, ben 22, ann 23, ben 24, ann 25, ben 26.
  // DE public holidays: Fri 25 and Sat 26 Dec (24 Dec is not one). They are whole local days in
  // the zone of the person on call.
  const XMAS = `version: 1
people:
  - id: ann
    name: Ann Arbor
    timezone: Europe/Berlin
  - id: ben
    name: Ben Bow
    timezone: America/New_York
teams:
  - id: eu
    name: EU
    holidays: DE
    members: [ann, ben]
schedules:
  - id: xmas
    team: eu
    name: Christmas
    timezone: Europe/Berlin
    layers:
      - id: daily
        start: 2026-12-21T09:00
        shift: 1d
        members: [ann, ben]
`;
  // Window Thu 24 Dec 09:00 → Sun 27 Dec 09:00 Berlin = 08:00Z → 08:00Z.
  //   ben: 24 Dec 09:00 → 25 Dec 09:00 and 26 Dec 09:00 → 27 Dec 09:00 Berlin
  //        = 24 Dec 03:00 → 25 Dec 03:00 and 26 Dec 03:00 → 27 Dec 03:00 in New York.
  //        holiday (25 + 26 Dec in New York): 25 Dec 00–03 + 26 Dec 03–24 = 3 + 21 = 24
  //        weekend (Sat 26, Sun 27): the whole second shift = 24; night 9 + 9 = 18; hours 48.
  //   ann: 25 Dec 09:00 → 26 Dec 09:00 Berlin: holiday 24 (all of it); weekend Sat 00–09 = 9;
  //        night 22–07 = 9; hours 24.
  // Balance: hours [48, 24], Σ = 72, n = 2, Σ|xi − xj| = 24 + 24 = 48 →
  //   Gini = 48 / (2 · 2 · 72) = 1/6 → round(100 · 5/6) = 83. Average 36; ben +12 (+33 %), ann −12 (−33 %).
  const WINDOW = ['--from', '2026-12-24T08:00:00Z', '--to', '2026-12-27T08:00:00Z'];

  test('holiday hours are whole days of the region\'s holidays in each person\'s zone; balance by hand', () => {
    const s = setup(XMAS);
    const r = report(s, WINDOW);
    expect(hours(r)).toEqual(['ben 48/18/24/24 2 0', 'ann 24/9/9/24 1 0']);
    expect(r.schedules).toEqual([
      {
        schedule: 'xmas',
        team: 'eu',
        balance: 83,
        average: 36,
        people: [
          { person: 'ben', hours: 48, diff: 12, percent: 33 },
          { person: 'ann', hours: 24, diff: -12, percent: -33 },
        ],
      },
    ]);
    const human = rows(ok(s.run(['report', ...WINDOW])));
    expect(human).toContain('Ben Bow 48.0 18.0 24.0 24.0 2 0');
    expect(human).toContain('Ann Arbor 24.0 9.0 9.0 24.0 1 0');
    expect(human).toContain('xmas 83 average 36.0 h');
    expect(human).toContain('Ben Bow 48.0 h +12.0 h (+33%)');
    expect(human).toContain('Ann Arbor 24.0 h −12.0 h (−33%)');
  });

  test('team edit --holidays changes the region; "none" stops counting holidays', () => {
    const s = setup(XMAS);
    // US: only 25 Dec is a public holiday. ben: 25 Dec 00–03 New York = 3. ann: 25 Dec 09–24 Berlin = 15.
    expect(ok(s.run(['team', 'edit', 'eu', '--holidays', 'us'])).stdout.trim()).toBe('Changed team eu.');
    expect(exported(s).teams).toEqual([{ id: 'eu', name: 'EU', members: ['ann', 'ben'], holidays: 'US' }]);
    expect(hours(report(s, WINDOW))).toEqual(['ben 48/18/24/3 2 0', 'ann 24/9/9/15 1 0']);
    ok(s.run(['team', 'edit', 'eu', '--holidays', 'none']));
    expect(exported(s).teams).toEqual([{ id: 'eu', name: 'EU', members: ['ann', 'ben'] }]);
    expect(hours(report(s, WINDOW))).toEqual(['ben 48/18/24/0 2 0', 'ann 24/9/9/0 1 0']);
  });
});

describe('report: balance, incidents, --team and CSV', () => {
  // rota: UTC, daily at 00:00 from Mon 2 Nov, [ann, ben, cat, dan]; eve is in the team but not
  // in the rotation. Everyone is in UTC. Window Mon 2 Nov 00:00Z → Sat 7 Nov 00:00Z (5 days):
  //   ann Mon 2 + Fri 6 = 48 h (2 shifts), ben Tue 3, cat Wed 4, dan Thu 5 = 24 h each.
  //   night: 9 h in every whole day (00–07 + 22–24): ann 18, others 9. No weekend, no holidays.
  // Balance over the rotation [48, 24, 24, 24]: Σ = 120, n = 4, mean 30;
  //   Σ|xi − xj| over ordered pairs = 3 pairs (ann, x) × 24 × 2 = 144;
  //   Gini = 144 / (2 · 4 · 120) = 0.15 → 85. ann +18 (+60 %), the others −6 (−20 %).
  // Incidents: ben acknowledges one on Tue 3 Nov (inside); cat one on Tue 10 Nov (outside).
  const ROTA = `version: 1
people:
  - id: ann
    name: Ann Arbor
  - id: ben
    name: Ben Bow
  - id: cat
    name: Cat Cole
  - id: dan
    name: Dee, Dan
  - id: eve
    name: Eve "E" Ent
teams:
  - id: ops
    name: Ops
    members: [ann, ben, cat, dan, eve]
schedules:
  - id: rota
    team: ops
    name: Rota
    timezone: UTC
    layers:
      - id: daily
        start: 2026-11-02T00:00
        shift: 1d
        members: [ann, ben, cat, dan]
escalation_policies:
  - id: main
    team: ops
    levels:
      - targets: [schedule:rota]
`;
  const WINDOW = ['--from', '2026-11-02T00:00:00Z', '--to', '2026-11-07T00:00:00Z'];

  function rota(): Session {
    const s = setup(ROTA);
    ok(s.run(['incident', 'open', 'Disk full', '--policy', 'main', '--at', '2026-11-03T10:00:00Z']));
    ok(s.run(['incident', 'ack', '1', '--by', 'ben', '--at', '2026-11-03T10:05:00Z']));
    ok(s.run(['incident', 'open', 'Later', '--policy', 'main', '--at', '2026-11-10T10:00:00Z']));
    ok(s.run(['incident', 'ack', '2', '--by', 'cat', '--at', '2026-11-10T10:05:00Z']));
    return s;
  }

  test('balance = 100 × (1 − Gini), the average and each person\'s difference; incidents acknowledged in the window', () => {
    const s = rota();
    const r = report(s, WINDOW);
    expect(hours(r)).toEqual(['ann 48/18/0/0 2 0', 'ben 24/9/0/0 1 1', 'cat 24/9/0/0 1 0', 'dan 24/9/0/0 1 0']);
    expect(r.schedules).toEqual([
      {
        schedule: 'rota',
        team: 'ops',
        balance: 85,
        average: 30,
        people: [
          { person: 'ann', hours: 48, diff: 18, percent: 60 },
          { person: 'ben', hours: 24, diff: -6, percent: -20 },
          { person: 'cat', hours: 24, diff: -6, percent: -20 },
          { person: 'dan', hours: 24, diff: -6, percent: -20 },
        ],
      },
    ]);
    const human = rows(ok(s.run(['report', ...WINDOW])));
    expect(human[0]).toBe('On call 2 Nov 01:00 → 7 Nov 01:00');
    expect(human).toContain('rota 85 average 30.0 h');
    expect(human).toContain('Ann Arbor 48.0 h +18.0 h (+60%)');
    expect(human).toContain('Dee, Dan 24.0 h −6.0 h (−20%)');
    // A week later cat's incident is inside: 9–14 Nov is dan 9, ann 10, ben 11, cat 12, dan 13.
    expect(hours(report(s, ['--from', '2026-11-09T00:00:00Z', '--to', '2026-11-14T00:00:00Z']))).toContain('cat 24/9/0/0 1 1');
  });

  test('--team lists every member, also those who carried nothing; an unknown team is refused', () => {
    const s = rota();
    expect(hours(report(s, [...WINDOW, '--team', 'ops']))).toEqual([
      'ann 48/18/0/0 2 0',
      'ben 24/9/0/0 1 1',
      'cat 24/9/0/0 1 0',
      'dan 24/9/0/0 1 0',
      'eve 0/0/0/0 0 0',
    ]);
    refused(s, ['report', ...WINDOW, '--team', 'nope'], 'unknown team "nope"');
    refused(s, ['report', '--from', '2026-11-07T00:00:00Z', '--to', '2026-11-02T00:00:00Z'], '--to must be after --from');
  });

  test('--csv: a header and one line per person; names with commas and quotes are quoted', () => {
    const s = rota();
    const csv = ok(s.run(['report', ...WINDOW, '--team', 'ops', '--csv'])).stdout;
    expect(csv.split(/\r?\n/).filter(Boolean)).toEqual([
      'person,name,hours,night_hours,weekend_hours,holiday_hours,shifts,incidents',
      'ann,Ann Arbor,48,18,0,0,2,0',
      'ben,Ben Bow,24,9,0,0,1,1',
      'cat,Cat Cole,24,9,0,0,1,0',
      'dan,"Dee, Dan",24,9,0,0,1,0',
      'eve,"Eve ""E"" Ent",0,0,0,0,0,0',
    ]);
  });

  test('--csv: a name that a spreadsheet would run as a formula is neutralised with a leading apostrophe', () => {
    const s = rota();
    const names = { ann: '=HYPERLINK("http://evil.example","x")', ben: '+1+1', cat: '-2+3', dan: '@SUM(A1:A9)', eve: "=cmd|' /C calc'!A0" };
    for (const [id, name] of Object.entries(names)) ok(s.run(['person', 'edit', id, '--name', name]));
    const csv = ok(s.run(['report', ...WINDOW, '--team', 'ops', '--csv'])).stdout;
    expect(csv.split('\r\n').filter(Boolean).slice(1)).toEqual([
      'ann,"\'=HYPERLINK(""http://evil.example"",""x"")",48,18,0,0,2,0',
      "ben,'+1+1,24,9,0,0,1,1",
      "cat,'-2+3,24,9,0,0,1,0",
      "dan,'@SUM(A1:A9),24,9,0,0,1,0",
      "eve,'=cmd|' /C calc'!A0,0,0,0,0,0,0",
    ]);
    // The JSON keeps the exact names.
    expect(json(ok(s.run(['report', ...WINDOW, '--team', 'ops', '--json']))).people.map((p: { name: string }) => p.name)).toEqual(Object.values(names));
  });

  test('--csv and --json together are refused', () => {
    refused(rota(), ['report', ...WINDOW, '--csv', '--json'], 'give --csv or --json, not both');
  });

  test('--csv: every record ends with CRLF (RFC 4180), the last one too', () => {
    const s = rota();
    const csv = ok(s.run(['report', ...WINDOW, '--csv'])).stdout;
    // 5 records (header + 4 people), each terminated the same way; no bare LF anywhere.
    expect(csv.match(/\r\n/g)).toHaveLength(5);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
  });

  test('--json hours are rounded to 0.1', () => {
    // ann covers 2 Nov 00:00 → 00:20 (20 min = 0.333… h → 0.3), all of it night.
    const s = rota();
    expect(hours(report(s, ['--from', '2026-11-02T00:00:00Z', '--to', '2026-11-02T00:20:00Z']))).toEqual(['ann 0.3/0.3/0/0 1 0']);
  });
});

// Cover fixture. Everyone and every schedule is in UTC.
//   primary:   weekly from Mon 9 Nov 09:00, [ann, ben, cat]: ann 9–16 Nov, ben 16–23 Nov,
//              cat 23–30 Nov, ann 30 Nov – 7 Dec, ben 7–14 Dec, …
//   secondary: only dan, weekly from Mon 2 Nov 09:00.
//   spare:     no layers; overrides eve Sun 1 Nov (24 h) and fay Tue 3 Nov (24 h, or FAY_END).
//   gus is on time off 2–4 Dec (2 Dec 00:00Z → 5 Dec 00:00Z). hal and ida never were on call.
// Hours in the last 90 days (25 Aug 11:00Z → 23 Nov 12:00Z), and of them night (22–07) + weekend:
//   ann 9–16 Nov: 168 h, night 7 × 9 = 63, weekend 48 → 111
//   ben 16–23 Nov: 168 h → 111
//   cat 23 Nov 09:00 → 12:00: 3 h, 0
//   dan 2 Nov 09:00 → 23 Nov 12:00: 21 days + 3 h = 507 h, night 21 × 9 = 189, weekend 3 × 48 = 144
//   eve Sun 1 Nov: 24 h, night 00–07 + 22–24 = 9, weekend 24 → 33
//   fay Tue 3 Nov: 24 h, night 9, weekend 0 → 9
//   gus, hal, ida: 0
function coverFixture(fayEnd = '2026-11-04T00:00'): string {
  return `${OPS_PEOPLE}  - id: gus
    name: Gus Gale
    time_off:
      - from: 2026-12-02
        to: 2026-12-04
        reason: Wedding
  - id: ida
    name: Ida Ink
  - id: hal
    name: Hal Hill
teams:
  - id: ops
    name: Ops
    members: [ann, ben, cat, dan, eve, fay, gus, ida, hal]
schedules:
  - id: primary
    team: ops
    name: Primary
    timezone: UTC
    layers:
      - id: weekly
        start: 2026-11-09T09:00
        shift: 1w
        members: [ann, ben, cat]
  - id: secondary
    team: ops
    name: Secondary
    timezone: UTC
    layers:
      - id: dan
        start: 2026-11-02T09:00
        shift: 1w
        members: [dan]
  - id: spare
    team: ops
    name: Spare
    timezone: UTC
    layers: []
    overrides:
      - person: eve
        from: 2026-11-01T00:00
        to: 2026-11-02T00:00
      - person: fay
        from: 2026-11-03T00:00
        to: ${fayEnd}
`;
}

interface CoverJson {
  schedule: string;
  from: string;
  to: string;
  for: string | null;
  candidates: { rank: number; person: string; recentHours: number; nightAndWeekendHours: number; command: string }[];
  ruledOut: { person: string; why: string; schedule: string | null; from: string; to: string; reason: string | null }[];
}

function cover(s: Session, args: string[]): CoverJson {
  return json<CoverJson>(ok(s.run(['cover', ...args, '--json'])));
}

/** "rank person recent/nightAndWeekend" per candidate. */
function ranking(c: CoverJson): string[] {
  return c.candidates.map((x) => `${x.rank} ${x.person} ${x.recentHours}/${x.nightAndWeekendHours}`);
}

function ruled(c: CoverJson): string[] {
  return c.ruledOut.map((x) => `${x.person} ${x.why} ${x.schedule ?? '-'} ${x.from} ${x.to} ${x.reason ?? '-'}`);
}

/** Runs a printed "oncall …" command line (its words have no spaces inside). */
function runPrinted(s: Session, line: string): Result {
  const words = line.trim().split(/\s+/);
  expect(words[0]).toBe('oncall');
  return ok(s.run(words.slice(1)));
}

describe('report: the default window is the 90 days before now', () => {
  test('from 90 days before now on the viewer\'s wall clock; balance of three unequal shares by hand', () => {
    const s = setup(coverFixture());
    const r = report(s, []);
    // Mon 23 Nov 13:00 Berlin − 90 days = Tue 25 Aug 13:00 CEST = 11:00Z.
    expect(r.from).toBe('2026-08-25T11:00:00Z');
    expect(r.to).toBe('2026-11-23T12:00:00Z');
    expect(hours(r)).toEqual([
      'dan 507/189/144/0 1 0',
      'ann 168/63/48/0 1 0',
      'ben 168/63/48/0 1 0',
      'eve 24/9/24/0 1 0',
      'fay 24/9/0/0 1 0',
      'cat 3/0/0/0 1 0',
    ]);
    // primary [ann 168, ben 168, cat 3]: Σ = 339, mean 113; Σ|xi − xj| = 4 × 165 = 660;
    //   Gini = 660 / (2 · 3 · 339) = 0.3245 → round(67.55) = 68.
    //   ann +55 (55/113 = 48.7 % → 49), cat −110 (−97.3 % → −97).
    expect(r.schedules.find((x) => x.schedule === 'primary')).toEqual({
      schedule: 'primary',
      team: 'ops',
      balance: 68,
      average: 113,
      people: [
        { person: 'ann', hours: 168, diff: 55, percent: 49 },
        { person: 'ben', hours: 168, diff: 55, percent: 49 },
        { person: 'cat', hours: 3, diff: -110, percent: -97 },
      ],
    });
    expect(r.schedules.find((x) => x.schedule === 'secondary')).toMatchObject({ balance: 100, average: 507 });
  });
});

describe('cover', () => {
  test('ranks the free people by recent hours, then nights and weekends, then id; says who is not free and why', () => {
    const s = setup(coverFixture());
    // ann holds the whole window (her week is 30 Nov – 7 Dec), so she is the one covered.
    const c = cover(s, ['--schedule', 'primary', '--from', '2026-12-01T09:00:00Z', '--to', '2026-12-03T09:00:00Z']);
    expect(c).toMatchObject({ schedule: 'primary', from: '2026-12-01T09:00:00Z', to: '2026-12-03T09:00:00Z', for: 'ann' });
    expect(ranking(c)).toEqual([
      '1 hal 0/0', // hal and ida: 0 h and 0 nights/weekends each → by id
      '2 ida 0/0',
      '3 cat 3/0',
      '4 fay 24/9', // fay and eve carried the same 24 h; fay had fewer nights and weekends
      '5 eve 24/33',
      '6 ben 168/111',
    ]);
    expect(ruled(c)).toEqual([
      'gus time-off - 2026-12-02T00:00:00Z 2026-12-05T00:00:00Z Wedding',
      'dan on-call-elsewhere secondary 2026-12-01T09:00:00Z 2026-12-03T09:00:00Z -',
    ]);
    expect(c.candidates[0].command).toBe('oncall override add --schedule primary --person hal --from 2026-12-01T09:00:00Z --to 2026-12-03T09:00:00Z --replaces ann');

    const human = ok(s.run(['cover', '--schedule', 'primary', '--from', '2026-12-01T09:00:00Z', '--to', '2026-12-03T09:00:00Z']));
    const lines = rows(human);
    expect(lines[0]).toBe('Cover primary Tue 1 Dec 10:00 → Thu 3 Dec 10:00 for Ann Arbor');
    // Team average without ann: (168 + 3 + 507 + 24 + 24 + 0 + 0 + 0) / 8 = 90.75 → 91 h.
    expect(lines).toContain('1 Hal Hill 0 h in 90 days (team avg 91 h), 0 h nights/weekends');
    expect(lines).toContain('6 Ben Bow 168 h in 90 days (team avg 91 h), 111 h nights/weekends');
    expect(lines).toContain('Gus Gale: time off (Wedding) 2 Dec 01:00 → 5 Dec 01:00');
    expect(lines).toContain('Dan Dee: on call in secondary 1 Dec 10:00 → 3 Dec 10:00');
    const printed = lines.filter((l) => l.startsWith('oncall override add'));
    expect(printed).toEqual(c.candidates.slice(0, 3).map((x) => x.command));
  });

  test('running the first printed command puts that person on call: who and shifts show it', () => {
    const s = setup(coverFixture());
    const human = ok(s.run(['cover', '--schedule', 'primary', '--from', '2026-12-01T09:00:00Z', '--to', '2026-12-03T09:00:00Z']));
    const first = rows(human).find((l) => l.startsWith('oncall override add'))!;
    runPrinted(s, first);

    const who = json<{ schedule: string; person: string; source: string; start: string; end: string }[]>(
      ok(s.run(['who', '--schedule', 'primary', '--at', '2026-12-02T00:00:00Z', '--json'])),
    );
    expect(who[0]).toMatchObject({ schedule: 'primary', person: 'hal', source: 'override', start: '2026-12-01T09:00:00Z', end: '2026-12-03T09:00:00Z' });
    const list = json<Shift[]>(ok(s.run(['shifts', '--schedule', 'primary', '--from', '2026-11-30T09:00:00Z', '--to', '2026-12-07T09:00:00Z', '--json'])));
    expect(list.map((x) => `${x.start} ${x.end} ${x.person} ${x.source}`)).toEqual([
      '2026-11-30T09:00:00Z 2026-12-01T09:00:00Z ann layer:weekly',
      '2026-12-01T09:00:00Z 2026-12-03T09:00:00Z hal override',
      '2026-12-03T09:00:00Z 2026-12-07T09:00:00Z ann layer:weekly',
    ]);
    // hal is now on call in primary then: asked again for the same window, he is the one covered.
    expect(cover(s, ['--schedule', 'primary', '--from', '2026-12-01T09:00:00Z', '--to', '2026-12-03T09:00:00Z']).for).toBe('hal');
  });

  test('a window over a handoff: without --for both holders are ruled out; --for ann lets ben take her part', () => {
    const s = setup(coverFixture());
    // Sun 6 Dec 09:00 → Tue 8 Dec 09:00: ann until Mon 7 Dec 09:00, then ben. gus's time off is over by then.
    const window = ['--schedule', 'primary', '--from', '2026-12-06T09:00:00Z', '--to', '2026-12-08T09:00:00Z'];
    const open = cover(s, window);
    expect(open.for).toBeNull();
    expect(ruled(open)).toEqual([
      'ann on-call-here primary 2026-12-06T09:00:00Z 2026-12-07T09:00:00Z -',
      'ben on-call-here primary 2026-12-07T09:00:00Z 2026-12-08T09:00:00Z -',
      'dan on-call-elsewhere secondary 2026-12-06T09:00:00Z 2026-12-08T09:00:00Z -',
    ]);
    expect(ranking(open)).toEqual(['1 gus 0/0', '2 hal 0/0', '3 ida 0/0', '4 cat 3/0', '5 fay 24/9', '6 eve 24/33']);
    expect(open.candidates[0].command).toBe('oncall override add --schedule primary --person gus --from 2026-12-06T09:00:00Z --to 2026-12-08T09:00:00Z');

    const forAnn = cover(s, [...window, '--for', 'ann']);
    expect(forAnn.for).toBe('ann');
    expect(ruled(forAnn)).toEqual(['dan on-call-elsewhere secondary 2026-12-06T09:00:00Z 2026-12-08T09:00:00Z -']);
    expect(ranking(forAnn)).toEqual(['1 gus 0/0', '2 hal 0/0', '3 ida 0/0', '4 cat 3/0', '5 fay 24/9', '6 eve 24/33', '7 ben 168/111']);
    const ben = forAnn.candidates.find((x) => x.person === 'ben')!;
    expect(ben.command).toBe('oncall override add --schedule primary --person ben --from 2026-12-06T09:00:00Z --to 2026-12-08T09:00:00Z --replaces ann');

    // Accept ben: the override replaces only ann's part, so ben simply starts a day early.
    runPrinted(s, ben.command);
    const list = json<Shift[]>(ok(s.run(['shifts', '--schedule', 'primary', '--from', '2026-12-06T09:00:00Z', '--to', '2026-12-08T09:00:00Z', '--json'])));
    expect(list.map((x) => `${x.start} ${x.end} ${x.person} ${x.source}`)).toEqual([
      '2026-12-06T09:00:00Z 2026-12-07T09:00:00Z ben override',
      '2026-12-07T09:00:00Z 2026-12-08T09:00:00Z ben layer:weekly',
    ]);
    expect(json<any[]>(ok(s.run(['who', '--schedule', 'primary', '--at', '2026-12-06T12:00:00Z', '--json'])))[0]).toMatchObject({ person: 'ben', source: 'override' });
  });

  test('recent hours within an hour of each other count as equal: fay (24 h 45 min) still ranks before eve (24 h) on fewer nights and weekends', () => {
    // fay's override ends 4 Nov 00:45: 24.75 h, night 9 + 0.75 = 9.75, weekend 0 → 9.75; eve 24 h, 33.
    // 24.75 − 24 = 0.75 h < 1 h: equal, so nights and weekends decide: fay (9.75) before eve (33).
    const s = setup(coverFixture('2026-11-04T00:45'));
    const c = cover(s, ['--schedule', 'primary', '--from', '2026-12-01T09:00:00Z', '--to', '2026-12-03T09:00:00Z']);
    expect(c.candidates.map((x) => x.person)).toEqual(['hal', 'ida', 'cat', 'fay', 'eve', 'ben']);
  });

  test('a difference of an hour or more decides: fay (25 h 30 min) after eve (24 h)', () => {
    const s = setup(coverFixture('2026-11-04T01:30'));
    const c = cover(s, ['--schedule', 'primary', '--from', '2026-12-01T09:00:00Z', '--to', '2026-12-03T09:00:00Z']);
    expect(c.candidates.map((x) => x.person)).toEqual(['hal', 'ida', 'cat', 'eve', 'fay', 'ben']);
  });

  // Issue 13: a person with two reasons used to be listed twice.
  test('someone not free for several reasons is listed once, each reason on a line of its own', () => {
    const s = setup(coverFixture());
    ok(s.run(['timeoff', 'add', 'dan', '--from', '2026-12-02', '--to', '2026-12-02', '--reason', 'Dentist']));
    ok(s.run(['override', 'add', '--schedule', 'spare', '--person', 'eve', '--from', '2026-12-01T12:00:00Z', '--to', '2026-12-01T18:00:00Z']));
    ok(s.run(['override', 'add', '--schedule', 'secondary', '--person', 'eve', '--from', '2026-12-02T12:00:00Z', '--to', '2026-12-02T18:00:00Z']));
    const window = ['--schedule', 'primary', '--from', '2026-12-01T09:00:00Z', '--to', '2026-12-03T09:00:00Z'];
    // JSON keeps one entry per reason.
    expect(ruled(cover(s, window))).toEqual([
      'gus time-off - 2026-12-02T00:00:00Z 2026-12-05T00:00:00Z Wedding',
      'dan time-off - 2026-12-02T00:00:00Z 2026-12-03T00:00:00Z Dentist',
      'dan on-call-elsewhere secondary 2026-12-01T09:00:00Z 2026-12-02T12:00:00Z -',
      'eve on-call-elsewhere secondary 2026-12-02T12:00:00Z 2026-12-02T18:00:00Z -',
      'dan on-call-elsewhere secondary 2026-12-02T18:00:00Z 2026-12-03T09:00:00Z -',
      'eve on-call-elsewhere spare 2026-12-01T12:00:00Z 2026-12-01T18:00:00Z -',
    ]);
    const out = ok(s.run(['cover', ...window])).stdout.split('\n');
    const notFree = out.slice(out.indexOf('Not free:') + 1, out.indexOf('To accept a suggestion, run:'));
    expect(notFree).toEqual([
      '  Gus Gale: time off (Wedding) 2 Dec 01:00 → 5 Dec 01:00',
      '  Dan Dee: time off (Dentist) 2 Dec 01:00 → 3 Dec 01:00',
      '           on call in secondary 1 Dec 10:00 → 3 Dec 10:00',
      '  Eve Ent: on call in secondary 2 Dec 13:00 → 2 Dec 19:00',
      '           on call in spare 1 Dec 13:00 → 1 Dec 19:00',
    ]);
  });

  test('bad input is refused: --for someone not on call then, unknown schedule, --to before --from', () => {
    const s = setup(coverFixture());
    const window = ['--from', '2026-12-01T09:00:00Z', '--to', '2026-12-03T09:00:00Z'];
    refused(s, ['cover', '--schedule', 'primary', ...window, '--for', 'cat'], 'cat is not on call in primary in that window; leave out --for or pick the person on call');
    refused(s, ['cover', '--schedule', 'nope', ...window], 'unknown schedule "nope"');
    refused(s, ['cover', '--schedule', 'primary', '--from', '2026-12-03T09:00:00Z', '--to', '2026-12-01T09:00:00Z'], '--to must be after --from');
  });
});

describe('teams: holiday regions', () => {
  test('an unknown region in YAML is an error at its file, line and column; exit 2; nothing changed', () => {
    const text = `version: 1
people:
  - id: ann
teams:
  - id: eu
    name: EU
    holidays: DE-ZZ
    members: [ann]
`;
    const s = session();
    const file = writeYaml(text, 'team.yaml', s.dir);
    const r = s.run(['apply', '-f', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const at = position(text, 'DE-ZZ');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${file}:${at.line}:${at.col}: team "eu": holidays "DE-ZZ" is not a known region; use a country code like DE or US, or country-state like DE-BE or US-CA`,
      'oncall: 1 error; nothing was changed. Fix the file and run apply again.',
    ]);
    expect(json(ok(s.run(['team', 'list', '--json'])))).toEqual([]);
    // A known state is fine.
    ok(s.run(['apply', '-f', writeYaml(text.replace('DE-ZZ', 'DE-BE'), 'team.yaml', s.dir)]));
    expect(exported(s).teams).toEqual([{ id: 'eu', name: 'EU', members: ['ann'], holidays: 'DE-BE' }]);
  });

  test('team add --holidays (any case), unknown regions refused', () => {
    const s = session();
    ok(s.run(['person', 'add', 'ann']));
    expect(ok(s.run(['team', 'add', 'sre', '--members', 'ann', '--holidays', 'de-by'])).stdout.trim()).toBe('Added team sre.');
    expect(json(ok(s.run(['team', 'show', 'sre', '--json'])))).toMatchObject({ id: 'sre', holidays: 'DE-BY' });
    refused(s, ['team', 'add', 'web', '--holidays', 'XX'], '--holidays "XX" is not a known region; use a country code like DE or US, or country-state like DE-BE or US-CA');
    refused(s, ['team', 'edit', 'sre', '--holidays', 'DE-ZZ'], '--holidays "DE-ZZ" is not a known region');
  });
});
