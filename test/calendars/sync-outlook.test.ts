// `oncall calendar sync` end to end against a fake Microsoft Graph: the real binary and the
// real @microsoft/microsoft-graph-client (with oncall's own auth middleware), pointed at the
// fake with ONCALL_GRAPH_API_URL.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_RETRY } from '../../src/calendars/retry.js';
import { KEY_PROPERTY, TARGET_PROPERTY } from '../../src/calendars/outlook.js';
import { cleanup, tempDir, writeYaml } from '../cli/helpers.js';
import { acmeWithOverride, calendarSession, GRAPH_TOKEN, mismatches, type CalendarSession } from './cli.js';
import { selfSignedCert } from './fake-http.js';
import { startFakeGoogle, type FakeGoogle } from './fake-google.js';
import { internal, startFakeGraph, throttled, type FakeGraph, type GraphEvent } from './fake-graph.js';

let graph: FakeGraph;
const others: { close(): Promise<void> }[] = [];
beforeEach(async () => {
  graph = await startFakeGraph(GRAPH_TOKEN);
});
afterEach(async () => {
  await Promise.all([graph, ...others.splice(0)].map((f) => f.close()));
  cleanup();
});

const prop = (e: GraphEvent, id: string) => e.singleValueExtendedProperties?.find((p) => p.id === id)?.value ?? '';
const view = (e: GraphEvent) => ({
  id: e.id,
  key: prop(e, KEY_PROPERTY),
  person: prop(e, KEY_PROPERTY).split('|')[1],
  start: Date.parse(`${e.start.dateTime}Z`),
  end: Date.parse(`${e.end.dateTime}Z`),
});
const events = () => graph.live().map(view);
const methods = () => graph.writes().map((r) => r.method).sort();
const touched = (method: string, keys: Map<string, string>) =>
  graph
    .writes()
    .filter((r) => r.method === method)
    .map((r) => (method === 'POST' ? r.body.singleValueExtendedProperties.find((p: any) => p.id === KEY_PROPERTY).value : keys.get(r.path.split('/').pop()!)))
    .sort();
const DENTIST = ['      - person: erin', '        from: 2026-12-01T20:00', '        to: 2026-12-02T06:00', '        replaces: carol', '        reason: dentist', ''].join('\n');

async function session(days = 30) {
  const s = await calendarSession({ graph: graph.url });
  await s.add('outlook', 'primary', undefined, days);
  return s;
}
/** One event per shift, no two for one shift, and a further sync adds, changes or removes nothing. */
async function converged(s: CalendarSession) {
  expect(mismatches(events(), await s.shifts())).toEqual([]);
  expect(new Set(events().map((e) => e.key)).size).toBe(events().length);
  const count = graph.live().length;
  graph.clearLog();
  await s.must(['calendar', 'sync']);
  expect(graph.writes().filter((r) => r.method !== 'POST')).toEqual([]);
  expect(graph.live()).toHaveLength(count);
}

