// A fake Google Calendar API v3 (events only), enough for what @googleapis/calendar calls in
// `oncall calendar sync`: list (private extended property filters, timeMin, paging,
// cancelled events hidden unless showDeleted), insert (client-given ids, 409 duplicate),
// get, update, patch and delete (which only marks the event cancelled, as Google does).
// Point the client at it with ONCALL_GOOGLE_API_URL=<fake.url>.

import { randomBytes } from 'node:crypto';
import { FakeServer, type Reply } from './fake-http.js';

export interface GoogleEvent {
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  start: { dateTime?: string; date?: string; timeZone?: string };
  end: { dateTime?: string; date?: string; timeZone?: string };
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  [field: string]: unknown;
}

const PREFIX = '/calendar/v3/calendars/';

export const googleError = (code: number, message: string, reason: string, headers?: Record<string, string>): Reply => ({
  status: code,
  headers,
  body: { error: { code, message, errors: [{ domain: 'global', reason, message }] } },
});
export const rateLimited = (retryAfterSeconds?: number): Reply =>
  googleError(429, 'Rate Limit Exceeded', 'rateLimitExceeded', retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) });
export const quotaExceeded = (): Reply => googleError(403, 'Rate Limit Exceeded', 'rateLimitExceeded');
export const forbidden = (): Reply => googleError(403, 'The caller does not have permission', 'forbidden');
export const backendError = (): Reply => googleError(500, 'Backend Error', 'backendError');

const instant = (t: { dateTime?: string; date?: string } | undefined) => Date.parse(t?.dateTime ?? t?.date ?? '');

export class FakeGoogle extends FakeServer {
  /** calendar id → event id → event (insertion order). */
  readonly calendars = new Map<string, Map<string, GoogleEvent>>();
  /** Largest page the fake returns, whatever maxResults asks (Google may return fewer too). */
  pageSize = 2500;
  /** The calendar's UTC offset, used to write dateTime values back the way Google does. */
  offsetMinutes = 60;
  private etag = 1;

  constructor(token?: string) {
    super((req) => this.handle(req), googleError(401, 'Request had invalid authentication credentials.', 'authError'));
    this.token = token;
  }

  calendar(id: string): Map<string, GoogleEvent> {
    let events = this.calendars.get(id);
    if (!events) this.calendars.set(id, (events = new Map()));
    return events;
  }

  /** Events of a calendar that are not cancelled. */
  live(calendarId = 'primary'): GoogleEvent[] {
    return [...this.calendar(calendarId).values()].filter((e) => e.status !== 'cancelled');
  }

  /** Adds an event straight into the calendar, as another app or the user would. */
  addEvent(calendarId: string, event: Partial<GoogleEvent> & Pick<GoogleEvent, 'start' | 'end'>): GoogleEvent {
    const stored: GoogleEvent = { status: 'confirmed', ...event, id: event.id ?? newId() };
    this.calendar(calendarId).set(stored.id, stored);
    return stored;
  }

  private handle(req: { method: string; path: string; query: URLSearchParams; body: any }): Reply {
    if (!req.path.startsWith(PREFIX)) return googleError(404, 'Not Found', 'notFound');
    const [calendarId, collection, eventId, ...rest] = req.path.slice(PREFIX.length).split('/');
    if (collection !== 'events' || rest.length > 0) return googleError(404, 'Not Found', 'notFound');
    const events = this.calendar(calendarId);
    if (eventId === undefined || eventId === '') {
      if (req.method === 'GET') return this.list(events, req.query);
      if (req.method === 'POST') return this.insert(events, req.body);
      return googleError(405, 'Method not allowed', 'methodNotAllowed');
    }
    const event = events.get(eventId);
    if (!event) return googleError(404, 'Not Found', 'notFound');
    switch (req.method) {
      case 'GET':
        return { status: 200, body: this.out(event) };
      case 'PUT':
      case 'PATCH': {
        const invalid = req.method === 'PUT' ? checkTimes(req.body) : undefined;
        if (invalid) return invalid;
        const next: GoogleEvent =
          req.method === 'PUT'
            ? { ...req.body, id: event.id, status: req.body?.status ?? 'confirmed' }
            : (merge(event, req.body ?? {}) as GoogleEvent);
        next.id = event.id;
        events.set(event.id, this.stamp(next));
        return { status: 200, body: this.out(next) };
      }
      case 'DELETE':
        if (event.status === 'cancelled') return googleError(410, 'Resource has been deleted', 'deleted');
        events.set(event.id, this.stamp({ ...event, status: 'cancelled' }));
        return { status: 204 };
      default:
        return googleError(405, 'Method not allowed', 'methodNotAllowed');
    }
  }

