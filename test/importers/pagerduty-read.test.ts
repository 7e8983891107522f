// readPagerDuty against the fake PagerDuty API, in-process: what it reads (pagination as
// PagerDuty pages), how it maps it, and how it rides out rate limits and server errors.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeFailure, UserError } from '../../src/errors.js';
import { MAX_PAGES, VendorHttp } from '../../src/importers/http.js';
import { listAll } from '../../src/importers/pagerduty-api.js';
import { readPagerDuty } from '../../src/importers/pagerduty.js';
import { FOLLOW_THE_SUN, MAIN, startFakePagerDuty, type FakeAccount, type FakePagerDuty } from './fake-pagerduty.js';

const TOKEN = 'u+pd-read-test-token';
const servers: FakePagerDuty[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function read(account: FakeAccount, setup: (fake: FakePagerDuty) => void = () => {}, token = TOKEN) {
  const fake = await startFakePagerDuty(account, { token: TOKEN, pageCap: 3 });
  servers.push(fake);
  setup(fake);
  const http = new VendorHttp('pagerduty', fake.url, `Token token=${token}`, token);
  const setupRead = readPagerDuty({ http, window: { start: Date.parse(account.since), end: Date.parse(account.until) } });
  return { fake, setup: setupRead };
}

describe('readPagerDuty', () => {
  it('reads every page of every listing, PagerDuty style (offset/limit/more), with the exact Authorization header', async () => {
    const { fake, setup } = await read(MAIN);
    const result = await setup;
    expect(fake.offsets('/users')).toEqual([0, 3, 6, 9]);
    expect(fake.offsets('/teams')).toEqual([0]);
    expect(fake.offsets('/teams/PTPLAT1/members')).toEqual([0, 3]);
    expect(fake.offsets('/schedules')).toEqual([0]);
    expect(new Set(fake.requests.map((r) => r.authorization))).toEqual(new Set([`Token token=${TOKEN}`]));
    expect(fake.requests.filter((r) => r.query.has('limit')).every((r) => r.query.get('limit') === '100')).toBe(true);
    expect(result.document.people.map((p) => p.id)).toEqual(['ann-lee', 'ben', 'cyd', 'dan', 'eve', 'fay', 'gus', 'hal', 'ivy', 'xan-doe']);
    expect(result.document.teams.map((t) => [t.id, t.members])).toEqual([
      ['platform', ['ann-lee', 'ben', 'cyd', 'dan', 'eve', 'xan-doe']],
      ['support', ['fay', 'gus', 'hal', 'ivy']],
      ['pagerduty', []],
    ]);
  });

  it('asks each schedule in its own zone over the window, and overrides whole (overflow)', async () => {
    const { fake, setup } = await read(MAIN);
    await setup;
    const detail = fake.requests.find((r) => r.path === '/schedules/PSSUPP1')!;
    expect(Object.fromEntries(detail.query)).toEqual({ since: MAIN.since, until: MAIN.until, time_zone: 'Eastern Time (US & Canada)' });
    const overrides = fake.requests.find((r) => r.path === '/schedules/PSSUPP1/overrides')!;
    expect(Object.fromEntries(overrides.query)).toEqual({ since: MAIN.since, until: MAIN.until, overflow: 'true' });
  });

  it('maps the layers in reverse API order, re-anchored at their first handoff', async () => {
    const { setup } = await read(MAIN);
    const result = await setup;
    const platform = result.document.schedules[0];
    expect(platform).toMatchObject({ id: 'platform-primary', team: 'platform', timezone: 'Europe/Amsterdam' });
    expect(platform.layers).toEqual([
      { id: 'weekly', start: '2027-01-11T09:00', shift: '1w', members: ['ben', 'cyd', 'ann-lee'] },
      {
        id: 'business-hours',
        start: '2027-03-01T09:00',
        shift: '1d',
        members: ['dan', 'eve'],
        restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
      },
    ]);
    expect(result.document.schedules[1]).toMatchObject({
      id: 'support-weekend',
      timezone: 'America/New_York',
      layers: [{ id: 'weekend', start: '2027-01-01T17:00', shift: '1w', members: ['fay', 'gus'], restrictions: [{ from: 'fri 17:00', to: 'mon 09:00' }] }],
      overrides: [
        { person: 'ivy', from: '2027-03-24T20:00:00Z', to: '2027-03-25T02:00:00Z' },
        { person: 'hal', from: '2027-03-27T16:00:00Z', to: '2027-03-28T00:00:00Z' },
      ],
    });
  });

  it('maps escalation policies: delays summed, loops as repeat, a policy without team in the fallback team', async () => {
    const { setup } = await read(MAIN);
    const result = await setup;
    expect(result.document.escalation_policies).toEqual([
      {
        id: 'platform-critical',
        team: 'platform',
        name: 'Platform Critical',
        repeat: 2,
        repeat_after: '45m',
        levels: [{ targets: ['schedule:platform-primary'] }, { targets: ['person:dan', 'schedule:support-weekend'], after: '15m' }],
      },
      { id: 'support-default', team: 'pagerduty', name: 'Support Default', levels: [{ targets: ['person:fay'] }, { targets: ['schedule:support-weekend'], after: '10m' }] },
    ]);
    expect(result.notes).toContain('schedules or policies without a PagerDuty team are in team "pagerduty"');
    expect(result.notes.some((n) => n.includes('Xan Doe (PXAN010) has no e-mail'))).toBe(true);
  });

  it('keeps the vendor final schedule as the truth, mapped to person ids', async () => {
    const { setup } = await read(FOLLOW_THE_SUN);
    const result = await setup;
    expect(result.schedules).toHaveLength(1);
    expect(result.schedules[0].final.slice(0, 2)).toEqual([
      { start: Date.parse('2026-11-24T00:00:00Z'), end: Date.parse('2026-11-24T06:00:00Z'), person: 'kim' },
      { start: Date.parse('2026-11-24T06:00:00Z'), end: Date.parse('2026-11-24T14:00:00Z'), person: 'nia' },
    ]);
    // Highest precedence last. The Americas layer starts inside pat's turn: pat until the next handoff, then the rotation.
    expect(result.document.schedules[0].layers.map((l) => l.id)).toEqual(['asia-pacific', 'europe', 'americas-first-turn', 'americas']);
    expect(result.document.schedules[0].layers.slice(2)).toEqual([
      { id: 'americas-first-turn', start: '2026-11-24T17:30', end: '2026-11-30T00:00', shift: '1w', members: ['pat'], restrictions: [{ from: '14:00', to: '22:00' }] },
      { id: 'americas', start: '2026-11-30T00:00', shift: '1w', members: ['oli', 'pat'], restrictions: [{ from: '14:00', to: '22:00' }] },
    ]);
  });

  it('waits out a 429 (Retry-After) and retries 5xx, then reads everything', async () => {
    const { fake, setup } = await read(MAIN, (f) => {
      f.rateLimitOnce = true;
      f.serverErrors = 2;
    });
    const result = await setup;
    expect(fake.requests.slice(0, 4).map((r) => r.status)).toEqual([429, 503, 503, 200]);
    expect(result.document.schedules).toHaveLength(2);
  });

  it('refuses a wrong token in one line that does not contain it', async () => {
    const { setup } = await read(MAIN, () => {}, 'wrong-token-value');
    const error = await setup.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^PagerDuty refused the token \(401: .*Unauthorized.*\); check PAGERDUTY_TOKEN/);
    expect((error as Error).message).not.toContain('wrong-token-value');
  });
});

