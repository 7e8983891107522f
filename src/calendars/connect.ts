// Building an authorised provider for a sync target, from stored sign-ins or from the
// environment (CI). Everything here loads only for `oncall calendar …`.

import type { CalendarProvider } from './provider.js';
import { openCredentialStore } from './credentials.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry.js';
import { Secrets } from './scrub.js';

/** ONCALL_SYNC_RETRY_BASE_MS shortens the backoff (tests; impatient CI jobs). */
export function retryOptions(env: NodeJS.ProcessEnv, log: (line: string) => void): RetryOptions {
  const base = Number(env.ONCALL_SYNC_RETRY_BASE_MS);
  return {
    ...DEFAULT_RETRY,
    ...(Number.isFinite(base) && base >= 0 && env.ONCALL_SYNC_RETRY_BASE_MS !== undefined && { baseMs: base }),
    onRetry: (attempt, waitMs, reason) => log(`  ${reason}; retry ${attempt} in ${(waitMs / 1000).toFixed(1)} s`),
  };
}

/** Where a sync target writes: all a provider needs of the stored target (calendars does not import storage). */
export interface TargetAddress {
  id: number;
  provider: 'google' | 'outlook';
  calendarId: string;
}

/**
 * The provider for a target. The secrets its sign-in holds (and any it is given while it
 * runs) are collected, so that its errors can never repeat them.
 */
export async function providerFor(target: TargetAddress, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<CalendarProvider> {
  const store = openCredentialStore(env);
  const retry = retryOptions(env, log);
  const secrets = new Secrets();
  if (target.provider === 'google') {
    const [{ googleClient }, { googleProvider }] = await Promise.all([import('./google-auth.js'), import('./google.js')]);
    return googleProvider(googleClient(env, store, secrets), target.calendarId, target.id, retry, env.ONCALL_GOOGLE_API_URL, secrets);
  }
  const [{ outlookToken }, { outlookProvider }] = await Promise.all([import('./outlook-auth.js'), import('./outlook.js')]);
  return outlookProvider(outlookToken(env, store, undefined, secrets), target.calendarId, target.id, retry, env.ONCALL_GRAPH_API_URL, secrets);
}
