// A fake Grafana OnCall public API on 127.0.0.1 for the import tests. It serves the shapes
// of docs/sources/oncall-api-reference (grafana/oncall): `Authorization: <token>` (the raw
// token; anything else is 401 {"detail":"Invalid token."}), listings paginated with
// `count`, `next`/`previous` (full URLs with ?page=N), `results`, `page_size`,
// `current_page_number`, `total_pages`, and `final_shifts` truncated to the asked period.
//
// The final shifts below are written out by hand, interval by interval, from what Grafana's
// documentation says the shifts render to (see docs/import-grafana.md): nothing here
// computes them, so verification can catch a mapping bug.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN = 'glsa_fakeGrafanaOnCallToken_9f8e7d6c';

/** The verification window the fixtures are written for: it holds Europe's 2027-03-28 change. */
export const FROM = '2027-03-22T00:00:00Z';
export const TO = '2027-04-05T00:00:00Z';

const user = (id: string, name: string, email: string, teams: string[], timezone = 'UTC') => ({
  id, grafana_id: Number(id.slice(1)), email, slack: [], username: name, role: 'user', timezone, teams,
});

export const USERS = [
  user('U1', 'ann', 'ann@example.com', ['T1'], 'Europe/Berlin'),
  user('U2', 'ben', 'Ben.Ng@example.com', ['T1', 'T2'], 'America/New_York'),
  user('U3', 'cyd', 'cyd@example.com', ['T1', 'T2'], 'Europe/Berlin'),
  user('U4', 'dan', 'dan@example.com', ['T1']),
  user('U5', 'eve', 'eve@example.com', ['T1', 'T2'], 'America/New_York'),
  user('U6', 'fay', 'fay@example.com', ['T1', 'T2']),
  user('U7', 'gus', '', ['T1']),
  user('U8', 'hal', 'hal@example.com', ['T2'], 'Australia/Sydney'),
  user('U9', 'ivy', 'ivy@example.com', ['T2'], 'America/Los_Angeles'),
];

export const TEAMS = [
  { id: 'T1', grafana_id: 1, name: 'Payments', email: '', avatar_url: '/avatar/1' },
  { id: 'T2', grafana_id: 2, name: 'Platform', email: '', avatar_url: '/avatar/2' },
];

export const SCHEDULES = [
  // Calendar schedule (made through the API): rotations without time_zone use the schedule's.
  { id: 'S1', name: 'Payments primary', type: 'calendar', team_id: 'T1', time_zone: 'Europe/Berlin', on_call_now: [], shifts: ['OA', 'OB', 'OC'], ical_url_overrides: null, enable_web_overrides: true, slack: { channel_id: null, user_group_id: null } },
  // Web schedule (made in the UI): its shifts carry no time_zone and render in UTC.
  { id: 'S2', name: 'Platform follow-the-sun', type: 'web', team_id: 'T2', time_zone: 'Europe/Berlin', on_call_now: [], shifts: ['OP', 'OE', 'OM'], slack: { channel_id: null, user_group_id: null } },
  { id: 'S3', name: 'Platform secondary', type: 'calendar', team_id: 'T2', time_zone: 'America/New_York', on_call_now: [], shifts: ['OR', 'OH'], ical_url_overrides: null, enable_web_overrides: false, slack: { channel_id: null, user_group_id: null } },
  { id: 'S4', name: 'Legacy iCal', type: 'ical', team_id: null, ical_url_primary: 'https://calendar.example.com/legacy.ics', ical_url_overrides: null, on_call_now: [], slack: { channel_id: null, user_group_id: null } },
];

