// Reading Opsgenie: the final timeline over a window, asked for in steps that follow what
// each answer says it covered, and listings that follow `paging.next` (bounded).

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { VendorHttp, MAX_PAGES } from '../../src/importers/http.js';
import { listAll } from '../../src/importers/opsgenie-api.js';
import { readFinalTimeline } from '../../src/importers/opsgenie-timeline.js';
import { KEY, startFakeOpsgenie, type FakeOpsgenie } from './fake-opsgenie.js';

const PAYMENTS = 'b1e4c0de-0001-4000-8000-00000000a001';
const PRIMARY = 'b1e4c0de-0003-4000-8000-00000000a003';
const client = (url: string) => new VendorHttp('opsgenie', url, `GenieKey ${KEY}`, KEY);
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const who = (r: { type: string; name?: string }) => (r.type === 'user' ? (r.name ?? '').split('@')[0] : `${r.type}:${r.name}`);

let fake: FakeOpsgenie | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server answering every request with `answer(url, count)`. */
async function serve(answer: (url: URL, count: number) => unknown): Promise<string> {
  let count = 0;
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer(url, ++count)));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the final timeline', () => {
  test('a window starting mid-day: the answer starts earlier and is cut at the window; steps follow endDate', async () => {
    fake = await startFakeOpsgenie({ timelineDays: 2 });
    const window = { start: Date.parse('2027-03-26T05:00:00Z'), end: Date.parse('2027-03-29T10:00:00Z') };
    const { entries, types } = await readFinalTimeline(client(fake.url), PAYMENTS, 'Payments_Schedule', window, who);
    const dates = fake.requests.map((r) => new URL(r, 'http://x').searchParams.get('date'));
    // 26 Mar 00:00Z → 28 Mar 00:00Z, then from there → 30 Mar 00:00Z, which covers the end.
    expect(dates).toEqual(['2027-03-26T05:00:00Z', '2027-03-28T00:00:00Z']);
    expect(fake.requests[0]).toContain('interval=5&intervalUnit=days');
    // The fake answered in two pieces; the weekend period comes back as two entries (same person).
    const byStart = [...entries].sort((a, b) => a.start - b.start);
    expect(byStart.map((e) => [iso(e.start), iso(e.end), e.person])).toEqual([
      ['2027-03-26T05:00:00Z', '2027-03-26T08:00:00Z', 'ann.lee'],
      ['2027-03-26T08:00:00Z', '2027-03-26T16:00:00Z', 'ben.okafor'],
      ['2027-03-26T16:00:00Z', '2027-03-28T00:00:00Z', 'ann.lee'],
      ['2027-03-28T00:00:00Z', '2027-03-29T07:00:00Z', 'ann.lee'],
      ['2027-03-29T07:00:00Z', '2027-03-29T10:00:00Z', 'ann.lee'],
    ]);
    expect([...types]).toEqual(['default']);
  });

  test('overridden periods and both people of overlapping rotations come back', async () => {
    fake = await startFakeOpsgenie();
    const window = { start: Date.parse('2027-04-01T12:00:00Z'), end: Date.parse('2027-04-01T18:00:00Z') };
    const { entries, types } = await readFinalTimeline(client(fake.url), PRIMARY, 'Platform_Primary', window, who);
    expect(entries.map((e) => [iso(e.start), iso(e.end), e.person])).toEqual([
      ['2027-04-01T12:00:00Z', '2027-04-01T13:00:00Z', 'dev.rao'],
      ['2027-04-01T13:00:00Z', '2027-04-01T17:00:00Z', 'ben.okafor'],
      ['2027-04-01T17:00:00Z', '2027-04-01T18:00:00Z', 'dev.rao'],
      ['2027-04-01T12:00:00Z', '2027-04-01T13:00:00Z', 'eve.moss'],
      ['2027-04-01T13:00:00Z', '2027-04-01T17:00:00Z', 'ben.okafor'],
      ['2027-04-01T17:00:00Z', '2027-04-01T18:00:00Z', 'eve.moss'],
    ]);
    expect([...types].sort()).toEqual(['default', 'override']);
  });

  test('past periods name their people in flattenedRecipients; a period of nobody is nobody', async () => {
    const url = await serve(() => ({
      data: {
        startDate: '2027-03-22T00:00:00Z',
        endDate: '2027-03-23T00:00:00Z',
        finalTimeline: {
          rotations: [
            {
              name: 'r',
              periods: [
                { startDate: '2027-03-22T00:00:00Z', endDate: '2027-03-22T06:00:00Z', type: 'historical', flattenedRecipients: [{ type: 'user', name: 'ann@example.com' }, { type: 'user', name: 'ben@example.com' }] },
                { startDate: '2027-03-22T06:00:00Z', endDate: '2027-03-23T00:00:00Z', type: 'default', recipient: { type: 'none' } },
              ],
            },
          ],
        },
      },
    }));
    const window = { start: Date.parse('2027-03-22T00:00:00Z'), end: Date.parse('2027-03-23T00:00:00Z') };
    const { entries } = await readFinalTimeline(client(url), 's', 'S', window, (r) => (r.type === 'user' ? r.name!.split('@')[0] : null));
    expect(entries.map((e) => e.person)).toEqual(['ann', 'ben', null]);
  });

  test('an answer that starts after the moment asked for cannot verify that part: a clear failure', async () => {
    const url = await serve(() => ({ data: { startDate: '2027-03-22T06:00:00Z', endDate: '2027-03-29T00:00:00Z', finalTimeline: { rotations: [] } } }));
    const window = { start: Date.parse('2027-03-22T05:00:00Z'), end: Date.parse('2027-03-24T00:00:00Z') };
    await expect(readFinalTimeline(client(url), 's', 'Sched', window, who)).rejects.toThrow(
      `Opsgenie's timeline of "Sched" asked from 2027-03-22T05:00:00Z begins later (2027-03-22T06:00:00Z); cannot verify that part`,
    );
  });

  test('an answer that does not move on ends the reading instead of asking for ever', async () => {
    const url = await serve(() => ({ data: { startDate: '2027-03-22T00:00:00Z', endDate: '2027-03-22T00:00:00Z', finalTimeline: { rotations: [] } } }));
    const window = { start: Date.parse('2027-03-22T00:00:00Z'), end: Date.parse('2027-03-24T00:00:00Z') };
    await expect(readFinalTimeline(client(url), 's', 'Sched', window, who)).rejects.toThrow('ends there (2027-03-22T00:00:00Z); cannot verify the rest');
  });
});

