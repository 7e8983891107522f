// One interface for Google Calendar and Outlook: list the events this tool created for a
// target, and create, update or delete one. Every request is counted, so tests and the
// benchmark can say exactly how many a sync made.

import type { DesiredEvent, RemoteEvent, Window } from '../core/index.js';
import { RuntimeFailure, UserError } from '../errors.js';
import { ProviderError, withRetry, type RetryOptions } from './retry.js';
import { Secrets } from './scrub.js';

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
 * ProviderError (the one place provider errors become ours; `secrets` are what the run
 * holds, to be scrubbed from them), and retries what may be retried. A sign-in failure of
 * our own making passes as it is: retried when the sign-in server was unreachable.
 */
export function requestCounter(
  toProviderError: (error: unknown, secrets: Secrets) => ProviderError,
  retry?: RetryOptions,
  secrets: Secrets = new Secrets(),
) {
  const requests = newCounts();
  const convert = (error: unknown): ProviderError => {
    if (error instanceof ProviderError) return error;
    if (error instanceof RuntimeFailure) return new ProviderError(error.message, undefined, { reason: 'network error' }, secrets);
    if (error instanceof UserError) return new ProviderError(error.message, undefined, undefined, secrets);
    return toProviderError(error, secrets);
  };
  const call = <T>(kind: keyof RequestCounts, request: () => Promise<T>): Promise<T> =>
    withRetry(async () => {
      requests[kind]++;
      try {
        return await request();
      } catch (error) {
        throw convert(error);
      }
    }, retry);
  return { requests, call };
}
