// readGrafana against the fake Grafana OnCall API: what it asks for, how it pages, and the
// setup it returns (the CLI's own behaviour is in test/cli/import-grafana.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeFailure, UserError } from '../../src/errors.js';
import { readGrafana } from '../../src/importers/grafana.js';
import { MAX_PAGES, VendorHttp } from '../../src/importers/http.js';
import { FROM, startFakeGrafana, TO, TOKEN, USERS, type FakeGrafana, type FakeOptions } from './fake-grafana.js';

let fake: FakeGrafana | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function read(options: FakeOptions = {}) {
  fake = await startFakeGrafana(options);
  const http = new VendorHttp('grafana', fake.url, TOKEN, TOKEN);
  return readGrafana({ http, window: { start: Date.parse(FROM), end: Date.parse(TO) } });
}

describe('readGrafana', () => {
  it('sends the raw token, follows `next` through every page, and asks final_shifts for the window in UTC', async () => {
    const setup = await read({ pageSize: 2 });
    const paths = fake!.requests.map((r) => r.path);
    expect(new Set(fake!.requests.map((r) => r.authorization))).toEqual(new Set([TOKEN]));
    // 9 users at 2 a page: pages 1 to 5, each through the previous page's `next`.
    expect(paths.filter((p) => p.startsWith('/api/v1/users/'))).toEqual(['/api/v1/users/', '/api/v1/users/?page=2', '/api/v1/users/?page=3', '/api/v1/users/?page=4', '/api/v1/users/?page=5']);
    expect(paths).toContain('/api/v1/schedules/S1/final_shifts?start_date=2027-03-22T00%3A00&end_date=2027-04-05T00%3A00');
    expect(setup.document.people.map((p) => p.id)).toEqual(['ann', 'ben-ng', 'cyd', 'dan', 'eve', 'fay', 'hal', 'ivy']);
    expect(setup.document.people).toHaveLength(USERS.length - 1);
  });

  it('keeps each schedule in its rotations\' zone, web schedules without zones in UTC, and splits groups by position', async () => {
    const setup = await read();
    const zones = Object.fromEntries(setup.document.schedules.map((s) => [s.id, s.timezone]));
    expect(zones).toEqual({
      'payments-primary': 'Europe/Berlin',
      'platform-follow-the-sun': 'UTC',
      'platform-secondary': 'America/New_York',
      'platform-secondary-2': 'America/New_York',
      'legacy-ical': 'UTC',
    });
    expect(setup.schedules.map((s) => [s.vendorId, s.scheduleIds])).toEqual([
      ['S1', ['payments-primary']],
      ['S2', ['platform-follow-the-sun']],
      ['S3', ['platform-secondary', 'platform-secondary-2']],
      ['S4', ['legacy-ical']],
    ]);
    // Grafana's rendering, people by e-mail: ben and eve both on call at the window's start.
    const s3 = setup.schedules[2].final;
    expect(s3.filter((e) => e.start === Date.parse(FROM)).map((e) => e.person).sort()).toEqual(['ben-ng', 'eve']);
    expect(setup.document.teams.map((t) => t.id)).toEqual(['payments', 'platform', 'no-team']);
    expect(setup.document.teams[1].members).toEqual(['ben-ng', 'cyd', 'eve', 'fay', 'hal', 'ivy']);
  });

  it('says where Grafana has two people on call at once in a schedule it did not split', async () => {
    const setup = await read({ schedules: ['S1'], final: { S1: [['2027-03-22T00:00:00Z', '2027-03-23T00:00:00Z', 'U3'], ['2027-03-22T12:00:00Z', '2027-03-22T13:00:00Z', 'U4']] } });
    expect(setup.notes).toContain(
      'schedule "Payments primary": Grafana has cyd + dan on call at once from 2027-03-22T12:00:00Z (shifts of one level overlapping); oncall has one person per schedule at a time: the verification below shows where',
    );
    expect((await read({ schedules: ['S1'] })).notes.join('\n')).not.toMatch(/at once/);
  });

  it('a calendar schedule renders attached overrides only with web overrides on', async () => {
    const override = { id: 'OX', name: 'Ignored', type: 'override', schedule: 'S3', team_id: 'T2', time_zone: null, start: '2027-03-23T00:00:00', duration: 3600, users: ['U1'] };
    const setup = await read({ schedules: ['S3'], extraShifts: [override] });
    expect(setup.notes).toContain('schedule "Platform secondary": 1 override shift(s) are attached but web overrides are off, so Grafana does not render them; not imported');
    expect(setup.document.schedules.flatMap((s) => s.overrides ?? [])).toEqual([]);
  });

  it('asks final_shifts for a window longer than Grafana\'s 365 days in pieces', async () => {
    fake = await startFakeGrafana({ schedules: ['S1'] });
    const http = new VendorHttp('grafana', fake.url, TOKEN, TOKEN);
    const setup = await readGrafana({ http, window: { start: Date.parse('2026-06-01T00:00:00Z'), end: Date.parse('2027-09-01T00:00:00Z') } });
    expect(fake.requests.map((r) => r.path).filter((p) => p.includes('final_shifts'))).toEqual([
      '/api/v1/schedules/S1/final_shifts?start_date=2026-06-01T00%3A00&end_date=2027-06-01T00%3A00',
      '/api/v1/schedules/S1/final_shifts?start_date=2027-06-01T00%3A00&end_date=2027-09-01T00%3A00',
    ]);
    expect(setup.schedules[0].final).toHaveLength(27);
  });

  it('a schedule whose rotations use several zones takes the most used one and converts the others, with a note', async () => {
    const nyc = { id: 'ON', name: 'New York evenings', type: 'recurrent_event', schedule: null, team_id: 'T1', time_zone: 'America/New_York', level: 3, start: '2027-03-01T18:00:00', duration: 7200, frequency: 'daily', interval: 1, users: ['U4'] };
    // Listed in the calendar schedule's `shifts`, as shifts made for it through the API are.
    const setup = await read({ schedules: ['S1'], extraShifts: [nyc], listIn: { S1: ['ON'] } });
    const primary = setup.document.schedules[0];
    expect(primary.timezone).toBe('Europe/Berlin');
    // 18:00 in New York on 1 March 2027 (UTC-5) is midnight in Berlin (UTC+1).
    expect(primary.layers.find((l) => l.id === 'new-york-evenings')).toMatchObject({ start: '2027-03-02T00:00', shift: '1d', restrictions: [{ from: '00:00', to: '02:00' }], priority: 3 });
    expect(setup.notes).toContain(
      'schedule "Payments primary", shift "New York evenings" is in America/New_York while the schedule is in Europe/Berlin: its times were converted at its start and move by an hour where the two zones change clocks on different dates',
    );
  });

  it('the fake accepts the raw token only: a Bearer header is refused as Grafana refuses it', async () => {
    fake = await startFakeGrafana();
    const http = new VendorHttp('grafana', fake.url, `Bearer ${TOKEN}`, TOKEN);
    const error = await readGrafana({ http, window: { start: Date.parse(FROM), end: Date.parse(TO) } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe('Grafana OnCall refused the token (401: {"detail":"Invalid token."}); check GRAFANA_ONCALL_TOKEN and its permissions; nothing was written');
  });

  it('waits out a 429 and goes on', async () => {
    const setup = await read({ rateLimitOnce: true });
    expect(fake!.requests[0].path).toBe('/api/v1/users/');
    expect(fake!.requests[1].path).toBe('/api/v1/users/');
    expect(setup.document.schedules).toHaveLength(5);
  });

  it(`stops a listing whose next link never ends at ${MAX_PAGES} pages, naming it`, async () => {
    const error = await read({ runawayNext: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeFailure);
    expect((error as Error).message).toBe(`Grafana OnCall's users run past ${MAX_PAGES} pages; stopped reading them; nothing was written`);
    expect(fake!.requests).toHaveLength(MAX_PAGES);
  });

  it('does not follow a next link to another host with the token', async () => {
    const error = await read({ foreignNext: true }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/sent a link to another host \(evil\.example\.com\)/);
    expect(fake!.requests).toHaveLength(1);
  });
});
