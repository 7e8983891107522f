// `oncall import pagerduty` end to end: the built CLI (in a worker thread) against the fake
// PagerDuty API (on this thread). The written YAML, the verification against PagerDuty's own
// final schedule (human and --json), exit statuses, refusals that write nothing, and the file
// applied into a fresh database answering `shifts` and `who` as PagerDuty does.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FOLLOW_THE_SUN, MAIN, UNMAPPABLE, startFakePagerDuty, type FakeAccount, type FakePagerDuty } from '../importers/fake-pagerduty.js';
import { cleanup, json, ok, runAsync, session, tempDir, type Result } from './helpers.js';

const TOKEN = 'u+PDe2eSecretToken_0xC0FFEE';
const servers: FakePagerDuty[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  cleanup();
});

async function fake(account: FakeAccount): Promise<FakePagerDuty> {
  const server = await startFakePagerDuty(account, { token: TOKEN, pageCap: 3 });
  servers.push(server);
  return server;
}

/** Runs the import of `account` over its window into a fresh folder; returns the result and the file. */
async function importFrom(server: FakePagerDuty, account: FakeAccount, extra: string[] = [], token = TOKEN) {
  const dir = tempDir();
  const file = path.join(dir, 'rota.yaml');
  const db = path.join(dir, 'never.db');
  const result = await runAsync(['import', 'pagerduty', '--api-url', server.url, '-o', file, '--from', account.since, '--to', account.until, ...extra], {
    PAGERDUTY_TOKEN: token,
    ONCALL_DB: db,
  });
  // The user's database is never opened.
  expect(fs.existsSync(db)).toBe(false);
  return { result, file, dir };
}

function expectNoToken(result: Result, file?: string): void {
  expect(result.stdout).not.toContain(TOKEN);
  expect(result.stderr).not.toContain(TOKEN);
  if (file && fs.existsSync(file)) expect(fs.readFileSync(file, 'utf8')).not.toContain(TOKEN);
}

const MAIN_PEOPLE: Record<string, string> = {
  PANN001: 'ann-lee', PBEN002: 'ben', PCYD003: 'cyd', PDAN004: 'dan', PEVE005: 'eve',
  PFAY006: 'fay', PGUS007: 'gus', PHAL008: 'hal', PIVY009: 'ivy',
};

