// `oncall import opsgenie` end to end: the built CLI (in a worker thread) against the fake
// Opsgenie of test/importers/fake-opsgenie.ts on this thread. The window is 22 Mar → 5 Apr
// 2027, across Europe's DST change; the fake's final timelines are literal intervals worked
// out by hand, so verification here compares oncall's engine with a picture it did not make.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { cleanup, json, ok, runAsync, tempDir, type Result } from './helpers.js';
import { FROM, KEY, startFakeOpsgenie, TO, type FakeOpsgenie, type FakeOptions } from '../importers/fake-opsgenie.js';

let fake: FakeOpsgenie | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(cleanup);

interface Run {
  result: Result;
  out: string;
  dir: string;
  fake: FakeOpsgenie;
}

async function importRun(options: FakeOptions = {}, extra: string[] = [], env: Record<string, string | undefined> = {}): Promise<Run> {
  fake = await startFakeOpsgenie(options);
  const dir = tempDir();
  const out = path.join(dir, 'rota.yaml');
  const result = await runAsync(['import', 'opsgenie', '--api-url', fake.url, '-o', out, '--from', FROM, '--to', TO, ...extra], {
    OPSGENIE_API_KEY: KEY,
    ONCALL_DB: path.join(dir, 'never-opened.db'),
    ...env,
  });
  return { result, out, dir, fake };
}

/** The token must appear nowhere the user or a log could see it. */
function expectNoToken(run: Run) {
  expect(run.result.stdout).not.toContain(KEY);
  expect(run.result.stderr).not.toContain(KEY);
  if (fs.existsSync(run.out)) expect(fs.readFileSync(run.out, 'utf8')).not.toContain(KEY);
}

const lineOf = (text: string, needle: string) => text.split('\n').find((l) => l.includes(needle)) ?? '';

/**
 * The default setup: everything maps exactly except Platform_Primary, whose two rotations are
 * on call at the same time. oncall splits it in two and the verification shows the instants
 * where Opsgenie has two people (exit 3); together, the two halves match.
 */
function onlySplitDiffers(result: Result): Result {
  expect(result.status, result.stderr).toBe(3);
  expect(result.stderr).toBe('oncall: 1 schedule of Opsgenie resolves differently in oncall; the file is written, read the differences above before applying it\n');
  return result;
}

