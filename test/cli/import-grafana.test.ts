// `oncall import grafana`, end to end: the built CLI (in a worker thread) against the fake
// Grafana OnCall API in this thread. The window holds Europe's 2027-03-28 clock change; the
// fake's final shifts are written by hand (test/importers/fake-grafana.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanup, json, run, runAsync, tempDb, tempDir, type Result } from './helpers.js';
import { FINAL, FROM, startFakeGrafana, TO, TOKEN, USERS, type FakeGrafana, type FakeOptions } from '../importers/fake-grafana.js';

afterAll(cleanup);

let fake: FakeGrafana | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The schedules that map exactly: Payments primary (Berlin, DST inside) and follow-the-sun (UTC). */
const MAPPABLE = ['S1', 'S2'];

async function importFrom(options: FakeOptions, extra: string[] = [], env: Record<string, string | undefined> = {}) {
  fake = await startFakeGrafana(options);
  const dir = tempDir();
  const file = path.join(dir, 'grafana.yaml');
  const result = await runAsync(['import', 'grafana', '--api-url', fake.url, '-o', file, '--from', FROM, '--to', TO, ...extra], {
    ONCALL_DB: path.join(dir, 'never-opened.db'),
    GRAFANA_ONCALL_TOKEN: TOKEN,
    ...env,
  });
  return { result, file, dir };
}

function tokenNowhere(result: Result, file?: string) {
  expect(result.stdout).not.toContain(TOKEN);
  expect(result.stderr).not.toContain(TOKEN);
  if (file && fs.existsSync(file)) expect(fs.readFileSync(file, 'utf8')).not.toContain(TOKEN);
}

const personOf = (userId: string) => {
  const email = USERS.find((u) => u.id === userId)!.email;
  return email.split('@')[0].toLowerCase().replace(/[^a-z0-9]+/g, '-');
};