describe('oncall import pagerduty', () => {
  it('imports two teams across a DST change, verifies both schedules exactly (exit 0), after a 429 and two 503s', async () => {
    const server = await fake(MAIN);
    server.rateLimitOnce = true;
    server.serverErrors = 2;
    const { result, file } = await importFrom(server, MAIN);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe([
      `Wrote ${file}: 10 people, 3 teams, 2 schedules, 2 escalation policies from PagerDuty.`,
      'Not mapped exactly:',
      '  - user Xan Doe (PXAN010) has no e-mail in PagerDuty; written as person "xan-doe" without one: add their e-mail before applying',
      '  - schedules or policies without a PagerDuty team are in team "pagerduty"',
      "Compared with PagerDuty's final schedules, Mon 22 Mar 2027 01:00 → Mon 5 Apr 2027 02:00:",
      '  Platform Primary  matches  (PagerDuty PSPLAT1 → platform-primary)',
      '  Support Weekend   matches  (PagerDuty PSSUPP1 → support-weekend)',
      'Times in Europe/Berlin.',
      '',
    ].join('\n'));
    expect(server.requests.slice(0, 4).map((r) => r.status)).toEqual([429, 503, 503, 200]);
    expect(server.offsets('/users')).toEqual([0, 3, 6, 9]);
    expectNoToken(result, file);

    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Imported from PagerDuty by oncall at 2026-11-23T12:00:00Z\./);
    const doc = parse(text);
    expect(doc.people[0]).toEqual({ id: 'ann-lee', name: 'Ann Lee', email: 'ann.lee@example.com', timezone: 'Europe/Amsterdam' });
    expect(doc.people.find((p: { id: string }) => p.id === 'xan-doe')).toEqual({ id: 'xan-doe', name: 'Xan Doe', timezone: 'UTC' });
    expect(doc.teams.map((t: { id: string }) => t.id)).toEqual(['platform', 'support', 'pagerduty']);
    expect(doc.schedules).toEqual([
      {
        id: 'platform-primary',
        team: 'platform',
        name: 'Platform Primary',
        timezone: 'Europe/Amsterdam',
        layers: [
          { id: 'weekly', start: '2027-01-11T09:00', shift: '1w', members: ['ben', 'cyd', 'ann-lee'] },
          { id: 'business-hours', start: '2027-03-01T09:00', shift: '1d', members: ['dan', 'eve'], restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }] },
        ],
      },
      {
        id: 'support-weekend',
        team: 'support',
        name: 'Support Weekend',
        timezone: 'America/New_York',
        layers: [{ id: 'weekend', start: '2027-01-01T17:00', shift: '1w', members: ['fay', 'gus'], restrictions: [{ from: 'fri 17:00', to: 'mon 09:00' }] }],
        overrides: [
          { person: 'ivy', from: '2027-03-24T20:00:00Z', to: '2027-03-25T02:00:00Z' },
          { person: 'hal', from: '2027-03-27T16:00:00Z', to: '2027-03-28T00:00:00Z' },
        ],
      },
    ]);
    expect(doc.escalation_policies[0]).toEqual({
      id: 'platform-critical',
      team: 'platform',
      name: 'Platform Critical',
      repeat: 2,
      repeat_after: '45m',
      levels: [{ targets: ['schedule:platform-primary'] }, { targets: ['person:dan', 'schedule:support-weekend'], after: '15m' }],
    });
  });

  it('says the same as data with --json', async () => {
    const server = await fake(MAIN);
    const { result, file } = await importFrom(server, MAIN, ['--json']);
    expect(result.status).toBe(0);
    expect(json(result)).toEqual({
      vendor: 'pagerduty',
      file,
      written: { people: 10, teams: 3, schedules: 2, policies: 2 },
      schedules: [
        { vendorId: 'PSPLAT1', vendorName: 'Platform Primary', schedules: ['platform-primary'], matches: true, differences: [], together: null },
        { vendorId: 'PSSUPP1', vendorName: 'Support Weekend', schedules: ['support-weekend'], matches: true, differences: [], together: null },
      ],
      notes: [
        'user Xan Doe (PXAN010) has no e-mail in PagerDuty; written as person "xan-doe" without one: add their e-mail before applying',
        'schedules or policies without a PagerDuty team are in team "pagerduty"',
      ],
      from: '2027-03-22T00:00:00Z',
      to: '2027-04-05T00:00:00Z',
      matches: true,
    });
    expectNoToken(result, file);
  });

  it('writes a file that applies to a fresh database, whose shifts and who agree with PagerDuty', async () => {
    const server = await fake(MAIN);
    const { result, file } = await importFrom(server, MAIN);
    ok(result);
    const s = session();
    ok(s.run(['apply', '-f', file]));
    for (const schedule of MAIN.schedules) {
      const id = schedule.id === 'PSPLAT1' ? 'platform-primary' : 'support-weekend';
      const shifts = json(ok(s.run(['shifts', '--schedule', id, '--from', MAIN.since, '--to', MAIN.until, '--json'])));
      const ours = shifts.filter((x: { person: string | null }) => x.person !== null).map((x: { start: string; end: string; person: string }) => [x.start, x.end, x.person]);
      const theirs = schedule.final.map(([start, end, user]) => [iso(start), iso(end), MAIN_PEOPLE[user]]);
      expect(ours).toEqual(theirs);
    }
    // Monday 29 March 08:00 UTC: the first Monday after Europe's change; business hours began at 07:00 UTC.
    const who = json(ok(s.run(['who', '--at', '2027-03-29T08:00:00Z', '--json'])));
    expect(who.map((w: { schedule: string; person: string; start: string }) => [w.schedule, w.person, w.start])).toEqual([
      ['platform-primary', 'dan', '2027-03-29T07:00:00Z'],
      ['support-weekend', 'fay', '2027-03-28T00:00:00Z'],
    ]);
  });

  it('imports follow-the-sun layers, one taking effect inside the window in the middle of a turn', async () => {
    const server = await fake(FOLLOW_THE_SUN);
    const { result, file } = await importFrom(server, FOLLOW_THE_SUN);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('  Follow the Sun  matches  (PagerDuty PSSUN01 → follow-the-sun)\n');
    const doc = parse(fs.readFileSync(file, 'utf8'));
    expect(doc.schedules[0].layers.map((l: { id: string; start: string; members: string[] }) => [l.id, l.start, l.members])).toEqual([
      ['asia-pacific', '2026-11-02T00:00', ['kim', 'lee']],
      ['europe', '2026-11-02T00:00', ['max', 'nia']],
      ['americas-first-turn', '2026-11-24T17:30', ['pat']],
      ['americas', '2026-11-30T00:00', ['oli', 'pat']],
    ]);
  });

  it('shows where an unmappable schedule differs, names it in the notes, still writes the file, exit 3', async () => {
    const server = await fake(UNMAPPABLE);
    const { result, file } = await importFrom(server, UNMAPPABLE);
    expect(result.status).toBe(3);
    expect(result.stdout).toContain([
      'Not mapped exactly:',
      '  - schedule "Incident Commander", layer "Layer 1": turns of 5400 s are not whole hours, which oncall\'s rotations need; written as 2h turns, so handoffs differ (verification shows where)',
      '  - schedule "Lunar Base": time zone "Lunar Standard Time" is neither an IANA name nor one of ActiveSupport\'s; the schedule is not imported',
    ].join('\n'));
    // Times in the viewer's zone (Europe/Berlin, UTC+1).
    expect(result.stdout).toContain([
      '  Incident Commander  3 differences  (PagerDuty PSIC001 → incident-commander)',
      '    Tue 24 Nov 02:30 → Tue 24 Nov 03:00  PagerDuty: rae  oncall: quin',
      '    Tue 24 Nov 04:00 → Tue 24 Nov 05:00  PagerDuty: quin  oncall: rae',
      '    Tue 24 Nov 05:30 → Tue 24 Nov 07:00  PagerDuty: rae  oncall: quin',
      '',
    ].join('\n'));
    expect(result.stdout).toContain([
      '  Lunar Base          1 difference  (PagerDuty PSMOON1 → not imported)',
      '    Tue 24 Nov 01:00 → Tue 24 Nov 07:00  PagerDuty: rae  oncall: nobody',
      '',
    ].join('\n'));
    expect(result.stderr).toBe("oncall: 2 schedules of PagerDuty resolve differently in oncall; the file is written, read the differences above before applying it\n");
    expect(fs.existsSync(file)).toBe(true);

    const asJson = json(await runAsync(['import', 'pagerduty', '--api-url', server.url, '-o', file, '--from', UNMAPPABLE.since, '--to', UNMAPPABLE.until, '--json'], { PAGERDUTY_TOKEN: TOKEN, ONCALL_DB: path.join(tempDir(), 'x.db') }));
    expect(asJson.matches).toBe(false);
    expect(asJson.schedules[0].differences).toEqual([
      { start: '2026-11-24T01:30:00Z', end: '2026-11-24T02:00:00Z', vendor: ['rae'], oncall: ['quin'] },
      { start: '2026-11-24T03:00:00Z', end: '2026-11-24T04:00:00Z', vendor: ['quin'], oncall: ['rae'] },
      { start: '2026-11-24T04:30:00Z', end: '2026-11-24T06:00:00Z', vendor: ['rae'], oncall: ['quin'] },
    ]);
    expect(asJson.schedules[1]).toEqual({
      vendorId: 'PSMOON1',
      vendorName: 'Lunar Base',
      schedules: [],
      matches: false,
      differences: [{ start: '2026-11-24T00:00:00Z', end: '2026-11-24T06:00:00Z', vendor: ['rae'], oncall: [] }],
      together: null,
    });
  });

  it('refuses a wrong token in one line, exit 2, nothing written, the token never shown', async () => {
    const server = await fake(MAIN);
    const wrong = 'u+wrongTokenValue_1234';
    const { result, file } = await importFrom(server, MAIN, [], wrong);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^oncall: PagerDuty refused the token \(401: .*Unauthorized.*\); check PAGERDUTY_TOKEN and its permissions; nothing was written\n$/);
    expect(result.stderr).not.toContain(wrong);
    expect(fs.existsSync(file)).toBe(false);
    expect(server.requests[0].authorization).toBe(`Token token=${wrong}`);
  });

  it('gives up on a server that keeps failing: exit 1, one clear line, nothing written', async () => {
    const server = await fake(MAIN);
    server.serverErrors = Infinity;
    const { result, file } = await importFrom(server, MAIN);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^oncall: PagerDuty answered 503 for \/users: .*Service Unavailable.*; gave up after 5 attempts; nothing was written\n$/);
    expect(server.requests).toHaveLength(5);
    expect(fs.existsSync(file)).toBe(false);
    expectNoToken(result);
  });
});

const iso = (text: string) => new Date(Date.parse(text)).toISOString().replace('.000Z', 'Z');