export const SHIFTS = [
  // S1: a weekly rotation kept in Berlin time (09:00 before and after the 28 March change),
  // starting from the second group (cyd's turn was before ann's in the list).
  { id: 'OA', name: 'Weekly', type: 'rolling_users', schedule: 'S1', team_id: 'T1', time_zone: 'Europe/Berlin', level: 0, start: '2027-03-01T09:00:00', rotation_start: '2027-03-01T09:00:00', duration: 604800, frequency: 'weekly', interval: 1, until: null, week_start: 'MO', by_day: null, by_month: null, by_monthday: null, rolling_users: [['U3'], ['U1'], ['U2']], start_rotation_from_user_index: 1 },
  // S1: business hours above it, Monday to Friday 09:00-17:00.
  { id: 'OB', name: 'Business hours', type: 'rolling_users', schedule: 'S1', team_id: 'T1', time_zone: null, level: 1, start: '2027-03-01T09:00:00', rotation_start: '2027-03-01T09:00:00', duration: 28800, frequency: 'weekly', interval: 1, until: null, week_start: 'MO', by_day: ['MO', 'TU', 'WE', 'TH', 'FR'], by_month: null, by_monthday: null, rolling_users: [['U4']], start_rotation_from_user_index: 0 },
  // S1: weekends on top, Saturday 00:00 to Monday 00:00, eve and fay week about.
  { id: 'OC', name: 'Weekend', type: 'rolling_users', schedule: 'S1', team_id: 'T1', time_zone: 'Europe/Berlin', level: 2, start: '2027-03-06T00:00:00', rotation_start: '2027-03-06T00:00:00', duration: 172800, frequency: 'weekly', interval: 1, until: null, week_start: 'MO', by_day: ['SA'], by_month: null, by_monthday: null, rolling_users: [['U5'], ['U6']], start_rotation_from_user_index: 0 },
  // S1: overrides made in the UI (attached by `schedule`, not listed in `shifts`; no time_zone:
  // UTC): one inside the window, 12:00-16:00 in Berlin, and one in the past by a user without an e-mail.
  { id: 'OV', name: 'Dentist cover', type: 'override', schedule: 'S1', team_id: 'T1', time_zone: null, start: '2027-03-24T11:00:00', rotation_start: '2027-03-24T11:00:00', duration: 14400, users: ['U6'] },
  { id: 'OG', name: 'Old cover', type: 'override', schedule: 'S1', team_id: 'T1', time_zone: null, start: '2027-02-01T12:00:00', rotation_start: '2027-02-01T12:00:00', duration: 3600, users: ['U7'] },
  // S2: follow-the-sun in UTC, three daily 8-hour rotations made in the web UI.
  { id: 'OP', name: 'APAC', type: 'rolling_users', schedule: 'S2', team_id: 'T2', time_zone: null, level: 0, start: '2027-03-01T00:00:00', rotation_start: '2027-03-01T00:00:00', duration: 28800, frequency: 'daily', interval: 1, until: null, by_day: null, by_month: null, by_monthday: null, rolling_users: [['U8']], start_rotation_from_user_index: 0 },
  { id: 'OE', name: 'EMEA', type: 'rolling_users', schedule: 'S2', team_id: 'T2', time_zone: null, level: 0, start: '2027-03-01T08:00:00', rotation_start: '2027-03-01T08:00:00', duration: 28800, frequency: 'daily', interval: 1, until: null, by_day: null, by_month: null, by_monthday: null, rolling_users: [['U3']], start_rotation_from_user_index: 0 },
  { id: 'OM', name: 'AMER', type: 'rolling_users', schedule: 'S2', team_id: 'T2', time_zone: null, level: 0, start: '2027-03-01T16:00:00', rotation_start: '2027-03-01T16:00:00', duration: 28800, frequency: 'daily', interval: 1, until: null, by_day: null, by_month: null, by_monthday: null, rolling_users: [['U9'], ['U5']], start_rotation_from_user_index: 0 },
  // S3: ben and eve on call together one week, fay the next (New York time); hal covers a day above them.
  { id: 'OR', name: 'Pairs', type: 'rolling_users', schedule: 'S3', team_id: 'T2', time_zone: null, level: 0, start: '2027-03-01T10:00:00', rotation_start: '2027-03-01T10:00:00', duration: 604800, frequency: 'weekly', interval: 1, until: null, week_start: 'MO', by_day: null, by_month: null, by_monthday: null, rolling_users: [['U2', 'U5'], ['U6']], start_rotation_from_user_index: 0 },
  { id: 'OH', name: 'Cover', type: 'single_event', schedule: 'S3', team_id: 'T2', time_zone: null, level: 5, start: '2027-03-30T10:00:00', rotation_start: '2027-03-30T10:00:00', duration: 86400, users: ['U8'] },
];