describe('oncall import grafana: everything', () => {
  it('writes the YAML, says what it could not map, and shows the differences (exit 3)', async () => {
    const { result, file, dir } = await importFrom({});
    tokenNowhere(result, file);
    expect(result.status).toBe(3);
    expect(result.stdout).toContain(`Wrote ${file}: 8 people, 3 teams, 5 schedules, 2 escalation policies from Grafana OnCall.`);
    expect(result.stdout).toContain('  - user gus (U7) has no e-mail; not imported, and left out wherever they appear\n');
    expect(result.stdout).toContain('  - schedule "Platform secondary", shift "Pairs" puts 2 people on call together (ben-ng + eve); oncall has one person per schedule at a time');
    expect(result.stdout).toContain('  - schedule "Legacy iCal" is an iCal schedule');
    expect(result.stdout).toContain('Compared with Grafana OnCall\'s final schedules, Mon 22 Mar 2027 01:00 → Mon 5 Apr 2027 02:00:');
    expect(result.stdout).toContain('  Payments primary         matches  (Grafana OnCall S1 → payments-primary)\n');
    expect(result.stdout).toContain('  Platform follow-the-sun  matches  (Grafana OnCall S2 → platform-follow-the-sun)\n');
    // The pair split by position: the schedule that stands for it has one of the two wherever
    // Grafana has both; together, the parts differ only where hal's level-5 day replaces the
    // pair (eve's schedule does not copy the layers above her shift).
    expect(result.stdout).toContain(
      '  Platform secondary       3 differences  (Grafana OnCall S3 → platform-secondary, platform-secondary-2)\n' +
        '    Mon 22 Mar 2027 01:00 → Mon 22 Mar 2027 15:00  Grafana OnCall: ben-ng + eve  oncall: ben-ng\n' +
        '    Mon 29 Mar 2027 16:00 → Tue 30 Mar 2027 16:00  Grafana OnCall: ben-ng + eve  oncall: ben-ng\n' +
        '    Wed 31 Mar 2027 16:00 → Mon 5 Apr 2027 02:00  Grafana OnCall: ben-ng + eve  oncall: ben-ng\n' +
        '    together, platform-secondary + platform-secondary-2 differ in 1 interval:\n' +
        '      Tue 30 Mar 2027 16:00 → Wed 31 Mar 2027 16:00  Grafana OnCall: hal  oncall: eve + hal\n',
    );
    expect(result.stdout).toContain(
      '  Legacy iCal              1 difference  (Grafana OnCall S4 → legacy-ical)\n' +
        '    Mon 22 Mar 2027 01:00 → Thu 25 Mar 2027 01:00  Grafana OnCall: cyd  oncall: nobody\n',
    );
    expect(result.stderr).toBe('oncall: 2 schedules of Grafana OnCall resolve differently in oncall; the file is written, read the differences above before applying it\n');

    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Imported from Grafana OnCall by oncall at 2026-11-23T12:00:00Z\./);
    expect(text).toContain('# - user gus (U7) has no e-mail');
    const doc = parse(text);
    const schedule = (id: string) => doc.schedules.find((s: { id: string }) => s.id === id);
    expect(schedule('payments-primary')).toEqual({
      id: 'payments-primary',
      team: 'payments',
      name: 'Payments primary',
      timezone: 'Europe/Berlin',
      layers: [
        { id: 'weekly', start: '2027-03-01T09:00', shift: '1w', members: ['ann', 'ben-ng', 'cyd'], priority: 0 },
        {
          id: 'business-hours',
          start: '2027-03-01T09:00',
          shift: '1w',
          members: ['dan'],
          restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
          priority: 1,
        },
        { id: 'weekend', start: '2027-03-06T00:00', shift: '1w', members: ['eve', 'fay'], restrictions: [{ from: 'sat 00:00', to: 'mon 00:00' }], priority: 2 },
      ],
      overrides: [{ person: 'fay', from: '2027-03-24T11:00:00Z', to: '2027-03-24T15:00:00Z', reason: 'Grafana override Dentist cover' }],
    });
    expect(schedule('platform-follow-the-sun')).toMatchObject({
      timezone: 'UTC',
      layers: [
        { id: 'apac', start: '2027-03-01T00:00', shift: '1d', members: ['hal'], restrictions: [{ from: '00:00', to: '08:00' }] },
        { id: 'emea', start: '2027-03-01T08:00', shift: '1d', members: ['cyd'], restrictions: [{ from: '08:00', to: '16:00' }] },
        { id: 'amer', start: '2027-03-01T16:00', shift: '1d', members: ['ivy', 'eve'], restrictions: [{ from: '16:00', to: '00:00' }] },
      ],
    });
    expect(schedule('platform-secondary').layers).toEqual([
      { id: 'pairs', start: '2027-03-01T10:00', shift: '1w', members: ['ben-ng', 'fay'], priority: 0 },
      { id: 'cover', start: '2027-03-30T10:00', end: '2027-03-31T10:00', shift: '1d', members: ['hal'], priority: 5 },
    ]);
    expect(schedule('platform-secondary-2')).toMatchObject({ name: 'Platform secondary (person 2 of each group)', layers: [{ id: 'pairs', members: ['eve', 'fay'] }] });
    expect(schedule('legacy-ical')).toMatchObject({ team: 'no-team', layers: [] });
    expect(doc.escalation_policies).toEqual([
      {
        id: 'payments-critical',
        team: 'payments',
        name: 'Payments critical',
        levels: [
          { targets: ['schedule:payments-primary'], after: '0m' },
          { targets: ['person:dan', 'team:payments'], after: '15m' },
        ],
      },
      {
        id: 'platform',
        team: 'platform',
        name: 'Platform',
        levels: [
          { targets: ['schedule:platform-secondary', 'schedule:platform-secondary-2'], after: '0m' },
          { targets: ['schedule:platform-follow-the-sun'], after: '10m' },
        ],
      },
    ]);
    // The user's database is never opened.
    expect(fs.existsSync(path.join(dir, 'never-opened.db'))).toBe(false);

    // The whole file applies; the pair is split across the two schedules, hal's day only in the first.
    const db = tempDb();
    const applied = run(['apply', '-f', file], { ONCALL_DB: db });
    expect(applied.stderr).toBe('');
    expect(applied.status).toBe(0);
    const who = run(['who', '--schedule', 'platform-secondary,platform-secondary-2', '--at', '2027-03-30T15:00:00Z', '--json'], { ONCALL_DB: db });
    expect(json(who).map((w: { schedule: string; person: string }) => [w.schedule, w.person])).toEqual([
      ['platform-secondary', 'hal'],
      ['platform-secondary-2', 'eve'],
    ]);
  });

  it('--json gives the same as data', async () => {
    const { result } = await importFrom({}, ['--json']);
    tokenNowhere(result);
    expect(result.status).toBe(3);
    const data = json(result);
    expect(data).toMatchObject({ vendor: 'grafana', written: { people: 8, teams: 3, schedules: 5, policies: 2 }, from: '2027-03-22T00:00:00Z', to: '2027-04-05T00:00:00Z', matches: false });
    expect(data.notes).toContain('user gus (U7) has no e-mail; not imported, and left out wherever they appear');
    expect(data.schedules).toEqual([
      { vendorId: 'S1', vendorName: 'Payments primary', schedules: ['payments-primary'], matches: true, differences: [], together: null },
      { vendorId: 'S2', vendorName: 'Platform follow-the-sun', schedules: ['platform-follow-the-sun'], matches: true, differences: [], together: null },
      {
        vendorId: 'S3',
        vendorName: 'Platform secondary',
        schedules: ['platform-secondary', 'platform-secondary-2'],
        matches: false,
        differences: [
          { start: '2027-03-22T00:00:00Z', end: '2027-03-22T14:00:00Z', vendor: ['ben-ng', 'eve'], oncall: ['ben-ng'] },
          { start: '2027-03-29T14:00:00Z', end: '2027-03-30T14:00:00Z', vendor: ['ben-ng', 'eve'], oncall: ['ben-ng'] },
          { start: '2027-03-31T14:00:00Z', end: '2027-04-05T00:00:00Z', vendor: ['ben-ng', 'eve'], oncall: ['ben-ng'] },
        ],
        together: {
          matches: false,
          differences: [{ start: '2027-03-30T14:00:00Z', end: '2027-03-31T14:00:00Z', vendor: ['hal'], oncall: ['eve', 'hal'] }],
        },
      },
      {
        vendorId: 'S4',
        vendorName: 'Legacy iCal',
        schedules: ['legacy-ical'],
        matches: false,
        differences: [{ start: '2027-03-22T00:00:00Z', end: '2027-03-25T00:00:00Z', vendor: ['cyd'], oncall: [] }],
        together: null,
      },
    ]);
  });
});

