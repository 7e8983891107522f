// One interface for Google Calendar and Outlook: list the events this tool created for a
// target, and create, update or delete one. Every request is counted, so tests and the
// benchmark can say exactly how many a sync made.

import type { DesiredEvent, RemoteEvent, Window } from '../core/index.js';
import { withRetry, type ProviderError, type RetryOptions } from './retry.js';

export interface CalendarProvider {
  /** Events this tool created for the target, starting inside `window`. */
  list(window: Window): Promise<RemoteEvent[]>;
  create(event: DesiredEvent): Promise<void>;
  update(remoteId: string, event: DesiredEvent): Promise<void>;
  remove(remoteId: string): Promise<void>;
  readonly requests: RequestCounts;
}

export interface RequestCounts {
  read: number;
  write: number;
}

export function newCounts(): RequestCounts {
  return { read: 0, write: 0 };
}

/**
 * Wraps each provider request: counts it, turns the client library's error into a
 * ProviderError, and retries what may be retried.
 */
export function requestCounter(toProviderError: (error: unknown) => ProviderError, retry?: RetryOptions) {
  const requests = newCounts();
  const call = <T>(kind: keyof RequestCounts, request: () => Promise<T>): Promise<T> =>
    withRetry(async () => {
      requests[kind]++;
      try {
        return await request();
      } catch (error) {
        throw toProviderError(error);
      }
    }, retry);
  return { requests, call };
}