describe('PagerDuty pagination', () => {
  /** A server answering every page with `page(offset)`; returns a client for it and the offsets asked. */
  async function paging(page: (offset: number) => object) {
    const asked: number[] = [];
    const server = http.createServer((req, res) => {
      const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('offset'));
      asked.push(offset);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(page(offset)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { client: new VendorHttp('pagerduty', url, 'Token token=t', 't'), asked, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('stops a listing that never ends at MAX_PAGES, naming it', async () => {
    const { client, asked, close } = await paging((offset) => ({ users: [{ id: `P${offset}` }], limit: 100, offset, more: true, total: null }));
    try {
      await expect(listAll(client, 'users', 'users')).rejects.toThrow(new RuntimeFailure(`PagerDuty's users listing (users) went on for more than ${MAX_PAGES} pages; stopped`));
      expect(asked).toHaveLength(MAX_PAGES);
      expect(asked.slice(0, 3)).toEqual([0, 1, 2]);
    } finally {
      await close();
    }
  });

  it('refuses `more` with an empty page instead of asking for it again', async () => {
    const { client, asked, close } = await paging((offset) => ({ teams: [], limit: 100, offset, more: true, total: null }));
    try {
      await expect(listAll(client, 'teams', 'teams')).rejects.toThrow('PagerDuty said there are more teams after offset 0 but sent none');
      expect(asked).toEqual([0]);
    } finally {
      await close();
    }
  });
});