export const CHAINS = [
  { id: 'F1', name: 'Payments critical', team_id: 'T1' },
  { id: 'F2', name: 'Platform', team_id: 'T2' },
];

export const STEPS = [
  { id: 'E3', escalation_chain_id: 'F1', position: 2, type: 'notify_persons', important: false, persons_to_notify: ['U4', 'U7'] },
  { id: 'E1', escalation_chain_id: 'F1', position: 0, type: 'notify_on_call_from_schedule', important: false, notify_on_call_from_schedule: 'S1' },
  { id: 'E2', escalation_chain_id: 'F1', position: 1, type: 'wait', duration: 900 },
  { id: 'E4', escalation_chain_id: 'F1', position: 3, type: 'notify_team_members', important: false, team_to_notify: 'T1' },
  { id: 'E5', escalation_chain_id: 'F1', position: 4, type: 'wait', duration: 1800 },
  { id: 'E6', escalation_chain_id: 'F1', position: 5, type: 'trigger_webhook', action_to_trigger: 'WH1' },
  { id: 'E8', escalation_chain_id: 'F2', position: 0, type: 'notify_on_call_from_schedule', important: false, notify_on_call_from_schedule: 'S3' },
  { id: 'E9', escalation_chain_id: 'F2', position: 1, type: 'wait', duration: 600 },
  { id: 'E10', escalation_chain_id: 'F2', position: 2, type: 'notify_on_call_from_schedule', important: true, notify_on_call_from_schedule: 'S2' },
];

type Final = [start: string, end: string, user: string];

