// Google Calendar through @googleapis/calendar (the calendar-only build of googleapis).
// Events carry private extended properties naming the target and the shift, and get an id
// derived from both, so a retried insert that meets 409 finds its own event instead of
// making a duplicate. The API's base URL can point elsewhere (ONCALL_GOOGLE_API_URL): that
// is how the tests run this code against a local fake.

import { createHash } from 'node:crypto';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import type { OAuth2Client } from 'google-auth-library';
import type { DesiredEvent, RemoteEvent, Window } from '../core/index.js';
import { requestCounter, type CalendarProvider } from './provider.js';
import { classify, parseRetryAfter, ProviderError, type RetryOptions } from './retry.js';
import type { Secrets } from './scrub.js';
import { hostOf, networkReason, unreachable } from './unreachable.js';

const TARGET = 'oncallTarget';
const KEY = 'oncallKey';

/** Google's event ids allow a-v and 0-9: lowercase hex of a hash qualifies. */
export function googleEventId(targetId: number, key: string): string {
  return createHash('sha256').update(`${targetId}|${key}`).digest('hex').slice(0, 40);
}

export function googleProvider(
  auth: OAuth2Client,
  calendarId: string,
  targetId: number,
  retry?: RetryOptions,
  rootUrl?: string,
  secrets?: Secrets,
): CalendarProvider {
  const api = calendar({ version: 'v3', auth, retry: false, ...(rootUrl && { rootUrl: rootUrl.replace(/\/?$/, '/') }) });
  const { requests, call } = requestCounter(toProviderError, retry, secrets);

  const body = (event: DesiredEvent): calendar_v3.Schema$Event => ({
    summary: event.summary,
    description: event.description,
    start: { dateTime: new Date(event.start).toISOString() },
    end: { dateTime: new Date(event.end).toISOString() },
    transparency: 'transparent',
    status: 'confirmed',
    extendedProperties: { private: { [TARGET]: String(targetId), [KEY]: event.key } },
  });

  return {
    requests,
    async list(window: Window) {
      const found: RemoteEvent[] = [];
      let pageToken: string | undefined;
      do {
        const page = await call('read', () =>
          api.events.list({
            calendarId,
            privateExtendedProperty: [`${TARGET}=${targetId}`],
            timeMin: new Date(window.start).toISOString(),
            singleEvents: true,
            maxResults: 2500,
            pageToken,
          }),
        );
        for (const item of page.data.items ?? []) {
          const remote = fromGoogle(item);
          if (remote && remote.start < window.end) found.push(remote);
        }
        pageToken = page.data.nextPageToken ?? undefined;
      } while (pageToken);
      return found;
    },
    async create(event) {
      const id = googleEventId(targetId, event.key);
      try {
        await call('write', () => api.events.insert({ calendarId, requestBody: { id, ...body(event) } }));
      } catch (error) {
        if (!(error instanceof ProviderError) || error.status !== 409) throw error;
        // The id exists: an earlier run created it (perhaps a retry whose first answer was
        // lost) or it was deleted (cancelled). Make it what it should be.
        const existing = await call('read', () => api.events.get({ calendarId, eventId: id }));
        const current = fromGoogle(existing.data);
        if (existing.data.status !== 'cancelled' && current && sameEvent(current, event)) return;
        await call('write', () => api.events.update({ calendarId, eventId: id, requestBody: body(event) }));
      }
    },
    async update(remoteId, event) {
      await call('write', () => api.events.update({ calendarId, eventId: remoteId, requestBody: body(event) }));
    },
    async remove(remoteId) {
      try {
        await call('write', () => api.events.delete({ calendarId, eventId: remoteId }));
      } catch (error) {
        // Already gone is what we wanted.
        if (!(error instanceof ProviderError) || (error.status !== 404 && error.status !== 410)) throw error;
      }
    },
  };
}

function fromGoogle(item: calendar_v3.Schema$Event): RemoteEvent | undefined {
  const key = item.extendedProperties?.private?.[KEY];
  if (!item.id || !key || item.status === 'cancelled') return undefined;
  return {
    remoteId: item.id,
    key,
    summary: item.summary ?? '',
    description: item.description ?? '',
    start: Date.parse(item.start?.dateTime ?? ''),
    end: Date.parse(item.end?.dateTime ?? ''),
  };
}

function sameEvent(a: RemoteEvent, b: DesiredEvent): boolean {
  return a.start === b.start && a.end === b.end && a.summary === b.summary && a.description === b.description;
}

interface GaxiosLike {
  message?: string;
  status?: number;
  config?: { url?: string | URL };
  response?: { status?: number; statusText?: string; headers?: unknown; data?: unknown };
}

/** The API's error body, or the token endpoint's (a refresh that failed). */
interface GoogleErrorBody {
  error?: string | { message?: string; errors?: { reason?: string }[] };
  error_description?: string;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  return (headers as Record<string, string | undefined>)[name];
}

function toProviderError(error: unknown, secrets: Secrets): ProviderError {
  const e = error as GaxiosLike;
  const status = e.response?.status ?? e.status;
  if (status === undefined) {
    // The API or, while refreshing the access token, the token endpoint.
    const reason = networkReason(error);
    const message = reason ? unreachable(hostOf(e.config?.url, 'Google'), reason).message : `Google Calendar: network error: ${e.message ?? 'request failed'}`;
    return new ProviderError(message, undefined, { reason: 'network error' }, secrets);
  }
  const retryAfter = parseRetryAfter(header(e.response?.headers, 'retry-after'));
  const data = e.response?.data as GoogleErrorBody | string | undefined;
  const body = typeof data === 'object' && data !== null ? data : undefined;
  if (typeof body?.error === 'string') {
    const said = `${body.error}${body.error_description ? `: ${body.error_description}` : ''}`;
    return new ProviderError(`Google refused the sign-in (${said}); run "oncall calendar connect google" again`, status, classify(status, undefined, retryAfter), secrets);
  }
  const detail = body?.error;
  const reason = detail?.errors?.[0]?.reason;
  // gaxios puts a text body in `message` (its copy in `data` is redacted).
  const text = detail?.message || e.message || e.response?.statusText || 'request failed';
  return new ProviderError(`Google Calendar: ${status}${reason ? ` ${reason}` : ''}: ${text}`, status, classify(status, reason, retryAfter), secrets);
}
