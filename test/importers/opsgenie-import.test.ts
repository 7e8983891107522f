// readOpsgenie on small accounts served by a minimal Opsgenie (one schedule each), for the
// cases the big fixture does not have: colliding ids, zones oncall does not know, hourly
// rotations across DST, restrictions of an unknown shape, forwarding in the timeline, and
// the vendor's picture of overlapping rotations (two people at once) kept whole.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { VendorHttp } from '../../src/importers/http.js';
import { readOpsgenie } from '../../src/importers/opsgenie.js';
import { KEY, startFakeOpsgenie, type FakeOpsgenie } from './fake-opsgenie.js';

const WINDOW = { start: Date.parse('2027-03-22T00:00:00Z'), end: Date.parse('2027-03-23T00:00:00Z') };
const client = (url: string) => new VendorHttp('opsgenie', url, `GenieKey ${KEY}`, KEY);

let server: http.Server | undefined;
let fake: FakeOpsgenie | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  await fake?.close();
  fake = undefined;
});

interface Account {
  users: object[];
  teams?: { id: string; name: string; members: object[] }[];
  schedule: Record<string, unknown>;
  periods?: object[];
}

/** A minimal Opsgenie serving one account (answers wrapped in `data`, no paging). */
async function account(a: Account): Promise<string> {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const teams = a.teams ?? [];
    const data =
      path === '/v2/users' ? a.users
      : path === '/v2/teams' ? teams.map(({ id, name }) => ({ id, name }))
      : path.startsWith('/v2/teams/') ? teams.find((t) => path.endsWith(t.id))
      : path === '/v2/schedules' ? [a.schedule]
      : path.endsWith('/overrides') ? []
      : path.endsWith('/timeline') ? { startDate: '2027-03-22T00:00:00Z', endDate: '2027-03-29T00:00:00Z', finalTimeline: { rotations: [{ name: 'r', periods: a.periods ?? [] }] } }
      : path === '/v2/escalations' ? []
      : undefined;
    res.writeHead(data === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ data, took: 0.01, requestId: 'r' }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const user = (id: string, username: string, extra: object = {}) => ({ id, username, fullName: username, ...extra });
const rotation = (extra: object) => ({ id: 'rot', name: 'Rota', startDate: '2027-01-04T08:00:00Z', type: 'weekly', length: 1, participants: [{ type: 'user', id: 'u1' }], ...extra });
const schedule = (extra: object) => ({ id: 's1', name: 'Sched', timezone: 'Europe/Berlin', enabled: true, ownerTeam: { id: 't1', name: 'Team' }, rotations: [rotation({})], ...extra });
const TEAM = [{ id: 't1', name: 'Team', members: [{ user: { id: 'u1', username: 'ann@one.example' } }, { user: { id: 'u9', username: 'left@example.com' } }] }];

describe('readOpsgenie', () => {
  test('people: the same local part twice gets -2, the same e-mail twice is one person, case does not matter', async () => {
    const url = await account({
      users: [user('u1', 'ann@one.example', { timeZone: 'Europe/Berlin' }), user('u2', 'Ann@two.example', { timeZone: 'Not/AZone' }), user('u3', 'ANN@one.example')],
      teams: TEAM,
      schedule: schedule({ rotations: [rotation({ participants: [{ type: 'user', id: 'u1' }, { type: 'user', id: 'u2' }, { type: 'user', id: 'u3' }] })] }),
    });
    const setup = await readOpsgenie({ http: client(url), window: WINDOW });
    expect(setup.document.people).toEqual([
      { id: 'ann', name: 'ann@one.example', email: 'ann@one.example', timezone: 'Europe/Berlin' },
      { id: 'ann-2', name: 'Ann@two.example', email: 'ann@two.example' },
    ]);
    expect(setup.document.schedules[0].layers[0].members).toEqual(['ann', 'ann-2', 'ann']);
    // A team member who is not a user read is a note, not a crash.
    expect(setup.document.teams).toEqual([{ id: 'team', name: 'Team', members: ['ann'] }]);
    expect(setup.notes).toContain('team "Team": member left@example.com is not a user with an e-mail address; left out');
  });

  test('a zone oncall does not know becomes UTC with a note; an hourly rotation in a DST zone is noted', async () => {
    let url = await account({ users: [user('u1', 'ann@one.example')], teams: TEAM, schedule: schedule({ timezone: 'GMT+02:00' }) });
    let setup = await readOpsgenie({ http: client(url), window: WINDOW });
    expect(setup.document.schedules[0].timezone).toBe('UTC');
    expect(setup.notes).toContain('schedule "Sched": time zone "GMT+02:00" is not an IANA zone oncall knows; imported in UTC, so handoffs may move by the zone\'s offset');
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    url = await account({ users: [user('u1', 'ann@one.example')], teams: TEAM, schedule: schedule({ rotations: [rotation({ type: 'hourly', length: 12 })] }) });
    setup = await readOpsgenie({ http: client(url), window: WINDOW });
    expect(setup.document.schedules[0].layers[0]).toMatchObject({ shift: '12h', start: '2027-01-04T09:00' });
    expect(setup.notes).toContain(
      'schedule "Sched", rotation "Rota": an hourly rotation in Europe/Berlin, which changes to and from summer time; oncall keeps its handoffs at the same wall-clock hours, so check the verification around each change',
    );
  });

  test('a rotation oncall cannot read is left out with a note; the schedule stays, with what can be read', async () => {
    const url = await account({
      users: [user('u1', 'ann@one.example')],
      teams: TEAM,
      schedule: schedule({
        rotations: [
          rotation({ id: 'a', name: 'Odd', timeRestriction: { type: 'weekday-and-time-of-day', restrictions: [{ startDay: 'funday', startHour: 9, startMin: 0, endDay: 'monday', endHour: 17, endMin: 0 }] } }),
          rotation({ id: 'b', name: 'Monthly', type: 'monthly' }),
          rotation({ id: 'c', name: 'Nobody', participants: [{ type: 'none' }] }),
          rotation({ id: 'd', name: 'Fine' }),
        ],
      }),
    });
    const setup = await readOpsgenie({ http: client(url), window: WINDOW });
    expect(setup.document.schedules[0].layers.map((l) => l.id)).toEqual(['fine']);
    expect(setup.notes.filter((n) => n.startsWith('schedule'))).toEqual([
      'schedule "Sched", rotation "Odd": its time restriction has a shape oncall does not know; left out',
      'schedule "Sched", rotation "Monthly": its type "monthly" is not hourly, daily or weekly; left out',
      'schedule "Sched", rotation "Nobody" has no participant who is a person with an e-mail address; left out',
    ]);
  });

  test('forwarded periods are the vendor\'s truth, with a note', async () => {
    const url = await account({
      users: [user('u1', 'ann@one.example'), user('u2', 'ben@one.example')],
      teams: TEAM,
      schedule: schedule({}),
      periods: [{ startDate: '2027-03-22T00:00:00Z', endDate: '2027-03-23T00:00:00Z', type: 'forwarding', recipient: { type: 'user', id: 'u2', name: 'ben@one.example' } }],
    });
    const setup = await readOpsgenie({ http: client(url), window: WINDOW });
    expect(setup.schedules[0].final).toEqual([{ start: WINDOW.start, end: WINDOW.end, person: 'ben' }]);
    expect(setup.notes).toContain(
      'schedule "Sched": Opsgenie\'s final timeline forwards some shifts to another user (forwarding rules); oncall does not import forwarding, so verification shows those hours',
    );
  });

  test('overlapping rotations: two oncall schedules, and the vendor\'s two people at once kept whole', async () => {
    fake = await startFakeOpsgenie();
    const progress: string[] = [];
    const setup = await readOpsgenie({ http: client(fake.url), window: { start: Date.parse('2027-03-25T00:00:00Z'), end: Date.parse('2027-03-26T00:00:00Z') }, onProgress: (m) => progress.push(m) });
    const primary = setup.schedules.find((s) => s.vendorName === 'Platform_Primary')!;
    expect(primary.scheduleIds).toEqual(['platform-primary-primary', 'platform-primary-shadow']);
    expect(primary.final.map((e) => e.person).sort()).toEqual(['cyd-park', 'fay-wong']);
    expect(primary.final.every((e) => e.start === Date.parse('2027-03-25T00:00:00Z') && e.end === Date.parse('2027-03-26T00:00:00Z'))).toBe(true);
    expect(progress).toContain('Reading Opsgenie schedule Platform_Primary');
  });
});