describe('oncall import grafana: the mappable schedules', () => {
  it('match exactly across the DST change (exit 0), and the file applies and resolves as Grafana does', async () => {
    const { result, file } = await importFrom({ schedules: MAPPABLE });
    tokenNowhere(result, file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('  Payments primary         matches  (Grafana OnCall S1 → payments-primary)\n');
    expect(result.stdout).toContain('  Platform follow-the-sun  matches  (Grafana OnCall S2 → platform-follow-the-sun)\n');

    const db = tempDb();
    const applied = run(['apply', '-f', file], { ONCALL_DB: db });
    expect(applied.stderr).toBe('');
    expect(applied.status).toBe(0);
    const shifts = run(['shifts', '--schedule', 'payments-primary', '--from', FROM, '--to', TO, '--json'], { ONCALL_DB: db });
    expect(shifts.status).toBe(0);
    const ours = json<{ person: string; start: string; end: string }[]>(shifts).map((s) => [s.start, s.end, s.person]);
    expect(ours).toEqual(FINAL.S1.map(([start, end, user]) => [start, end, personOf(user)]));
    // After the change Berlin's 09:00 is 07:00 UTC: the business-hours layer has begun, the weekly turn is ben's.
    const who = run(['who', '--schedule', 'payments-primary', '--at', '2027-03-29T07:30:00Z', '--json'], { ONCALL_DB: db });
    expect(json(who)[0]).toMatchObject({ person: 'dan', start: '2027-03-29T07:00:00Z', end: '2027-03-29T15:00:00Z', source: 'layer:business-hours', next: { person: 'ben-ng', start: '2027-03-29T15:00:00Z' } });
    const sunShifts = run(['shifts', '--schedule', 'platform-follow-the-sun', '--from', FROM, '--to', TO, '--json'], { ONCALL_DB: db });
    expect(json<{ person: string; start: string; end: string }[]>(sunShifts).map((s) => [s.start, s.end, s.person])).toEqual(FINAL.S2.map(([start, end, user]) => [start, end, personOf(user)]));
    const sun = run(['who', '--schedule', 'platform-follow-the-sun', '--at', '2027-03-28T17:00:00Z', '--json'], { ONCALL_DB: db });
    expect(json(sun)[0]).toMatchObject({ person: 'eve', start: '2027-03-28T16:00:00Z', end: '2027-03-29T00:00:00Z' });
  });

  it('a rendering that disagrees on purpose is caught: exit 3, the interval and both sides printed', async () => {
    // Grafana without the Wednesday override: dan's business hours all day.
    const s1 = FINAL.S1.map(([start, end, user]): [string, string, string] => [start, end, user === 'U6' && start.startsWith('2027-03-24') ? 'U4' : user]);
    const { result } = await importFrom({ schedules: MAPPABLE, final: { S1: s1 } });
    expect(result.status).toBe(3);
    expect(result.stdout).toContain(
      '  Payments primary         1 difference  (Grafana OnCall S1 → payments-primary)\n' +
        '    Wed 24 Mar 2027 12:00 → Wed 24 Mar 2027 16:00  Grafana OnCall: dan  oncall: fay\n',
    );
    expect(result.stderr).toBe('oncall: 1 schedule of Grafana OnCall resolves differently in oncall; the file is written, read the differences above before applying it\n');
  });

  it('pages through small pages, waits out a 429 and retries 5xx, then succeeds', async () => {
    const { result } = await importFrom({ schedules: MAPPABLE, pageSize: 1, rateLimitOnce: true, serverErrors: 2 });
    tokenNowhere(result);
    expect(result.status).toBe(0);
    const paths = fake!.requests.map((r) => r.path);
    expect(paths.slice(0, 4)).toEqual(['/api/v1/users/', '/api/v1/users/', '/api/v1/users/', '/api/v1/users/']);
    expect(paths).toContain('/api/v1/users/?page=9');
    expect(paths).toContain('/api/v1/on_call_shifts/?page=8');
  });
});

describe('oncall import grafana: failures', () => {
  it('a wrong token: one line, exit 2, nothing written, the token never shown', async () => {
    const { result, file } = await importFrom({}, [], { GRAFANA_ONCALL_TOKEN: 'glsa_wrong_token_1234567890' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('oncall: Grafana OnCall refused the token (401: {"detail":"Invalid token."}); check GRAFANA_ONCALL_TOKEN and its permissions; nothing was written\n');
    expect(result.stderr).not.toContain('glsa_wrong_token');
    expect(fs.existsSync(file)).toBe(false);
    expect(fake!.requests[0].authorization).toBe('glsa_wrong_token_1234567890');
  });

  it('5xx on every request: a clear failure after the retries, nothing written', async () => {
    const { result, file } = await importFrom({ serverErrors: Infinity });
    tokenNowhere(result);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('oncall: Grafana OnCall answered 502 for /api/v1/users/: {"detail":"Bad gateway"}; gave up after 5 attempts; nothing was written\n');
    expect(fs.existsSync(file)).toBe(false);
    expect(fake!.requests).toHaveLength(5);
  }, 60_000);

  it('needs --api-url and a token', async () => {
    const dir = tempDir();
    const noUrl = await runAsync(['import', 'grafana', '-o', path.join(dir, 'x.yaml')], { ONCALL_DB: path.join(dir, 'db'), GRAFANA_ONCALL_TOKEN: TOKEN });
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toContain('Grafana OnCall needs --api-url');
    const noToken = await runAsync(['import', 'grafana', '--api-url', 'http://127.0.0.1:9', '-o', path.join(dir, 'x.yaml')], { ONCALL_DB: path.join(dir, 'db'), GRAFANA_ONCALL_TOKEN: undefined });
    expect(noToken.status).toBe(2);
    expect(noToken.stderr).toContain('set GRAFANA_ONCALL_TOKEN');
    expect(fs.existsSync(path.join(dir, 'x.yaml'))).toBe(false);
  });
});
