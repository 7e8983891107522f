// Retrying provider requests (backoff with full jitter, Retry-After, giving up) and the
// core sync plan (what to create, update and delete), without any network.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { planSize, planSync, type DesiredEvent, type RemoteEvent } from '../../src/core/index.js';
import { retryOptions } from '../../src/calendars/connect.js';
import { classify, DEFAULT_RETRY, parseRetryAfter, ProviderError, withRetry, type RetryOptions } from '../../src/calendars/retry.js';

const retryable = (retryAfterSeconds?: number) => new ProviderError('busy', 503, { reason: 'server error (503)', retryAfterSeconds });

/** Options that record the waits instead of sleeping. */
function recorder(overrides: Partial<RetryOptions> = {}) {
  const waits: number[] = [];
  const options: RetryOptions = { attempts: 6, baseMs: 100, maxMs: 1000, sleep: async (ms) => void waits.push(ms), random: () => 0.5, ...overrides };
  return { waits, options };
}

/** A request that fails with these errors, one per call, then answers 'ok'. */
function failing(...errors: Error[]) {
  let calls = 0;
  const request = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return 'ok';
  };
  return { request, calls: () => calls };
}

describe('withRetry', () => {
  test('answers at once when the first try works', async () => {
    const { waits, options } = recorder();
    const r = failing();
    await expect(withRetry(r.request, options)).resolves.toBe('ok');
    expect([r.calls(), waits]).toEqual([1, []]);
  });

  test('backs off exponentially up to maxMs, each wait drawn in [0, ceiling) (full jitter)', async () => {
    const ceilings = [100, 200, 400, 800, 1000];
    const high = recorder({ random: () => 0.999999 });
    await withRetry(failing(...ceilings.map(() => retryable())).request, high.options);
    expect(high.waits).toEqual(ceilings.map((c) => c - 1));
    const low = recorder({ random: () => 0 });
    await withRetry(failing(...ceilings.map(() => retryable())).request, low.options);
    expect(low.waits).toEqual([0, 0, 0, 0, 0]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double({ min: 0, max: 0.9999999, noNaN: true }), { minLength: 5, maxLength: 5 }), async (draws) => {
        let i = 0;
        const { waits, options } = recorder({ random: () => draws[i++] });
        await withRetry(failing(...ceilings.map(() => retryable())).request, options);
        waits.forEach((w, n) => expect(w >= 0 && w < ceilings[n]).toBe(true));
      }),
      { numRuns: 50 },
    );
  });

  test('waits at least what Retry-After asks, and longer when the jitter says so', async () => {
    const asked = recorder({ random: () => 0.5 });
    await withRetry(failing(retryable(2), retryable(0.01)).request, asked.options);
    expect(asked.waits).toEqual([2000, 100]);
  });

  test('gives up after the allowed attempts and throws the last error', async () => {
    const { waits, options } = recorder({ attempts: 4 });
    const errors = [1, 2, 3, 4, 5].map((n) => new ProviderError(`busy ${n}`, 500, { reason: 'server error (500)' }));
    const r = failing(...errors);
    await expect(withRetry(r.request, options)).rejects.toBe(errors[3]);
    expect(r.calls()).toBe(4);
    expect(waits).toHaveLength(3);
  });

  test('throws errors that are not retryable at once', async () => {
    for (const error of [new ProviderError('forbidden', 403, undefined), new Error('a bug')]) {
      const { waits, options } = recorder();
      const r = failing(error);
      await expect(withRetry(r.request, options)).rejects.toBe(error);
      expect([r.calls(), waits]).toEqual([1, []]);
    }
  });

  test('tells onRetry the attempt, the wait and the reason', async () => {
    const seen: unknown[] = [];
    const { options } = recorder({ onRetry: (...args) => seen.push(args) });
    await withRetry(failing(new ProviderError('slow down', 429, { reason: 'rate limited (429)', retryAfterSeconds: 1 })).request, options);
    expect(seen).toEqual([[1, 1000, 'rate limited (429)']]);
  });

  test('the defaults retry a handful of times, and ONCALL_SYNC_RETRY_BASE_MS shortens the base', () => {
    expect(DEFAULT_RETRY.attempts).toBeGreaterThanOrEqual(3);
    expect(DEFAULT_RETRY.maxMs).toBeGreaterThanOrEqual(DEFAULT_RETRY.baseMs);
    const log = () => {};
    expect(retryOptions({ ONCALL_SYNC_RETRY_BASE_MS: '5' }, log).baseMs).toBe(5);
    expect(retryOptions({}, log).baseMs).toBe(DEFAULT_RETRY.baseMs);
    expect(retryOptions({ ONCALL_SYNC_RETRY_BASE_MS: 'soon' }, log).baseMs).toBe(DEFAULT_RETRY.baseMs);
    expect(retryOptions({ ONCALL_SYNC_RETRY_BASE_MS: '-1' }, log).baseMs).toBe(DEFAULT_RETRY.baseMs);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  test.each([
    ['120', 120],
    ['0', 0],
    ['1.5', 1.5],
    ['-3', 0],
    ['Mon, 23 Nov 2026 12:00:30 GMT', 30],
    ['Mon, 23 Nov 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%j → %j seconds', (header, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });
});

describe('classify', () => {
  test.each([
    [429, undefined, 'rate limited (429)'],
    [403, 'rateLimitExceeded', 'rate limited (403 rateLimitExceeded)'],
    [403, 'userRateLimitExceeded', 'rate limited (403 userRateLimitExceeded)'],
    [500, undefined, 'server error (500)'],
    [502, 'backendError', 'server error (502)'],
    [503, undefined, 'server error (503)'],
  ])('%s %s is retried', (status, reason, text) => {
    expect(classify(status, reason, 7)).toEqual({ reason: text, retryAfterSeconds: 7 });
  });
  test.each([
    [403, 'forbidden'],
    [403, undefined],
    [400, 'invalid'],
    [401, 'authError'],
    [404, 'notFound'],
    [409, 'duplicate'],
    [410, 'deleted'],
    [undefined, undefined],
  ])('%s %s is not retried', (status, reason) => {
    expect(classify(status, reason)).toBeUndefined();
  });
});

describe('planSync', () => {
  const ev = (key: string, start: number, extra: Partial<DesiredEvent> = {}): DesiredEvent => ({
    key,
    summary: `On call: ${key}`,
    description: 'Source: layer',
    start,
    end: start + 10,
    ...extra,
  });
  const remote = (e: DesiredEvent, remoteId = `r-${e.key}`): RemoteEvent => ({ ...e, remoteId });

  test('creates what is missing, updates what changed, deletes what is no longer wanted', () => {
    const desired = [ev('a', 0), ev('b', 10), ev('c', 20), ev('d', 30), ev('e', 40), ev('f', 50)];
    const existing = [
      remote(ev('a', 0)),
      remote(ev('b', 10, { end: 15 })),
      remote(ev('c', 20, { summary: 'old name' })),
      remote(ev('d', 30, { description: 'old source' })),
      remote(ev('e', 41)),
      remote(ev('gone', 99)),
    ];
    const plan = planSync(desired, existing);
    expect(plan.create).toEqual([ev('f', 50)]);
    expect(plan.update).toEqual(['b', 'c', 'd', 'e'].map((k, i) => ({ remoteId: `r-${k}`, event: desired[i + 1] })));
    expect(plan.delete).toEqual([remote(ev('gone', 99))]);
    expect(planSize(plan)).toBe(6);
  });

  test('nothing to do when the calendar already shows the shifts', () => {
    const desired = [ev('a', 0), ev('b', 10)];
    const plan = planSync(desired, desired.map((e) => remote(e)));
    expect(plan).toEqual({ create: [], update: [], delete: [] });
    expect(planSize(plan)).toBe(0);
  });

  test('two remote events for one shift (an interrupted run): one is kept, the other deleted', () => {
    const plan = planSync([ev('a', 0, { end: 20 })], [remote(ev('a', 0), 'first'), remote(ev('a', 0), 'second')]);
    expect(plan.delete.map((e) => e.remoteId)).toEqual(['second']);
    expect(plan.update).toEqual([{ remoteId: 'first', event: ev('a', 0, { end: 20 }) }]);
    expect(plan.create).toEqual([]);
  });

  test('carrying out a plan makes the calendar match, and planning again finds nothing', () => {
    const event = fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      summary: fc.constantFrom('x', 'y'),
      description: fc.constantFrom('p', 'q'),
      start: fc.integer({ min: 0, max: 3 }),
      end: fc.integer({ min: 4, max: 6 }),
    });
    const unique = (events: DesiredEvent[]) => [...new Map(events.map((e) => [e.key, e])).values()];
    fc.assert(
      fc.property(fc.array(event, { maxLength: 6 }), fc.array(event, { maxLength: 8 }), (wantedRaw, there) => {
        const desired = unique(wantedRaw);
        const calendar = new Map<string, RemoteEvent>(there.map((e, i) => [`id${i}`, { ...e, remoteId: `id${i}` }]));
        const plan = planSync(desired, [...calendar.values()]);
        for (const e of plan.delete) calendar.delete(e.remoteId);
        for (const { remoteId, event: e } of plan.update) calendar.set(remoteId, { ...e, remoteId });
        plan.create.forEach((e, i) => calendar.set(`new${i}`, { ...e, remoteId: `new${i}` }));
        const shown = [...calendar.values()].map(({ remoteId: _id, ...e }) => e);
        const byKey = (a: DesiredEvent, b: DesiredEvent) => a.key.localeCompare(b.key);
        expect(shown.sort(byKey)).toEqual([...desired].sort(byKey));
        expect(planSize(planSync(desired, [...calendar.values()]))).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