describe('listings', () => {
  test('users: offset/limit pages followed through paging.next until the last page', async () => {
    fake = await startFakeOpsgenie({ pageSize: 2 });
    const users = await listAll<{ username: string }>(client(fake.url), '/v2/users', { limit: 100, offset: 0 }, 'user');
    expect(users.map((u) => u.username)).toEqual(['ann.lee@example.com', 'ben.okafor@example.com', 'cyd.park@example.com', 'dev.rao@example.com', 'eve.moss@example.com', 'fay.wong@example.com', 'gus']);
    expect(fake.requests).toEqual([
      '/v2/users?limit=100&offset=0',
      '/v2/users?limit=2&offset=2&order=asc&sort=username',
      '/v2/users?limit=2&offset=4&order=asc&sort=username',
      '/v2/users?limit=2&offset=6&order=asc&sort=username',
    ]);
  });

  test(`a next link that never ends stops at ${MAX_PAGES} pages with a failure naming the listing`, async () => {
    const url = await serve((u, n) => ({ data: [{ id: n }], paging: { next: `${u.origin}/v2/users?offset=${n}` } }));
    await expect(listAll(client(url), '/v2/users', {}, 'user')).rejects.toThrow(`Opsgenie's user listing goes on past ${MAX_PAGES} pages; stopped reading it`);
  });

  test('an empty page ends the listing even with a next link', async () => {
    const url = await serve((u, n) => ({ data: n === 1 ? [{ id: 1 }] : [], paging: { next: `${u.origin}/v2/teams?offset=${n}` } }));
    expect(await listAll(client(url), '/v2/teams', {}, 'team')).toEqual([{ id: 1 }]);
  });
});
