// `oncall calendar sync` end to end against a fake Google Calendar: the real binary and the
// real @googleapis/calendar client, pointed at the fake with ONCALL_GOOGLE_API_URL.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_RETRY } from '../../src/calendars/retry.js';
import { cleanup, writeYaml } from '../cli/helpers.js';
import { acmeWithOverride, calendarSession, GOOGLE_TOKEN, mismatches } from './cli.js';
import { backendError, forbidden, quotaExceeded, rateLimited, startFakeGoogle, type FakeGoogle, type GoogleEvent } from './fake-google.js';

let google: FakeGoogle;
beforeEach(async () => {
  google = await startFakeGoogle(GOOGLE_TOKEN);
});
afterEach(async () => {
  await google.close();
  cleanup();
});

const keyOf = (e: GoogleEvent) => e.extendedProperties?.private?.oncallKey ?? '';
const view = (e: GoogleEvent) => ({ id: e.id, key: keyOf(e), person: keyOf(e).split('|')[1], start: Date.parse(e.start.dateTime!), end: Date.parse(e.end.dateTime!) });
const events = (calendar = 'primary') => google.live(calendar).map(view);
const methods = () => google.writes().map((r) => r.method).sort();
/** The shift keys a set of write requests touched (POST: from the body; PUT/DELETE: the event in the path). */
const touched = (method: string, calendar = 'primary') =>
  google
    .writes()
    .filter((r) => r.method === method)
    .map((r) => (method === 'POST' ? r.body.extendedProperties.private.oncallKey : keyOf(google.calendar(calendar).get(r.path.split('/').pop()!)!)))
    .sort();

// erin covers carol's night of 1–2 December (20:00–06:00 Berlin = 19:00–05:00 UTC).
const DENTIST = ['      - person: erin', '        from: 2026-12-01T20:00', '        to: 2026-12-02T06:00', '        replaces: carol', '        reason: dentist', ''].join('\n');

async function synced() {
  const s = await calendarSession({ google: google.url });
  await s.add('google', 'primary');
  await s.must(['calendar', 'sync']);
  return s;
}