/** What Grafana renders for each schedule from FROM to TO, written out by hand (UTC). */
export const FINAL: Record<string, Final[]> = {
  // Berlin is UTC+1 until Sunday 28 March 2027 02:00, UTC+2 after: 09:00 is 08:00Z, then 07:00Z.
  S1: [
    ['2027-03-22T00:00:00Z', '2027-03-22T08:00:00Z', 'U3'],
    ['2027-03-22T08:00:00Z', '2027-03-22T16:00:00Z', 'U4'],
    ['2027-03-22T16:00:00Z', '2027-03-23T08:00:00Z', 'U1'],
    ['2027-03-23T08:00:00Z', '2027-03-23T16:00:00Z', 'U4'],
    ['2027-03-23T16:00:00Z', '2027-03-24T08:00:00Z', 'U1'],
    ['2027-03-24T08:00:00Z', '2027-03-24T11:00:00Z', 'U4'],
    ['2027-03-24T11:00:00Z', '2027-03-24T15:00:00Z', 'U6'],
    ['2027-03-24T15:00:00Z', '2027-03-24T16:00:00Z', 'U4'],
    ['2027-03-24T16:00:00Z', '2027-03-25T08:00:00Z', 'U1'],
    ['2027-03-25T08:00:00Z', '2027-03-25T16:00:00Z', 'U4'],
    ['2027-03-25T16:00:00Z', '2027-03-26T08:00:00Z', 'U1'],
    ['2027-03-26T08:00:00Z', '2027-03-26T16:00:00Z', 'U4'],
    ['2027-03-26T16:00:00Z', '2027-03-26T23:00:00Z', 'U1'],
    ['2027-03-26T23:00:00Z', '2027-03-28T22:00:00Z', 'U6'],
    ['2027-03-28T22:00:00Z', '2027-03-29T07:00:00Z', 'U1'],
    ['2027-03-29T07:00:00Z', '2027-03-29T15:00:00Z', 'U4'],
    ['2027-03-29T15:00:00Z', '2027-03-30T07:00:00Z', 'U2'],
    ['2027-03-30T07:00:00Z', '2027-03-30T15:00:00Z', 'U4'],
    ['2027-03-30T15:00:00Z', '2027-03-31T07:00:00Z', 'U2'],
    ['2027-03-31T07:00:00Z', '2027-03-31T15:00:00Z', 'U4'],
    ['2027-03-31T15:00:00Z', '2027-04-01T07:00:00Z', 'U2'],
    ['2027-04-01T07:00:00Z', '2027-04-01T15:00:00Z', 'U4'],
    ['2027-04-01T15:00:00Z', '2027-04-02T07:00:00Z', 'U2'],
    ['2027-04-02T07:00:00Z', '2027-04-02T15:00:00Z', 'U4'],
    ['2027-04-02T15:00:00Z', '2027-04-02T22:00:00Z', 'U2'],
    ['2027-04-02T22:00:00Z', '2027-04-04T22:00:00Z', 'U5'],
    ['2027-04-04T22:00:00Z', '2027-04-05T00:00:00Z', 'U2'],
  ],
  // UTC all along: hal 00-08, cyd 08-16, then ivy and eve by turns (ivy on 1 March).
  S2: [
    ['2027-03-22T00:00:00Z', '2027-03-22T08:00:00Z', 'U8'], ['2027-03-22T08:00:00Z', '2027-03-22T16:00:00Z', 'U3'], ['2027-03-22T16:00:00Z', '2027-03-23T00:00:00Z', 'U5'],
    ['2027-03-23T00:00:00Z', '2027-03-23T08:00:00Z', 'U8'], ['2027-03-23T08:00:00Z', '2027-03-23T16:00:00Z', 'U3'], ['2027-03-23T16:00:00Z', '2027-03-24T00:00:00Z', 'U9'],
    ['2027-03-24T00:00:00Z', '2027-03-24T08:00:00Z', 'U8'], ['2027-03-24T08:00:00Z', '2027-03-24T16:00:00Z', 'U3'], ['2027-03-24T16:00:00Z', '2027-03-25T00:00:00Z', 'U5'],
    ['2027-03-25T00:00:00Z', '2027-03-25T08:00:00Z', 'U8'], ['2027-03-25T08:00:00Z', '2027-03-25T16:00:00Z', 'U3'], ['2027-03-25T16:00:00Z', '2027-03-26T00:00:00Z', 'U9'],
    ['2027-03-26T00:00:00Z', '2027-03-26T08:00:00Z', 'U8'], ['2027-03-26T08:00:00Z', '2027-03-26T16:00:00Z', 'U3'], ['2027-03-26T16:00:00Z', '2027-03-27T00:00:00Z', 'U5'],
    ['2027-03-27T00:00:00Z', '2027-03-27T08:00:00Z', 'U8'], ['2027-03-27T08:00:00Z', '2027-03-27T16:00:00Z', 'U3'], ['2027-03-27T16:00:00Z', '2027-03-28T00:00:00Z', 'U9'],
    ['2027-03-28T00:00:00Z', '2027-03-28T08:00:00Z', 'U8'], ['2027-03-28T08:00:00Z', '2027-03-28T16:00:00Z', 'U3'], ['2027-03-28T16:00:00Z', '2027-03-29T00:00:00Z', 'U5'],
    ['2027-03-29T00:00:00Z', '2027-03-29T08:00:00Z', 'U8'], ['2027-03-29T08:00:00Z', '2027-03-29T16:00:00Z', 'U3'], ['2027-03-29T16:00:00Z', '2027-03-30T00:00:00Z', 'U9'],
    ['2027-03-30T00:00:00Z', '2027-03-30T08:00:00Z', 'U8'], ['2027-03-30T08:00:00Z', '2027-03-30T16:00:00Z', 'U3'], ['2027-03-30T16:00:00Z', '2027-03-31T00:00:00Z', 'U5'],
    ['2027-03-31T00:00:00Z', '2027-03-31T08:00:00Z', 'U8'], ['2027-03-31T08:00:00Z', '2027-03-31T16:00:00Z', 'U3'], ['2027-03-31T16:00:00Z', '2027-04-01T00:00:00Z', 'U9'],
    ['2027-04-01T00:00:00Z', '2027-04-01T08:00:00Z', 'U8'], ['2027-04-01T08:00:00Z', '2027-04-01T16:00:00Z', 'U3'], ['2027-04-01T16:00:00Z', '2027-04-02T00:00:00Z', 'U5'],
    ['2027-04-02T00:00:00Z', '2027-04-02T08:00:00Z', 'U8'], ['2027-04-02T08:00:00Z', '2027-04-02T16:00:00Z', 'U3'], ['2027-04-02T16:00:00Z', '2027-04-03T00:00:00Z', 'U9'],
    ['2027-04-03T00:00:00Z', '2027-04-03T08:00:00Z', 'U8'], ['2027-04-03T08:00:00Z', '2027-04-03T16:00:00Z', 'U3'], ['2027-04-03T16:00:00Z', '2027-04-04T00:00:00Z', 'U5'],
    ['2027-04-04T00:00:00Z', '2027-04-04T08:00:00Z', 'U8'], ['2027-04-04T08:00:00Z', '2027-04-04T16:00:00Z', 'U3'], ['2027-04-04T16:00:00Z', '2027-04-05T00:00:00Z', 'U9'],
  ],
  // New York is UTC-4 from 14 March: 10:00 is 14:00Z. Pairs are both on call; hal's day above them.
  S3: [
    ['2027-03-22T00:00:00Z', '2027-03-22T14:00:00Z', 'U2'],
    ['2027-03-22T00:00:00Z', '2027-03-22T14:00:00Z', 'U5'],
    ['2027-03-22T14:00:00Z', '2027-03-29T14:00:00Z', 'U6'],
    ['2027-03-29T14:00:00Z', '2027-03-30T14:00:00Z', 'U2'],
    ['2027-03-29T14:00:00Z', '2027-03-30T14:00:00Z', 'U5'],
    ['2027-03-30T14:00:00Z', '2027-03-31T14:00:00Z', 'U8'],
    ['2027-03-31T14:00:00Z', '2027-04-05T00:00:00Z', 'U2'],
    ['2027-03-31T14:00:00Z', '2027-04-05T00:00:00Z', 'U5'],
  ],
  S4: [['2027-03-22T00:00:00Z', '2027-03-25T00:00:00Z', 'U3']],
};

