// Outlook through @microsoft/microsoft-graph-client. Events carry two single-value extended
// properties (the target, and the shift's key) and every create sends a transactionId
// derived from both, which Graph uses to refuse a duplicate create after a retry. Each request
// carries the bearer token as its own header (no auth middleware), so the client also works
// against a local fake (ONCALL_GRAPH_API_URL), where the built-in auth handler would add none.

import { createHash } from 'node:crypto';
import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { DesiredEvent, RemoteEvent, Window } from '../core/index.js';
import { requestCounter, type CalendarProvider } from './provider.js';
import { classify, parseRetryAfter, ProviderError, type RetryOptions } from './retry.js';
import type { Secrets } from './scrub.js';
import { hostOf, networkReason, unreachable } from './unreachable.js';

// A property set of our own: Graph names single-value extended properties by type, GUID and name.
const SET = '{5f0e9d4a-3b7c-4c52-9a41-6e0c2f8b1d27}';
export const TARGET_PROPERTY = `String ${SET} Name oncallTarget`;
export const KEY_PROPERTY = `String ${SET} Name oncallKey`;

/**
 * The last middleware: sends the request, as the library's HTTPMessageHandler does, but keeps
 * why a connection failed (the library's error would say only "fetch failed").
 */
class Send implements Middleware {
  constructor(private readonly host: string) {}
  async execute(context: Context): Promise<void> {
    try {
      context.response = await fetch(context.request, context.options as RequestInit);
    } catch (error) {
      throw new Error(unreachable(this.host, networkReason(error) ?? 'the request failed').message);
    }
  }
}

export function transactionId(targetId: number, key: string): string {
  return createHash('sha256').update(`oncall|${targetId}|${key}`).digest('hex').slice(0, 32);
}

export function outlookProvider(
  token: () => Promise<string>,
  calendarId: string,
  targetId: number,
  retry?: RetryOptions,
  baseUrl?: string,
  secrets?: Secrets,
): CalendarProvider {
  const root = (baseUrl ?? 'https://graph.microsoft.com/').replace(/\/?$/, '/');
  const client = Client.initWithMiddleware({
    middleware: [new Send(hostOf(root, 'graph.microsoft.com'))],
    ...(baseUrl && { baseUrl: root }),
    defaultVersion: 'v1.0',
  });
  const { requests, call } = requestCounter(toProviderError, retry, secrets);
  // The token is fetched before each request, not in a middleware, so a sign-in failure
  // reaches requestCounter as itself and not wrapped into a GraphError.
  const api = async (path: string) => client.api(path).header('Authorization', `Bearer ${await token()}`);
  const versionRoot = `${root}v1.0`;
  const calendarPath = calendarId === 'primary' ? '/me/calendar' : `/me/calendars/${encodeURIComponent(calendarId)}`;

  const body = (event: DesiredEvent) => ({
    subject: event.summary,
    body: { contentType: 'text', content: event.description },
    start: { dateTime: graphTime(event.start), timeZone: 'UTC' },
    end: { dateTime: graphTime(event.end), timeZone: 'UTC' },
    showAs: 'free',
  });

  return {
    requests,
    async list(window: Window) {
      const found: RemoteEvent[] = [];
      const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${TARGET_PROPERTY}' and ep/value eq '${targetId}')`;
      const expand = `singleValueExtendedProperties($filter=id eq '${KEY_PROPERTY}')`;
      let page = await call('read', async () =>
        (await api(`${calendarPath}/events`))
          .header('Prefer', 'outlook.body-content-type="text"')
          .filter(filter)
          .expand(expand)
          .top(500)
          .get(),
      );
      for (;;) {
        for (const item of page.value ?? []) {
          const remote = fromGraph(item);
          // Like the desired shifts: everything still running after the window's start.
          if (remote && remote.end > window.start && remote.start < window.end) found.push(remote);
        }
        let next: string | undefined = page['@odata.nextLink'];
        if (!next) break;
        // The client strips only https Graph hosts from a full link; do it for any base URL.
        if (next.startsWith(versionRoot)) next = next.slice(versionRoot.length);
        const link = next;
        page = await call('read', async () => (await api(link)).header('Prefer', 'outlook.body-content-type="text"').get());
      }
      return found;
    },
    async create(event) {
      await call('write', async () =>
        (await api(`${calendarPath}/events`)).post({
          ...body(event),
          transactionId: transactionId(targetId, event.key),
          singleValueExtendedProperties: [
            { id: TARGET_PROPERTY, value: String(targetId) },
            { id: KEY_PROPERTY, value: event.key },
          ],
        }),
      );
    },
    async update(remoteId, event) {
      await call('write', async () => (await api(`/me/events/${encodeURIComponent(remoteId)}`)).patch(body(event)));
    },
    async remove(remoteId) {
      try {
        await call('write', async () => (await api(`/me/events/${encodeURIComponent(remoteId)}`)).delete());
      } catch (error) {
        if (!(error instanceof ProviderError) || error.status !== 404) throw error;
      }
    },
  };
}

/** Graph wants a zone-less date-time plus a timeZone field. */
function graphTime(instant: number): string {
  return new Date(instant).toISOString().slice(0, 19);
}

interface GraphItem {
  id?: string;
  subject?: string;
  body?: { content?: string };
  start?: { dateTime?: string };
  end?: { dateTime?: string };
  singleValueExtendedProperties?: { id: string; value: string }[];
}

function fromGraph(item: GraphItem): RemoteEvent | undefined {
  const key = item.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === KEY_PROPERTY.toLowerCase())?.value;
  if (!item.id || !key) return undefined;
  const utc = (text: string | undefined) => Date.parse(`${(text ?? '').slice(0, 19)}Z`);
  return {
    remoteId: item.id,
    key,
    summary: item.subject ?? '',
    // Outlook may hand text back with CRLF line ends; compare what a reader sees.
    description: (item.body?.content ?? '').replace(/\r\n/g, '\n').trim(),
    start: utc(item.start?.dateTime),
    end: utc(item.end?.dateTime),
  };
}

function toProviderError(error: unknown, secrets: Secrets): ProviderError {
  const e = error as { statusCode?: number; code?: string | null; message?: string; headers?: Headers };
  const status = e.statusCode !== undefined && e.statusCode > 0 ? e.statusCode : undefined;
  if (status === undefined) {
    // No answer: Send has already said why, naming the host.
    return new ProviderError(e.message || 'Microsoft Graph: network error', undefined, { reason: 'network error' }, secrets);
  }
  const retryAfter = parseRetryAfter(e.headers?.get?.('retry-after'));
  const message = `Microsoft Graph: ${status}${e.code ? ` ${e.code}` : ''}: ${e.message || 'request failed'}`;
  return new ProviderError(message, status, classify(status, undefined, retryAfter), secrets);
}