describe('a setup that maps exactly, but for one schedule with two people on call at once', () => {
  test('writes the YAML, says every other schedule matches, shows the split one, exits 3, never shows the key', async () => {
    const run = await importRun();
    const { result } = run;
    onlySplitDiffers(result);
    expect(result.stdout).toContain('6 people, 3 teams, 5 schedules, 2 escalation policies from Opsgenie');
    for (const [name, ids] of [
      ['Payments_Schedule', 'payments-schedule'],
      ['Platform_FollowTheSun', 'platform-followthesun'],
      ['Old_Schedule', 'old-schedule'],
    ]) {
      expect(lineOf(result.stdout, `  ${name} `)).toMatch(new RegExp(`matches .*→ ${ids}\\)$`));
    }
    // Where Opsgenie has both rotations' people, the schedule that stands for it has one.
    expect(result.stdout).toContain([
      '  Platform_Primary       4 differences  (Opsgenie b1e4c0de-0003-4000-8000-00000000a003 → platform-primary-primary, platform-primary-shadow)',
      '    Mon 22 Mar 2027 01:00 → Tue 23 Mar 2027 15:00  Opsgenie: dev-rao + eve-moss  oncall: dev-rao',
      '    Tue 23 Mar 2027 15:00 → Tue 30 Mar 2027 16:00  Opsgenie: cyd-park + fay-wong  oncall: fay-wong',
      '    Tue 30 Mar 2027 16:00 → Thu 1 Apr 2027 15:00  Opsgenie: dev-rao + eve-moss  oncall: dev-rao',
      '    Thu 1 Apr 2027 19:00 → Mon 5 Apr 2027 02:00  Opsgenie: dev-rao + eve-moss  oncall: dev-rao',
      '    together, platform-primary-primary + platform-primary-shadow match Opsgenie',
    ].join('\n'));
    expect(result.stdout).toContain('Times in Europe/Berlin.');
    // The overlapping rotations are named, with how they were mapped.
    expect(result.stdout).toContain('schedule "Platform_Primary": its rotations "Primary" and "Shadow" can put people on call at the same time');
    expect(result.stdout).toContain('user Gus Grant has no e-mail address as username; left out');
    expectNoToken(run);
  });

  test('the YAML: people by e-mail, teams, restrictions in the schedule zone, the split schedule, overrides, policies', async () => {
    const run = await importRun();
    onlySplitDiffers(run.result);
    const text = fs.readFileSync(run.out, 'utf8');
    expect(text).toMatch(/^# Imported from Opsgenie by oncall at 2026-11-23T12:00:00Z\./);
    expect(text).not.toContain('&a'); // no YAML aliases: each override written out
    const doc = parse(text);
    expect(doc.people.map((p: any) => [p.id, p.email])).toEqual([
      ['ann-lee', 'ann.lee@example.com'],
      ['ben-okafor', 'ben.okafor@example.com'],
      ['cyd-park', 'cyd.park@example.com'],
      ['dev-rao', 'dev.rao@example.com'],
      ['eve-moss', 'eve.moss@example.com'],
      ['fay-wong', 'fay.wong@example.com'],
    ]);
    expect(doc.people[2]).toEqual({ id: 'cyd-park', name: 'Cyd Park', email: 'cyd.park@example.com', timezone: 'Australia/Sydney' });
    expect(doc.teams).toEqual([
      { id: 'payments', name: 'Payments', members: ['ann-lee', 'ben-okafor', 'eve-moss'] },
      { id: 'platform', name: 'Platform', members: ['cyd-park', 'dev-rao', 'fay-wong'] },
      { id: 'support', name: 'Support', members: ['ben-okafor', 'fay-wong'] },
    ]);
    const byId = Object.fromEntries(doc.schedules.map((s: any) => [s.id, s]));
    expect(Object.keys(byId)).toEqual(['payments-schedule', 'platform-followthesun', 'platform-primary-primary', 'platform-primary-shadow', 'old-schedule']);
    expect(byId['payments-schedule']).toEqual({
      id: 'payments-schedule',
      team: 'payments',
      name: 'Payments_Schedule',
      timezone: 'Europe/Berlin',
      layers: [
        {
          id: 'business-hours',
          start: '2027-01-04T09:00',
          shift: '1w',
          members: ['ann-lee', 'ben-okafor'],
          restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
        },
        {
          id: 'nights-and-weekends',
          start: '2027-01-04T09:00',
          shift: '1w',
          members: ['eve-moss', 'ben-okafor', 'ann-lee'],
          restrictions: [
            { from: 'mon 17:00', to: 'tue 09:00' },
            { from: 'tue 17:00', to: 'wed 09:00' },
            { from: 'wed 17:00', to: 'thu 09:00' },
            { from: 'thu 17:00', to: 'fri 09:00' },
            { from: 'fri 17:00', to: 'mon 09:00' },
          ],
        },
      ],
      // The override that ended in January is not imported.
      overrides: [{ person: 'eve-moss', from: '2027-03-30T10:00:00Z', to: '2027-03-30T12:00:00Z', reason: 'Opsgenie override ann-dentist' }],
    });
    expect(byId['platform-followthesun'].layers.map((l: any) => [l.id, l.start, l.shift, l.members, l.restrictions])).toEqual([
      ['apac', '2027-01-01T22:00', '1d', ['cyd-park'], [{ from: '22:00', to: '06:00' }]],
      ['emea', '2027-01-04T06:00', '1w', ['fay-wong', 'ben-okafor'], [{ from: '06:00', to: '14:00' }]],
      ['amer', '2027-01-01T14:00', '1d', ['dev-rao'], [{ from: '14:00', to: '22:00' }]],
    ]);
    // One schedule per rotation that overlaps; the override of all rotations goes to both.
    for (const [id, layer, members] of [['platform-primary-primary', 'primary', ['dev-rao', 'fay-wong']], ['platform-primary-shadow', 'shadow', ['eve-moss', 'cyd-park']]] as const) {
      expect(byId[id]).toMatchObject({ team: 'platform', timezone: 'America/New_York', layers: [{ id: layer, start: '2027-01-05T10:00', shift: '1w', members }] });
      expect(byId[id].overrides).toEqual([{ person: 'ben-okafor', from: '2027-04-01T13:00:00Z', to: '2027-04-01T17:00:00Z', reason: 'Opsgenie override cover-dev' }]);
    }
    expect(byId['old-schedule'].layers).toEqual([{ id: 'legacy', start: '2026-01-05T09:00', shift: '1w', members: ['ben-okafor'], disabled: true }]);
    expect(doc.escalation_policies).toEqual([
      {
        id: 'payments-escalation',
        team: 'payments',
        name: 'Payments_Escalation',
        levels: [
          { targets: ['schedule:payments-schedule'], after: '0m' },
          { targets: ['person:ben-okafor'], after: '15m' },
          { targets: ['team:support'], after: '30m' },
        ],
        repeat: 2,
        repeat_after: '40m',
      },
      {
        id: 'platform-escalation',
        team: 'platform',
        name: 'Platform_Escalation',
        levels: [
          { targets: ['schedule:platform-primary-primary', 'schedule:platform-primary-shadow'], after: '0m' },
          { targets: ['schedule:platform-followthesun'], after: '10m' },
          { targets: ['person:dev-rao'], after: '60m' },
        ],
      },
    ]);
    expectNoToken(run);
  });

  test('reads every page of users and the timeline in steps that cover the window', async () => {
    const run = await importRun({ pageSize: 3, timelineDays: 7 });
    onlySplitDiffers(run.result);
    const users = run.fake.requests.filter((r) => r.startsWith('/v2/users'));
    expect(users.map((r) => new URL(r, 'http://x').searchParams.get('offset'))).toEqual(['0', '3', '6']);
    const timeline = run.fake.requests.filter((r) => r.includes('b1e4c0de-0001-4000-8000-00000000a001/timeline'));
    expect(timeline.map((r) => new URL(r, 'http://x').searchParams.get('date'))).toEqual(['2027-03-22T00:00:00Z', '2027-03-29T00:00:00Z']);
    expect(new URL(timeline[0], 'http://x').searchParams.get('intervalUnit')).toBe('days');
  });

  test('--json gives the same verdicts as data', async () => {
    const run = await importRun({}, ['--json']);
    const data = json(onlySplitDiffers(run.result));
    expect(data).toMatchObject({ vendor: 'opsgenie', written: { people: 6, teams: 3, schedules: 5, policies: 2 }, from: FROM, to: TO, matches: false });
    expect(data.file).toBe(run.out);
    expect(data.schedules.map((s: any) => [s.vendorName, s.schedules, s.matches, s.differences.length])).toEqual([
      ['Payments_Schedule', ['payments-schedule'], true, 0],
      ['Platform_FollowTheSun', ['platform-followthesun'], true, 0],
      ['Platform_Primary', ['platform-primary-primary', 'platform-primary-shadow'], false, 4],
      ['Old_Schedule', ['old-schedule'], true, 0],
    ]);
    expect(data.schedules[2].together).toEqual({ matches: true, differences: [] });
    expect(data.schedules[0].together).toBeNull();
    expect(data.notes).toContain('schedule "Old_Schedule" is disabled in Opsgenie; its layers are imported disabled');
    expectNoToken(run);
  });

  test('the written file applies to a fresh database, and shifts and who agree with Opsgenie', async () => {
    const run = await importRun();
    onlySplitDiffers(run.result);
    const db = { ONCALL_DB: path.join(run.dir, 'fresh.db') };
    ok(await runAsync(['apply', '-f', run.out], db));
    // Payments_Schedule over the DST weekend, as the fake's literal timeline has it.
    const shifts = json(ok(await runAsync(['shifts', '--schedule', 'payments-schedule', '--from', '2027-03-26T00:00:00Z', '--to', '2027-03-30T12:00:00Z', '--json'], db)));
    const list = (Array.isArray(shifts) ? shifts : shifts.shifts).map((s: any) => [s.start, s.end, s.person]);
    expect(list).toEqual([
      ['2027-03-26T00:00:00Z', '2027-03-26T08:00:00Z', 'ann-lee'],
      ['2027-03-26T08:00:00Z', '2027-03-26T16:00:00Z', 'ben-okafor'],
      ['2027-03-26T16:00:00Z', '2027-03-29T07:00:00Z', 'ann-lee'],
      ['2027-03-29T07:00:00Z', '2027-03-29T15:00:00Z', 'ann-lee'],
      ['2027-03-29T15:00:00Z', '2027-03-30T07:00:00Z', 'eve-moss'],
      ['2027-03-30T07:00:00Z', '2027-03-30T10:00:00Z', 'ann-lee'],
      ['2027-03-30T10:00:00Z', '2027-03-30T12:00:00Z', 'eve-moss'],
    ]);
    const who = json(ok(await runAsync(['who', '--at', '2027-04-01T14:00:00Z', '--json'], db)));
    const at = Object.fromEntries(who.map((e: any) => [e.schedule, e.person]));
    // Business hours: ann (week 12); follow-the-sun 14:00Z: AMER, dev; Platform_Primary: the
    // override "cover-dev" puts ben on both halves; the disabled schedule covers nothing.
    expect(at).toEqual({
      'payments-schedule': 'ann-lee',
      'platform-followthesun': 'dev-rao',
      'platform-primary-primary': 'ben-okafor',
      'platform-primary-shadow': 'ben-okafor',
      'old-schedule': null,
    });
    // 25 Mar 12:00Z: Opsgenie has fay (Primary) and cyd (Shadow) on call at once; the split
    // schedules hold one each. Business hours: ben (week 11); follow-the-sun: EMEA, ben.
    const both = json(ok(await runAsync(['who', '--at', '2027-03-25T12:00:00Z', '--json'], db)));
    expect(Object.fromEntries(both.map((e: any) => [e.schedule, e.person]))).toEqual({
      'payments-schedule': 'ben-okafor',
      'platform-followthesun': 'ben-okafor',
      'platform-primary-primary': 'fay-wong',
      'platform-primary-shadow': 'cyd-park',
      'old-schedule': null,
    });
  });
});

describe('what does not map, and a vendor picture that disagrees', () => {
  test('"none" and team turns and a one-rotation override: the differences, interval by interval, exit 3', async () => {
    const run = await importRun({ variant: 'full' });
    const { result } = run;
    expect(result.status).toBe(3);
    // Payments_Secondary and Global_Oncall, and the split Platform_Primary.
    expect(result.stderr).toContain('3 schedules of Opsgenie resolve differently in oncall; the file is written');
    expect(fs.existsSync(run.out)).toBe(true);
    expect(lineOf(result.stdout, '  Payments_Secondary ')).toContain('9 differences');
    expect(lineOf(result.stdout, '  Payments_Schedule ')).toContain('matches');
    const block = result.stdout.slice(result.stdout.indexOf('  Payments_Secondary '));
    const lines = block.split('\n').slice(1, 10).map((l) => l.trim());
    // Berlin times: 07:00Z is 08:00 before the change, 06:00Z is 08:00 after it.
    expect(lines).toEqual([
      'Mon 22 Mar 2027 08:00 → Mon 22 Mar 2027 20:00  Opsgenie: nobody  oncall: ann-lee',
      'Wed 24 Mar 2027 08:00 → Wed 24 Mar 2027 20:00  Opsgenie: team:Platform  oncall: eve-moss',
      'Fri 26 Mar 2027 08:00 → Fri 26 Mar 2027 20:00  Opsgenie: nobody  oncall: ann-lee',
      'Sun 28 Mar 2027 08:00 → Sun 28 Mar 2027 20:00  Opsgenie: team:Platform  oncall: eve-moss',
      'Tue 30 Mar 2027 08:00 → Tue 30 Mar 2027 20:00  Opsgenie: nobody  oncall: ann-lee',
      'Wed 31 Mar 2027 00:00 → Wed 31 Mar 2027 08:00  Opsgenie: ben-okafor  oncall: fay-wong',
      'Wed 31 Mar 2027 20:00 → Thu 1 Apr 2027 00:00  Opsgenie: ben-okafor  oncall: fay-wong',
      'Thu 1 Apr 2027 08:00 → Thu 1 Apr 2027 20:00  Opsgenie: team:Platform  oncall: eve-moss',
      'Sat 3 Apr 2027 08:00 → Sat 3 Apr 2027 20:00  Opsgenie: nobody  oncall: ann-lee',
    ]);
    // Each approximation is named in a note (and in the file's header).
    for (const note of [
      'schedule "Payments_Secondary", rotation "Days": turn 2 of 4 is "none" (nobody on call); it goes to ann-lee',
      'schedule "Payments_Secondary", rotation "Days": turn 4 of 4 is team "Platform"',
      'schedule "Payments_Secondary": the override "fay-days" from 2027-03-30T22:00:00Z to 2027-03-31T22:00:00Z applies in Opsgenie to rotation "Days" only',
      'the override "may-day" from 2027-05-01T06:00:00Z to 2027-05-02T06:00:00Z puts "none" (nobody on call) on call',
    ]) {
      expect(result.stdout).toContain(note);
      expect(fs.readFileSync(run.out, 'utf8')).toContain(note);
    }
    // Global_Oncall: the week of gus (no e-mail) goes to dev, and the verification says so.
    expect(lineOf(result.stdout, '  Global_Oncall ')).toContain('1 difference');
    expect(result.stdout).toContain('Tue 23 Mar 2027 15:00 → Tue 30 Mar 2027 16:00  Opsgenie: unknown:gus  oncall: dev-rao');
    expect(result.stdout).toContain('schedule "Global_Oncall", rotation "Weekly": turn 2 of 2 is user gus is not a user with an e-mail address; it goes to dev-rao');
    expect(result.stdout).toContain('schedule "Global_Oncall" has no owner team in Opsgenie; it belongs to team "opsgenie-no-owner-team" in oncall');
    const doc = parse(fs.readFileSync(run.out, 'utf8'));
    expect(doc.teams.at(-1)).toEqual({ id: 'opsgenie-no-owner-team', name: 'No owner team in Opsgenie', members: [] });
    // US/Eastern is a link: written as the zone's IANA name.
    expect(doc.schedules.find((s: any) => s.id === 'global-oncall')).toMatchObject({ team: 'opsgenie-no-owner-team', timezone: 'America/New_York', layers: [{ members: ['dev-rao', 'dev-rao'] }] });
    const secondary = doc.schedules.find((s: any) => s.id === 'payments-secondary');
    expect(secondary.layers.map((l: any) => [l.id, l.members])).toEqual([
      ['days', ['ann-lee', 'ann-lee', 'eve-moss', 'eve-moss']],
      ['nights', ['ben-okafor']],
    ]);
    expectNoToken(run);
  });

  test('--json lists the differences with both sides', async () => {
    const run = await importRun({ variant: 'full' }, ['--json']);
    expect(run.result.status).toBe(3);
    const data = json(run.result);
    expect(data.matches).toBe(false);
    const secondary = data.schedules.find((s: any) => s.vendorName === 'Payments_Secondary');
    expect(secondary.matches).toBe(false);
    expect(secondary.differences).toHaveLength(9);
    expect(secondary.differences[1]).toEqual({ start: '2027-03-24T07:00:00Z', end: '2027-03-24T19:00:00Z', vendor: ['team:Platform'], oncall: ['eve-moss'] });
    expect(secondary.differences[5]).toEqual({ start: '2027-03-30T22:00:00Z', end: '2027-03-31T06:00:00Z', vendor: ['ben-okafor'], oncall: ['fay-wong'] });
  });

  test('a timeline that disagrees on purpose is caught: exit 3, the interval printed', async () => {
    const run = await importRun({ tamper: true });
    expect(run.result.status).toBe(3);
    expect(lineOf(run.result.stdout, '  Platform_FollowTheSun ')).toContain('1 difference');
    expect(run.result.stdout).toContain('Wed 31 Mar 2027 16:00 → Thu 1 Apr 2027 00:00  Opsgenie: fay-wong  oncall: dev-rao');
  });
});

describe('the API misbehaving', () => {
  test('a wrong key: one line, exit 2, nothing written, the key never shown', async () => {
    const run = await importRun({ key: 'the-right-key-is-another' });
    expect(run.result.status).toBe(2);
    expect(run.result.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.result.stderr).toContain('Opsgenie refused the token (401');
    expect(run.result.stderr).toContain('OPSGENIE_API_KEY');
    expect(run.result.stdout).toBe('');
    expect(fs.existsSync(run.out)).toBe(false);
    expectNoToken(run);
  });

  test('the fake checks the Authorization header exactly: expecting another one, it refuses the run', async () => {
    // Every passing run above proves "GenieKey <key>"; here the fake wants "GenieKey GenieKey <key>".
    const run = await importRun({ key: `GenieKey ${KEY}` });
    expect(run.result.status).toBe(2);
  });

  test('429 with Retry-After once: waits, retries, and the import succeeds', async () => {
    const run = await importRun({ rateLimitOnce: true });
    onlySplitDiffers(run.result);
    expect(run.fake.requests[0]).toBe(run.fake.requests[1]);
    expect(run.result.stdout).toContain('Payments_Schedule');
  });

  test('503 three times, then answers: retried, and the import completes', async () => {
    const run = await importRun({ serverErrors: 3 });
    onlySplitDiffers(run.result);
    expect(run.fake.requests.slice(0, 4).every((r) => r === run.fake.requests[0])).toBe(true);
  });

  test('503 for ever: a clear failure, exit 1, nothing written', async () => {
    const run = await importRun({ serverErrors: Infinity });
    expect(run.result.status).toBe(1);
    expect(run.result.stderr).toMatch(/Opsgenie answered 503 .*gave up after 5 attempts; nothing was written/);
    expect(fs.existsSync(run.out)).toBe(false);
    expectNoToken(run);
  });

  test('without OPSGENIE_API_KEY: says which variable to set', async () => {
    const run = await importRun({}, [], { OPSGENIE_API_KEY: undefined });
    expect(run.result.status).toBe(2);
    expect(run.result.stderr).toContain('set OPSGENIE_API_KEY');
    expect(run.fake.requests).toEqual([]);
  });
});