describe('calendar sync to Google', () => {
  test('the first sync creates one event per final shift; a second sync changes nothing', async () => {
    const s = await calendarSession({ google: google.url });
    expect(await s.add('google', 'primary')).toBe(1);
    const first = await s.must(['calendar', 'sync']);
    const shifts = await s.shifts();
    expect(shifts.length).toBeGreaterThan(30);
    expect(mismatches(events(), shifts)).toEqual([]);
    expect(first.stdout).toContain(`${shifts.length} created, 0 updated, 0 deleted`);
    expect(methods()).toEqual(shifts.map(() => 'POST'));
    for (const e of google.live()) {
      expect(e.extendedProperties?.private?.oncallTarget).toBe('1');
      expect(e.summary).toMatch(/^On call: .+ — Payments primary$/);
      expect(e.id).toMatch(/^[a-v0-9]{5,1024}$/);
    }
    expect(google.requests.every((r) => r.auth === `Bearer ${GOOGLE_TOKEN}`)).toBe(true);

    google.clearLog();
    google.pageSize = 7; // Google may answer in small pages: the client must follow nextPageToken.
    const second = await s.must(['calendar', 'sync']);
    expect(second.stdout).toContain('0 created, 0 updated, 0 deleted');
    expect(google.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(google.requests.filter((r) => r.query.has('pageToken')).length).toBe(Math.ceil(shifts.length / 7) - 1);
  });

  test('an override changes exactly the affected events; undoing it deletes the shift it added', async () => {
    const s = await synced();
    const before = new Map(events().map((e) => [e.key, e.id]));
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(DENTIST))]);
    google.clearLog();
    await s.must(['calendar', 'sync']);
    expect(methods()).toEqual(['POST', 'POST', 'PUT']);
    expect(touched('PUT')).toEqual(['payments-primary|carol|2026-12-01T16:00:00.000Z']);
    expect(touched('POST')).toEqual(['payments-primary|carol|2026-12-02T05:00:00.000Z', 'payments-primary|erin|2026-12-01T19:00:00.000Z']);
    expect(mismatches(events(), await s.shifts())).toEqual([]);
    const erin = events().find((e) => e.key === 'payments-primary|erin|2026-12-01T19:00:00.000Z')!;
    expect(new Date(erin.end).toISOString()).toBe('2026-12-02T05:00:00.000Z');

    await s.must(['apply', '-f', writeYaml(acmeWithOverride(''))]);
    google.clearLog();
    await s.must(['calendar', 'sync']);
    expect(methods()).toEqual(['DELETE', 'DELETE', 'PUT']);
    expect(touched('DELETE')).toEqual(['payments-primary|carol|2026-12-02T05:00:00.000Z', 'payments-primary|erin|2026-12-01T19:00:00.000Z']);
    expect(mismatches(events(), await s.shifts())).toEqual([]);
    expect(new Map(events().map((e) => [e.key, e.id]))).toEqual(before);

    // The shift comes back: its event id is taken (cancelled), so the sync restores that event.
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(DENTIST))]);
    await s.must(['calendar', 'sync']);
    expect(mismatches(events(), await s.shifts())).toEqual([]);
    expect(google.live().find((e) => e.id === erin.id)?.status).toBe('confirmed');
  });

  test('an override of the shift under way updates its event', async () => {
    const s = await synced();
    const cover = ['      - person: erin', '        from: 2026-11-23T14:00', '        to: 2026-11-23T15:00', '        replaces: dave', ''].join('\n');
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(cover))]);
    google.clearLog();
    await s.must(['calendar', 'sync']);
    expect(touched('PUT')).toEqual(['payments-primary|dave|2026-11-23T08:00:00.000Z']);
    expect(methods()).toEqual(['POST', 'POST', 'PUT']);
    expect(mismatches(events(), await s.shifts())).toEqual([]);
  });

  test('events the tool did not create, and other targets’ events, are never touched', async () => {
    const foreign = google.addEvent('primary', {
      summary: 'Dentist',
      start: { dateTime: '2026-12-01T10:00:00Z' },
      end: { dateTime: '2026-12-01T11:00:00Z' },
    });
    const s = await calendarSession({ google: google.url });
    await s.add('google', 'primary');
    await s.add('google', 'primary', ['--schedule', 'payments-secondary']);
    await s.must(['calendar', 'sync']);
    const secondary = google.live().filter((e) => e.extendedProperties?.private?.oncallTarget === '2');
    expect(secondary.length).toBe((await s.shifts('payments-secondary')).length);
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(DENTIST))]);
    await s.must(['calendar', 'rm', '2']);
    google.clearLog();
    await s.must(['calendar', 'sync']);
    await s.must(['calendar', 'sync']);
    expect(methods()).toEqual(['POST', 'POST', 'PUT']);
    const untouchable = [foreign.id, ...secondary.map((e) => e.id)];
    expect(google.requests.filter((r) => untouchable.some((id) => r.path.endsWith(id)))).toEqual([]);
    expect(google.calendar('primary').get(foreign.id)).toEqual(foreign);
    expect(google.live().filter((e) => e.extendedProperties?.private?.oncallTarget === '2')).toEqual(secondary);
    expect(mismatches(events().filter((e) => e.key.startsWith('payments-primary|')), await s.shifts())).toEqual([]);
  });

  test('a 429 with Retry-After is retried after waiting at least that long', async () => {
    const s = await calendarSession({ google: google.url });
    await s.add('google', 'primary');
    google.failNext(rateLimited(1));
    const r = await s.must(['calendar', 'sync']);
    const [limited, retried] = google.requests;
    expect(limited.status).toBe(429);
    expect(retried.method).toBe('GET');
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(950);
    expect(r.stderr).toMatch(/rate limited \(429\); retry 1 in 1\.0 s/);
    expect(mismatches(events(), await s.shifts())).toEqual([]);
  });

  test('403 rateLimitExceeded and 5xx on writes are retried without duplicates; 403 forbidden is not', async () => {
    const s = await calendarSession({ google: google.url });
    await s.add('google', 'primary');
    google.failNext(quotaExceeded(), backendError(), quotaExceeded());
    await s.must(['calendar', 'sync']);
    expect(google.requests.filter((r) => r.status === 403 || r.status === 500)).toHaveLength(3);
    expect(mismatches(events(), await s.shifts())).toEqual([]);

    await s.must(['apply', '-f', writeYaml(acmeWithOverride(DENTIST))]);
    google.clearLog();
    google.failNext(forbidden());
    const r = await s.run(['calendar', 'sync']);
    expect(r.status).toBe(1);
    expect(google.requests).toHaveLength(1);
    expect((await s.status()).targets[0].lastError).toMatch(/403 forbidden/);
  });

  test('a 500 storm ends in exit 1 with the error recorded, and the next target still syncs', async () => {
    const s = await calendarSession({ google: google.url });
    await s.add('google', 'primary');
    await s.add('google', 'team@example.com');
    google.failAlways(backendError(), (r) => r.path.includes('/calendars/primary/'));
    const r = await s.run(['calendar', 'sync']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/target 1 .*failed: .*500/);
    expect(r.stderr).toContain('1 of 2 targets failed');
    expect(google.requests.filter((q) => q.path.includes('/calendars/primary/'))).toHaveLength(DEFAULT_RETRY.attempts);
    const [broken, healthy] = (await s.status()).targets;
    expect(broken.lastError).toMatch(/500/);
    expect(broken.lastErrorAt).not.toBeNull();
    expect(broken.syncedUntil).toBeNull();
    expect(healthy.lastError).toBeNull();
    expect(healthy.syncedUntil).toBe('2026-12-23T12:00:00Z');
    expect(mismatches(events('team@example.com'), await s.shifts())).toEqual([]);

    google.heal();
    await s.must(['calendar', 'sync']);
    expect((await s.status()).targets[0].lastError).toBeNull();
    expect(mismatches(events(), await s.shifts())).toEqual([]);
  });

  describe('an interrupted sync converges without duplicates', () => {
    const converges = async (s: Awaited<ReturnType<typeof calendarSession>>) => {
      google.heal();
      await s.must(['calendar', 'sync']);
      expect(mismatches(events(), await s.shifts())).toEqual([]);
      expect(new Set(events().map((e) => e.key)).size).toBe(events().length);
      google.clearLog();
      await s.must(['calendar', 'sync']);
      expect(google.writes()).toEqual([]);
    };

    test('the connection drops after 10 writes', async () => {
      const s = await calendarSession({ google: google.url });
      await s.add('google', 'primary');
      google.breakAfterWrites(10, 'hangup');
      expect((await s.run(['calendar', 'sync'])).status).toBe(1);
      expect(events()).toHaveLength(10);
      await converges(s);
    });

    test('the process is killed while a write is under way', async () => {
      const s = await calendarSession({ google: google.url });
      await s.add('google', 'primary');
      google.breakAfterWrites(12, 'hold');
      const running = s.start(['calendar', 'sync']);
      await google.held;
      running.child.kill('SIGKILL');
      await running.done;
      expect(events()).toHaveLength(13);
      await converges(s);
    });

    test('an insert whose answer was lost is retried, meets 409 and keeps the one event', async () => {
      const s = await calendarSession({ google: google.url });
      await s.add('google', 'primary');
      google.breakAfterWrites(3, 'lose-response');
      await s.must(['calendar', 'sync']);
      const statuses = google.requests.map((r) => `${r.method} ${r.status}`);
      expect(statuses.slice(4, 7)).toEqual(['POST hangup', 'POST 409', 'GET 200']);
      await converges(s);
    });
  });

  test('--dry-run prints the plan and makes no changing request', async () => {
    const s = await calendarSession({ google: google.url });
    await s.add('google', 'primary');
    const fresh = await s.must(['calendar', 'sync', '--dry-run']);
    const n = (await s.shifts()).length;
    expect(fresh.stdout).toContain(`would create ${n}, update 0, delete 0`);
    expect(google.writes()).toEqual([]);
    expect((await s.status()).targets[0].lastSync).toBeNull();

    await s.must(['calendar', 'sync']);
    await s.must(['apply', '-f', writeYaml(acmeWithOverride(DENTIST))]);
    google.clearLog();
    const planned = await s.must(['calendar', 'sync', '--dry-run', '--json']);
    expect(JSON.parse(planned.stdout)[0].planned).toEqual({ create: 2, update: 1, delete: 0 });
    expect(google.writes()).toEqual([]);
  });

  test('a person target shows that person’s shifts from every schedule', async () => {
    const s = await calendarSession({ google: google.url });
    await s.add('google', 'primary', ['--person', 'alice']);
    await s.must(['calendar', 'sync']);
    const mine = (await s.shifts('payments-primary')).concat(await s.shifts('payments-secondary')).filter((x) => x.person === 'alice');
    expect(mine.length).toBeGreaterThan(0);
    expect(events().every((e) => e.person === 'alice')).toBe(true);
    expect(events().length).toBe(mine.length);
  });

  test('calendar status names the file credential store and each target’s last sync', async () => {
    const s = await synced();
    const where = path.join(s.dir, 'config', 'oncall', 'credentials.json');
    const text = (await s.must(['calendar', 'status'])).stdout;
    expect(text).toContain(`Tokens: file ${where}`);
    expect(text).toContain('Google: environment');
    expect(text).toMatch(/target 1: google "primary" ← schedule payments-primary\n.*synced until .*\n  last run: \d+ created, 0 updated, 0 deleted/);
    const status = await s.status();
    expect(status.signIn).toEqual({ store: 'file', where, google: 'environment', outlook: 'environment' });
    expect(status.targets[0]).toMatchObject({ lastSync: '2026-11-23T12:00:00Z', syncedUntil: '2026-12-23T12:00:00Z', lastError: null });
    expect(status.targets[0].created).toBe(events().length);

    const bare = { ONCALL_GOOGLE_ACCESS_TOKEN: undefined, ONCALL_GRAPH_ACCESS_TOKEN: undefined };
    expect(JSON.parse((await s.must(['calendar', 'status', '--json'], bare)).stdout).signIn).toMatchObject({ google: 'not connected', outlook: 'not connected' });
    // A missing sign-in fails that target only: recorded, reported, exit 1 (not a bad input).
    const unsigned = await s.run(['calendar', 'sync'], bare);
    expect(unsigned.status).toBe(1);
    expect(unsigned.stdout).toContain('oncall calendar connect google');
    expect((await s.status()).targets[0].lastError).toContain('oncall calendar connect google');
  });

  test('the token never shows in any output, the database or the config folder', async () => {
    const refusedToken = 'ya29.refused-token-55e1d0';
    const s = await calendarSession({ google: google.url });
    await s.add('google', 'primary');
    await s.must(['calendar', 'sync', '--dry-run']);
    google.failNext(rateLimited(0));
    await s.must(['calendar', 'sync', '--json']);
    await s.must(['calendar', 'status']);
    await s.must(['calendar', 'list', '--json']);
    google.failAlways(backendError());
    expect((await s.run(['calendar', 'sync', '--debug'])).status).toBe(1);
    google.heal();
    const refused = await s.run(['calendar', 'sync', '--debug'], { ONCALL_GOOGLE_ACCESS_TOKEN: refusedToken });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/401/);
    expect(google.requests.filter((r) => r.auth === `Bearer ${GOOGLE_TOKEN}`).length).toBeGreaterThan(10);
    const outputs = s.outputs.join('\n');
    for (const secret of [GOOGLE_TOKEN, refusedToken, 'test-google-access-token']) {
      expect(outputs).not.toContain(secret);
      expect(s.dbBytes()).not.toContain(secret);
    }
    expect(fs.existsSync(path.join(s.dir, 'config', 'oncall', 'credentials.json'))).toBe(false);
  });
});