describe('calendar sync to Outlook', () => {
  test('the first sync creates one event per final shift; a second sync changes nothing', async () => {
    const s = await session();
    await s.must(['calendar', 'sync']);
    const shifts = await s.shifts();
    expect(mismatches(events(), shifts)).toEqual([]);
    const creates = graph.writes();
    expect(creates.map((r) => r.method)).toEqual(shifts.map(() => 'POST'));
    expect(graph.url.startsWith('http://')).toBe(true);
    expect(graph.requests.every((r) => r.auth === `Bearer ${GRAPH_TOKEN}`)).toBe(true);
    for (const { body } of creates) {
      expect(body.transactionId).toMatch(/^[0-9a-f]{32}$/);
      expect(body.singleValueExtendedProperties).toEqual([
        { id: TARGET_PROPERTY, value: '1' },
        { id: KEY_PROPERTY, value: expect.stringMatching(/^payments-primary\|[a-z]+\|2026-/) },
      ]);
      expect(body.body).toEqual({ contentType: 'text', content: expect.stringContaining('Schedule: Payments primary') });
    }
    expect(new Set(creates.map((r) => r.body.transactionId)).size).toBe(creates.length);

    graph.clearLog();
    const second = await s.must(['calendar', 'sync']);
    expect(graph.requests.map((r) => r.method)).toEqual(['GET']);
    expect(second.stdout).toContain('0 created, 0 updated, 0 deleted');
  });

  test('an override changes exactly the affected events; undoing it deletes the shift it added', async () => {
    const s = await session();
    await s.must(['calendar', 'sync']);
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(DENTIST))]);
    const keys = new Map(events().map((e) => [e.id, e.key]));
    graph.clearLog();
    await s.must(['calendar', 'sync']);
    expect(methods()).toEqual(['PATCH', 'POST', 'POST']);
    expect(touched('PATCH', keys)).toEqual(['payments-primary|carol|2026-12-01T16:00:00.000Z']);
    expect(touched('POST', keys)).toEqual(['payments-primary|carol|2026-12-02T05:00:00.000Z', 'payments-primary|erin|2026-12-01T19:00:00.000Z']);
    expect(mismatches(events(), await s.shifts())).toEqual([]);

    await s.must(['apply', '-f', writeYaml(acmeWithOverride(''))]);
    const keys2 = new Map(events().map((e) => [e.id, e.key]));
    graph.clearLog();
    await s.must(['calendar', 'sync']);
    expect(methods()).toEqual(['DELETE', 'DELETE', 'PATCH']);
    expect(touched('DELETE', keys2)).toEqual(['payments-primary|carol|2026-12-02T05:00:00.000Z', 'payments-primary|erin|2026-12-01T19:00:00.000Z']);
    expect(mismatches(events(), await s.shifts())).toEqual([]);
  });

  test('an override of the shift under way updates its event', async () => {
    const s = await session();
    await s.must(['calendar', 'sync']);
    const cover = ['      - person: erin', '        from: 2026-11-23T14:00', '        to: 2026-11-23T15:00', '        replaces: dave', ''].join('\n');
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(cover))]);
    graph.clearLog();
    await s.must(['calendar', 'sync']);
    expect(mismatches(events(), await s.shifts())).toEqual([]);
    expect(methods()).toEqual(['PATCH', 'POST', 'POST']);
  });

  test('an event the tool did not create survives every sync', async () => {
    const foreign = graph.addEvent('primary', {
      subject: 'Dentist',
      start: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-01T11:00:00', timeZone: 'UTC' },
      singleValueExtendedProperties: [{ id: 'String {00020329-0000-0000-c000-000000000046} Name other-app', value: '1' }],
    });
    const s = await session();
    await s.must(['calendar', 'sync']);
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(DENTIST))]);
    await s.must(['calendar', 'sync']);
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(''))]);
    await s.must(['calendar', 'sync']);
    expect(graph.events.get(foreign.id)).toEqual(foreign);
    expect(graph.requests.filter((r) => r.path.includes(foreign.id))).toEqual([]);
  });

  test('a 429 with Retry-After is retried after waiting at least that long', async () => {
    const s = await session();
    graph.failNext(throttled(1));
    const r = await s.must(['calendar', 'sync']);
    const [limited, retried] = graph.requests;
    expect([limited.status, retried.status]).toEqual([429, 200]);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(950);
    expect(r.stderr).toMatch(/rate limited \(429\); retry 1 in 1\.0 s/);
    expect(mismatches(events(), await s.shifts())).toEqual([]);
  });

  test('a 500 storm ends in exit 1 with the error recorded, and a Google target after it still syncs', async () => {
    const google: FakeGoogle = await startFakeGoogle('ya29.other');
    others.push(google);
    const s = await calendarSession({ graph: graph.url, google: google.url }, { ONCALL_GOOGLE_ACCESS_TOKEN: 'ya29.other' });
    await s.add('outlook', 'primary');
    await s.add('google', 'primary');
    graph.failAlways(internal());
    const r = await s.run(['calendar', 'sync']);
    expect(r.status).toBe(1);
    expect(graph.requests).toHaveLength(DEFAULT_RETRY.attempts);
    const [outlook, healthy] = (await s.status()).targets;
    expect(outlook.lastError).toMatch(/Microsoft Graph: 500/);
    expect(healthy.lastError).toBeNull();
    expect(google.live()).toHaveLength((await s.shifts()).length);
  });

  test('a target that cannot sign in is recorded as failed, and the next target still syncs', async () => {
    const s = await calendarSession({ graph: graph.url }, { ONCALL_GOOGLE_ACCESS_TOKEN: undefined });
    await s.add('google', 'primary');
    await s.add('outlook', 'primary');
    const r = await s.run(['calendar', 'sync']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/target 1 .*failed: not signed in to Google/);
    expect(graph.live()).toHaveLength((await s.shifts()).length);
    expect((await s.status()).targets.map((t: any) => t.lastError === null)).toEqual([false, true]);
  });

  describe('an interrupted sync converges without duplicates', () => {
    test('the connection drops after 10 writes', async () => {
      const s = await session();
      graph.breakAfterWrites(10, 'hangup');
      expect((await s.run(['calendar', 'sync'])).status).toBe(1);
      expect(graph.live()).toHaveLength(10);
      graph.heal();
      await s.must(['calendar', 'sync']);
      await converged(s);
    });

    test('the process is killed while a create is under way', async () => {
      const s = await session();
      graph.breakAfterWrites(12, 'hold');
      const running = s.start(['calendar', 'sync']);
      await graph.held;
      running.child.kill('SIGKILL');
      await running.done;
      graph.heal();
      await s.must(['calendar', 'sync']);
      await converged(s);
    });

    test('a create whose answer was lost is retried with the same transactionId', async () => {
      const s = await session();
      graph.breakAfterWrites(3, 'lose-response');
      await s.must(['calendar', 'sync']);
      const [lost, retried] = graph.requests.slice(4, 6);
      expect([lost.status, retried.status]).toEqual(['hangup', 201]);
      expect(retried.body.transactionId).toBe(lost.body.transactionId);
      await converged(s);
    });
  });

  test('--dry-run prints the plan and makes no changing request', async () => {
    const s = await session();
    await s.must(['calendar', 'sync']);
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(DENTIST))]);
    graph.clearLog();
    const r = await s.must(['calendar', 'sync', '--dry-run']);
    expect(r.stdout).toMatch(/target 1 \(outlook calendar "primary" ← schedule payments-primary, 30 days ahead\): would create 2, update 1, delete 0/);
    expect(graph.writes()).toEqual([]);
  });

  describe('many events: the list follows @odata.nextLink', () => {
    test('on a plain-http Graph URL', async () => {
      const s = await session();
      await s.must(['calendar', 'sync']);
      graph.maxPage = 10;
      const r = await s.run(['calendar', 'sync', '--json']);
      expect(r.stdout).toContain('"error": null');
      expect(graph.requests.some((q) => q.query.get('$skip') === '40')).toBe(true);
      await converged(s);
    });

    test('on an https Graph URL', async () => {
      await graph.close();
      const tls = selfSignedCert(tempDir());
      graph = await startFakeGraph(GRAPH_TOKEN, tls);
      const s = await calendarSession({ graph: graph.url }, { NODE_EXTRA_CA_CERTS: tls.certFile });
      await s.add('outlook', 'primary');
      // Node reads NODE_EXTRA_CA_CERTS when a process starts: these syncs need processes of their own.
      await s.mustInProcessOfItsOwn(['calendar', 'sync']);
      graph.maxPage = 10;
      graph.clearLog();
      await s.mustInProcessOfItsOwn(['calendar', 'sync']);
      expect(graph.requests.filter((q) => q.method === 'GET').map((q) => q.query.get('$skip') ?? '0')).toEqual(['0', '10', '20', '30', '40']);
      expect(new Set(events().map((e) => e.key)).size).toBe(events().length);
    });
  });

  test('the token never shows in any output or the database', async () => {
    const s = await session();
    await s.must(['calendar', 'sync', '--dry-run']);
    graph.failNext(throttled(0));
    await s.must(['calendar', 'sync']);
    graph.failAlways(internal());
    expect((await s.run(['calendar', 'sync', '--debug'])).status).toBe(1);
    graph.heal();
    const refused = await s.run(['calendar', 'sync'], { ONCALL_GRAPH_ACCESS_TOKEN: 'eyJ.refused-graph-token-91c' });
    expect(refused.stdout).toMatch(/401 InvalidAuthenticationToken/);
    await s.must(['calendar', 'status', '--json']);
    for (const secret of [GRAPH_TOKEN, 'eyJ.refused-graph-token-91c', 'test-graph-access-token']) {
      expect(s.outputs.join('\n')).not.toContain(secret);
      expect(s.dbBytes()).not.toContain(secret);
    }
  });
});

