// Reading a vendor's REST API: GET with the vendor's Authorization header, JSON back. Rate
// limits (429, waiting what Retry-After asks) and server errors (5xx) are retried with
// backoff; a refused token (401/403) is the user's to fix (exit 2, nothing written); every
// text the vendor sends back passes through peerText, so the token never reaches output.

import { UserError, RuntimeFailure } from '../errors.js';
import { peerText, Secrets } from '../calendars/scrub.js';
import { classify, parseRetryAfter, ProviderError, withRetry, type RetryOptions } from '../calendars/retry.js';
import { networkReason, unreachable } from '../calendars/unreachable.js';
import { VENDORS, type Vendor } from '../core/vendors.js';

export { VENDORS };


/** One request's time limit, and the most a response may hold. */
const TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 50 * 1024 * 1024;
/** A server asking for a longer pause than this is not waited for: the run fails and says so. */
const LONGEST_WAIT_S = 120;
/** Pages read at most from one listing (a runaway `next` link must end). */
export const MAX_PAGES = 1000;

const RETRY: RetryOptions = {
  attempts: 5,
  baseMs: 250,
  maxMs: 8000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export class VendorHttp {
  private readonly secrets: Secrets;
  readonly label: string;
  private readonly tokenVariable: string;

  constructor(
    vendor: Vendor,
    private readonly baseUrl: string,
    private readonly authorization: string,
    token: string,
    /** Told each request, for a status line ("reading PagerDuty: /schedules"). */
    private readonly onProgress?: (step: string) => void,
  ) {
    ({ label: this.label, tokenVariable: this.tokenVariable } = VENDORS[vendor]);
    this.secrets = new Secrets().add(token, authorization);
  }

  /** GET `pathOrUrl` (a path under the base URL, or a full URL the API gave, such as a `next` link). */
  async get<T = unknown>(pathOrUrl: string, query: Query = {}): Promise<T> {
    const url = this.url(pathOrUrl, query);
    this.onProgress?.(`reading ${this.label}: ${url.pathname}`);
    return withRetry(() => this.once<T>(url), RETRY);
  }

  /** The base URL plus a path, or an absolute URL the API returned (which must stay on its host). */
  url(pathOrUrl: string, query: Query = {}): URL {
    const base = new URL(this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    const url = /^https?:\/\//.test(pathOrUrl) ? new URL(pathOrUrl) : new URL(pathOrUrl.replace(/^\//, ''), base);
    // A pagination link elsewhere would receive the token: refuse it.
    if (url.host !== base.host) throw new RuntimeFailure(`${this.label} sent a link to another host (${peerText(url.host)}); not following it with the token`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
      else url.searchParams.set(key, String(value));
    }
    return url;
  }

  private async once<T>(url: URL): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Authorization: this.authorization, Accept: 'application/json', 'User-Agent': 'oncall-import' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        throw new ProviderError(`${this.label} did not answer within ${TIMEOUT_MS / 1000} s`, undefined, { reason: 'timeout' }, this.secrets);
      }
      throw unreachable(url.host, networkReason(error) ?? peerText((error as Error).message, this.secrets));
    }
    const body = await readBounded(response, this.label);
    if (response.ok) {
      try {
        return JSON.parse(body) as T;
      } catch {
        throw new RuntimeFailure(`${this.label} answered ${url.pathname} with something that is not JSON: ${peerText(body.slice(0, 200), this.secrets)}`);
      }
    }
    const status = response.status;
    const said = peerText(body.slice(0, 500), this.secrets);
    if (status === 401 || status === 403) {
      throw new UserError(`${this.label} refused the token (${status}${said ? `: ${said}` : ''}); check ${this.tokenVariable} and its permissions; nothing was written`);
    }
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (retryAfter !== undefined && retryAfter > LONGEST_WAIT_S) {
      throw new RuntimeFailure(`${this.label} asks to wait ${Math.ceil(retryAfter)} s before the next request (${status}); try again later; nothing was written`);
    }
    const retry = classify(status, undefined, retryAfter);
    if (retry) throw new ProviderError(`${this.label} answered ${status} for ${url.pathname}${said ? `: ${said}` : ''}`, status, retry, this.secrets);
    if (status === 404) throw new UserError(`${this.label} has no ${url.pathname} (404); check --api-url; nothing was written`);
    throw new RuntimeFailure(`${this.label} answered ${status} for ${url.pathname}${said ? `: ${said}` : ''}; nothing was written`);
  }
}

/** The body as text, refusing one larger than MAX_BODY_BYTES before it is read whole. */
async function readBounded(response: Response, label: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) throw new RuntimeFailure(`${label} sent a response of ${declared} bytes, more than ${MAX_BODY_BYTES} allowed`);
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RuntimeFailure(`${label} sent a response larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A retried request that still failed: ProviderError becomes the one-line failure it means. */
export function importFailure(error: unknown): unknown {
  if (error instanceof ProviderError) return new RuntimeFailure(`${error.message}; gave up after ${RETRY.attempts} attempts; nothing was written`);
  return error;
}