  private list(events: Map<string, GoogleEvent>, query: URLSearchParams): Reply {
    const filters = query.getAll('privateExtendedProperty').map((f) => f.split(/=(.*)/s).slice(0, 2));
    const timeMin = query.has('timeMin') ? Date.parse(query.get('timeMin')!) : undefined;
    const timeMax = query.has('timeMax') ? Date.parse(query.get('timeMax')!) : undefined;
    const showDeleted = query.get('showDeleted') === 'true';
    const matching = [...events.values()].filter(
      (e) =>
        (showDeleted || e.status !== 'cancelled') &&
        filters.every(([k, v]) => e.extendedProperties?.private?.[k] === v) &&
        (timeMin === undefined || instant(e.end) > timeMin) &&
        (timeMax === undefined || instant(e.start) < timeMax),
    );
    const token = query.get('pageToken');
    const offset = token ? Number(token.replace(/^page-/, '')) : 0;
    if (!Number.isInteger(offset) || offset < 0) return googleError(400, 'Invalid page token value.', 'invalid');
    const size = Math.min(this.pageSize, Number(query.get('maxResults') ?? 250), 2500);
    const items = matching.slice(offset, offset + size).map((e) => this.out(e));
    const more = offset + size < matching.length;
    return {
      status: 200,
      body: { kind: 'calendar#events', summary: 'fake', items, ...(more && { nextPageToken: `page-${offset + size}` }) },
    };
  }

  private insert(events: Map<string, GoogleEvent>, body: any): Reply {
    const id: string = body?.id ?? newId();
    if (!/^[a-v0-9]{5,1024}$/.test(id)) return googleError(400, 'Invalid resource id value.', 'invalid');
    if (events.has(id)) return googleError(409, 'The requested identifier already exists.', 'duplicate');
    const invalid = checkTimes(body);
    if (invalid) return invalid;
    const event = this.stamp({ ...body, id, status: body.status ?? 'confirmed' });
    events.set(id, event);
    return { status: 200, body: this.out(event) };
  }

  private stamp(event: GoogleEvent): GoogleEvent {
    return { ...event, etag: `"${this.etag++}"`, updated: new Date().toISOString() };
  }

  /** As Google answers: date-times in the calendar's offset, not as they were sent. */
  private out(event: GoogleEvent): GoogleEvent {
    const zoned = (t: GoogleEvent['start']) => (t.dateTime ? { ...t, dateTime: withOffset(Date.parse(t.dateTime), this.offsetMinutes) } : t);
    return { kind: 'calendar#event', ...event, start: zoned(event.start), end: zoned(event.end) };
  }
}

function checkTimes(body: any): Reply | undefined {
  if (!body?.start || !body?.end) return googleError(400, body?.start ? 'Missing end time.' : 'Missing start time.', 'required');
  if (!(instant(body.end) > instant(body.start))) return googleError(400, 'The specified time range is empty.', 'timeRangeEmpty');
  return undefined;
}

function withOffset(ms: number, minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${new Date(ms + minutes * 60_000).toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}

function merge(base: any, patch: any): any {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out = { ...(typeof base === 'object' && base !== null ? base : {}) };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out;
}

function newId(): string {
  const alphabet = 'abcdefghijklmnopqrstuv0123456789';
  return [...randomBytes(26)].map((b) => alphabet[b % 32]).join('');
}

export async function startFakeGoogle(token?: string): Promise<FakeGoogle> {
  return new FakeGoogle(token).start();
}