describe('calendar add and rm refuse bad input (exit 2) and add nothing', () => {
  test.each([
    ['an unknown provider', ['add', '--provider', 'icloud', '--calendar', 'primary', '--schedule', 'payments-primary'], /icloud.*google or outlook/],
    ['both --schedule and --person', ['add', '--provider', 'google', '--calendar', 'primary', '--schedule', 'payments-primary', '--person', 'alice'], /exactly one/],
    ['neither --schedule nor --person', ['add', '--provider', 'google', '--calendar', 'primary'], /exactly one/],
    ['an unknown schedule', ['add', '--provider', 'google', '--calendar', 'primary', '--schedule', 'nope'], /unknown schedule "nope"/],
    ['an unknown person', ['add', '--provider', 'outlook', '--calendar', 'primary', '--person', 'zed'], /unknown person "zed"/],
    ['--days 0', ['add', '--provider', 'google', '--calendar', 'primary', '--schedule', 'payments-primary', '--days', '0'], /--days/],
    ['rm of an unknown id', ['rm', '7'], /unknown target 7/],
    ['rm of a non-number', ['rm', 'first'], /whole number/],
    ['sync of an unknown target', ['sync', '--target', '7'], /unknown target 7/],
  ])('%s', async (_name, args, message) => {
    const s = await calendarSession({ graph: graph.url });
    const r = await s.run(['calendar', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(JSON.parse((await s.must(['calendar', 'list', '--json'])).stdout)).toEqual([]);
    expect(graph.requests).toEqual([]);
  });
});
