// A fake Microsoft Graph (v1.0 calendar events), enough for what
// @microsoft/microsoft-graph-client calls in `oncall calendar sync`: create (single-value
// extended properties kept, a repeated transactionId answered with the existing event),
// list with the one `$filter`/`$expand` form on extended properties, `$top` and
// `@odata.nextLink` paging, PATCH and DELETE. Point the client at it with
// ONCALL_GRAPH_API_URL=<fake.url>.

import { randomBytes } from 'node:crypto';
import { FakeServer, type Reply, type Tls } from './fake-http.js';

export interface GraphEvent {
  id: string;
  calendar: string;
  subject?: string;
  body?: { contentType?: string; content?: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  transactionId?: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
  [field: string]: unknown;
}

export const graphError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  headers,
  body: { error: { code, message, innerError: { 'request-id': 'fake', date: new Date().toISOString() } } },
});
export const throttled = (retryAfterSeconds: number): Reply =>
  graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': String(retryAfterSeconds) });
export const unavailable = (): Reply => graphError(503, 'ServiceNotAvailable', 'Service unavailable');
export const internal = (): Reply => graphError(500, 'InternalServerError', 'Internal server error');
const notFound = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

const FILTER = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '(.+?)' and ep\/value eq '(.*)'\)$/;
const EXPAND = /^singleValueExtendedProperties\(\$filter=id eq '(.+?)'\)$/;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** Graph's answer for a date-time: UTC, seven fractional digits, no zone designator. */
const graphTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}.0000000`;

export class FakeGraph extends FakeServer {
  /** Every live event, by id (deleted ones are gone, as in Deleted Items). */
  readonly events = new Map<string, GraphEvent>();
  /** Largest page the fake returns, whatever $top asks. */
  maxPage = 1000;

  constructor(token?: string, tls?: Tls) {
    super((req) => this.handle(req), graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.'), tls);
    this.token = token;
  }

  /** Events of one calendar ("primary" is /me/calendar). */
  live(calendar = 'primary'): GraphEvent[] {
    return [...this.events.values()].filter((e) => e.calendar === calendar);
  }

  /** Adds an event straight into a calendar, as another app or the user would. */
  addEvent(calendar: string, event: Omit<GraphEvent, 'id' | 'calendar'>): GraphEvent {
    const stored = { ...event, id: newId(), calendar } as GraphEvent;
    this.events.set(stored.id, stored);
    return stored;
  }

  private handle(req: { method: string; path: string; query: URLSearchParams; body: any }): Reply {
    const collection = /^\/v1\.0\/me\/(?:calendar|calendars\/([^/]+))\/events$/.exec(req.path);
    if (collection) {
      const calendar = collection[1] ?? 'primary';
      if (req.method === 'GET') return this.list(calendar, req.path, req.query);
      if (req.method === 'POST') return this.create(calendar, req.body);
      return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
    }
    const single = /^\/v1\.0\/me\/events\/([^/]+)$/.exec(req.path);
    if (!single) return graphError(400, 'BadRequest', `Resource not found for the segment '${req.path}'.`);
    const event = this.events.get(single[1]);
    if (!event) return notFound();
    switch (req.method) {
      case 'GET':
        return { status: 200, body: this.out(event, req.query) };
      case 'PATCH': {
        const { singleValueExtendedProperties: props, ...fields } = req.body ?? {};
        const next: GraphEvent = { ...event, ...fields, id: event.id, calendar: event.calendar };
        if (props) next.singleValueExtendedProperties = mergeProps(event.singleValueExtendedProperties ?? [], props);
        const invalid = checkTimes(next);
        if (invalid) return invalid;
        this.events.set(event.id, next);
        return { status: 200, body: this.out(next, new URLSearchParams()) };
      }
      case 'DELETE':
        this.events.delete(event.id);
        return { status: 204 };
      default:
        return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
    }
  }

  private list(calendar: string, path: string, query: URLSearchParams): Reply {
    let events = this.live(calendar);
    const filter = query.get('$filter');
    if (filter !== null) {
      const m = FILTER.exec(filter);
      if (!m) return graphError(400, 'BadRequest', `Invalid filter clause: ${filter}`);
      events = events.filter((e) => e.singleValueExtendedProperties?.some((p) => same(p.id, m[1]) && p.value === m[2]));
    }
    const skip = Number(query.get('$skip') ?? 0);
    const top = Math.min(Number(query.get('$top') ?? 10), this.maxPage);
    if (!Number.isInteger(skip) || skip < 0 || !Number.isInteger(top) || top < 1) {
      return graphError(400, 'BadRequest', 'Invalid $skip or $top.');
    }
    const page = events.slice(skip, skip + top).map((e) => this.out(e, query));
    const body: Record<string, unknown> = { '@odata.context': `${this.url}v1.0/$metadata#users('me')/events`, value: page };
    if (skip + top < events.length) {
      const next = new URLSearchParams(query);
      next.set('$top', String(top));
      next.set('$skip', String(skip + top));
      const search = [...next].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      body['@odata.nextLink'] = `${this.url}${path.slice(1)}?${search}`;
    }
    return { status: 200, body };
  }

  private create(calendar: string, body: any): Reply {
    const invalid = checkTimes(body);
    if (invalid) return invalid;
    const earlier = body.transactionId ? [...this.events.values()].find((e) => e.transactionId === body.transactionId) : undefined;
    if (earlier) return { status: 201, body: this.out(earlier, new URLSearchParams()) };
    const event: GraphEvent = { ...body, id: newId(), calendar, createdDateTime: new Date().toISOString() };
    this.events.set(event.id, event);
    return { status: 201, body: this.out(event, new URLSearchParams()) };
  }

  /** As Graph answers: UTC times, and extended properties only when $expand asks for them. */
  private out(event: GraphEvent, query: URLSearchParams): Record<string, unknown> {
    const { calendar: _calendar, singleValueExtendedProperties: props, ...fields } = event;
    const result: Record<string, unknown> = {
      '@odata.etag': `W/"${event.id.slice(-8)}"`,
      ...fields,
      start: { dateTime: graphTime(utc(event.start)), timeZone: 'UTC' },
      end: { dateTime: graphTime(utc(event.end)), timeZone: 'UTC' },
    };
    const expand = query.get('$expand');
    const m = expand ? EXPAND.exec(expand) : null;
    if (m) {
      const wanted = (props ?? []).filter((p) => same(p.id, m[1]));
      if (wanted.length > 0) result.singleValueExtendedProperties = wanted;
    }
    return result;
  }
}

/** An instant from Graph's {dateTime, timeZone}; the fake accepts UTC only. */
function utc(t: { dateTime?: string; timeZone?: string } | undefined): number {
  if (!t?.dateTime || (t.timeZone ?? 'UTC') !== 'UTC') return NaN;
  return Date.parse(`${t.dateTime.replace(/Z$/, '')}Z`);
}

function checkTimes(body: any): Reply | undefined {
  const start = utc(body?.start);
  const end = utc(body?.end);
  if (Number.isNaN(start) || Number.isNaN(end)) return graphError(400, 'ErrorInvalidRequest', 'start and end need a dateTime in timeZone UTC.');
  if (!(end > start)) return graphError(400, 'ErrorInvalidRequest', 'The end of the event is before its start.');
  return undefined;
}

function mergeProps(old: { id: string; value: string }[], added: { id: string; value: string }[]) {
  return [...old.filter((p) => !added.some((a) => same(a.id, p.id))), ...added];
}

function newId(): string {
  return `AAMkAGI2${randomBytes(24).toString('base64url')}AAA=`;
}

export async function startFakeGraph(token?: string, tls?: Tls): Promise<FakeGraph> {
  return new FakeGraph(token, tls).start();
}