export interface FakeOptions {
  /** Items per page of every listing (Grafana's is 50 or 100; small here so pagination happens). */
  pageSize?: number;
  /** Only these schedules (and the shifts and chains that refer to them) exist. */
  schedules?: string[];
  /** The first request is answered 429 with Retry-After: 1. */
  rateLimitOnce?: boolean;
  /** This many requests (after any 429) are answered 502; Infinity: all of them. */
  serverErrors?: number;
  /** More on-call shifts (after the fixtures). */
  extraShifts?: Record<string, unknown>[];
  /** More shift ids listed in a schedule's `shifts`. */
  listIn?: Record<string, string[]>;
  /** The users listing always has a `next` page (a runaway pagination). */
  runawayNext?: boolean;
  /** The users listing's `next` points at another host. */
  foreignNext?: boolean;
  /** Replaces a schedule's rendered final shifts (to make verification disagree on purpose). */
  final?: Record<string, Final[]>;
}

export interface FakeGrafana {
  url: string;
  /** Every request: method, path with query, and the Authorization header it carried. */
  requests: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startFakeGrafana(options: FakeOptions = {}): Promise<FakeGrafana> {
  const pageSize = options.pageSize ?? 3;
  const only = options.schedules ? new Set(options.schedules) : undefined;
  const schedules = SCHEDULES.filter((s) => !only || only.has(s.id)).map((s) => {
    const more = options.listIn?.[s.id];
    return more && 'shifts' in s ? { ...s, shifts: [...(s.shifts ?? []), ...more] } : s;
  });
  const shifts: Record<string, unknown>[] = [...SHIFTS.filter((s) => !only || only.has(s.schedule)), ...(options.extraShifts ?? [])];
  const finals = { ...FINAL, ...options.final };
  const requests: FakeGrafana['requests'] = [];
  let rateLimited = !options.rateLimitOnce;
  let errors = options.serverErrors ?? 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    requests.push({ path: url.pathname + url.search, authorization: req.headers.authorization });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== TOKEN) return send(401, { detail: 'Invalid token.' }, { 'WWW-Authenticate': 'Token' });
    if (!rateLimited) {
      rateLimited = true;
      return send(429, { detail: 'Request was throttled. Expected available in 1 second.' }, { 'Retry-After': '1' });
    }
    if (errors > 0) {
      errors--;
      return send(502, { detail: 'Bad gateway' });
    }
    // Grafana's public API routes with an optional trailing slash.
    const path = url.pathname.replace(/\/$/, '');
    const listing: Record<string, unknown[]> = {
      '/api/v1/users': USERS,
      '/api/v1/teams': TEAMS,
      '/api/v1/schedules': schedules,
      '/api/v1/on_call_shifts': shifts,
      '/api/v1/escalation_chains': CHAINS,
      '/api/v1/escalation_policies': STEPS,
    };
    if (listing[path]) {
      const body = page(url, listing[path], pageSize);
      if (path === '/api/v1/users' && options.runawayNext) body.next = `${url.origin}${url.pathname}?page=${Number(url.searchParams.get('page') ?? 1) + 1}`;
      if (path === '/api/v1/users' && options.foreignNext) body.next = 'https://evil.example.com/api/v1/users/?page=2';
      return send(200, body);
    }
    const final = /^\/api\/v1\/schedules\/([^/]+)\/final_shifts$/.exec(path);
    if (final && schedules.some((s) => s.id === final[1])) {
      const start = parseDate(url.searchParams.get('start_date'));
      const end = parseDate(url.searchParams.get('end_date'));
      if (start === undefined || end === undefined) return send(400, { start_date: ['Datetime has wrong format.'] });
      if (start > end) return send(400, { non_field_errors: ['start_date must be less than or equal to end_date'] });
      if (end - start > 365 * 86_400_000) return send(400, { non_field_errors: ['The difference between start_date and end_date must be less than one year (365 days)'] });
      const results = (finals[final[1]] ?? [])
        .filter(([s, e]) => Date.parse(e) > start && Date.parse(s) < end)
        .map(([s, e, id]) => {
          const u = USERS.find((x) => x.id === id)!;
          // Grafana truncates shifts to the period asked for.
          const clip = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
          return { user_pk: u.id, user_email: u.email, user_username: u.username, shift_start: clip(Math.max(Date.parse(s), start)), shift_end: clip(Math.min(Date.parse(e), end)) };
        });
      return send(200, { count: results.length, next: null, previous: null, results, current_page_number: 1, page_size: 50, total_pages: 1 });
    }
    return send(404, { detail: 'Not found.' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One page as Django REST framework's page-number pagination writes it. */
function page(url: URL, items: unknown[], size: number): { next: string | null } & Record<string, unknown> {
  const total = Math.max(1, Math.ceil(items.length / size));
  const number = Math.min(Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1), total);
  const link = (n: number) => {
    const to = new URL(url);
    if (n === 1) to.searchParams.delete('page');
    else to.searchParams.set('page', String(n));
    return to.toString();
  };
  return {
    count: items.length,
    next: number < total ? link(number + 1) : null,
    previous: number > 1 ? link(number - 1) : null,
    results: items.slice((number - 1) * size, number * size),
    current_page_number: number,
    page_size: size,
    total_pages: total,
  };
}

/** `start_date`/`end_date`: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, in UTC. */
function parseDate(text: string | null): number | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(text)) return undefined;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : `${text}:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
