// Retrying provider requests: rate limits (429, and Google's 403 rateLimitExceeded /
// userRateLimitExceeded) and server errors (5xx) are retried with exponential backoff and
// full jitter, waiting at least what Retry-After asks; anything else fails at once.

import { peerText, type Secrets } from './scrub.js';

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (attempt: number, waitMs: number, reason: string) => void;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 6,
  baseMs: 500,
  maxMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** What a provider error says about retrying; `undefined` means: do not retry. */
export interface Retryable {
  reason: string;
  /** Seconds the server asked us to wait, if it said. */
  retryAfterSeconds?: number;
}

/**
 * A failed provider request, as this tool reports and records it. Its message is always
 * passed through `peerText` (the provider's words may echo a token): built here, nowhere
 * else, so no provider text reaches the output or the database unscrubbed.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retry: Retryable | undefined,
    secrets?: Secrets,
  ) {
    super(peerText(message, secrets));
    this.name = 'ProviderError';
  }
}

export async function withRetry<T>(request: () => Promise<T>, options: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const retry = error instanceof ProviderError ? error.retry : undefined;
      if (!retry || attempt >= options.attempts) throw error;
      const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1));
      const jittered = Math.floor(options.random() * ceiling);
      const asked = (retry.retryAfterSeconds ?? 0) * 1000;
      const wait = Math.max(jittered, asked);
      options.onRetry?.(attempt, wait, retry.reason);
      await options.sleep(wait);
    }
  }
}

/** Reads a Retry-After header: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** Whether an HTTP status (and Google's error reason) should be retried. */
export function classify(status: number | undefined, reason: string | undefined, retryAfter?: number): Retryable | undefined {
  if (status === 429) return { reason: 'rate limited (429)', retryAfterSeconds: retryAfter };
  if (status === 403 && (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded')) {
    return { reason: `rate limited (403 ${reason})`, retryAfterSeconds: retryAfter };
  }
  if (status !== undefined && status >= 500) return { reason: `server error (${status})`, retryAfterSeconds: retryAfter };
  return undefined;
}
