// A fake Opsgenie REST API v2 on 127.0.0.1 for the importer's tests. Payloads use Opsgenie's
// field names (its OpenAPI definitions, github.com/opsgenie/opsgenie-oas, and the REST docs at
// docs.opsgenie.com): every answer wraps `data` with `took` and `requestId`; users page with
// offset/limit and `paging` links (first, next, last), capped here at `pageSize` per page so
// that the listing takes several pages; schedules come with their rotations (expand=rotation).
//
// The final timelines are written out by hand below as literal intervals: what Opsgenie
// renders for these rotations over 2027-03-22 → 2027-04-05 (Europe's DST change is on
// 2027-03-28, America's on 2027-03-14), worked out on paper from the rotations, NOT computed.
// A timeline request answers from the start of the UTC day of `date`, `interval` days (at
// most `timelineDays`), with the periods inside that span.
//
// Switches: a wrong key (401, as Opsgenie answers), one 429 with Retry-After, 5xx a number
// of times or for ever, the unmappable schedule ("full"), and a timeline that disagrees on
// purpose ("tamper").

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const KEY = 'og-test-key-5f0c9a7e-3b1d-4c55-9e2a-fake-secret';
export const FROM = '2027-03-22T00:00:00Z';
export const TO = '2027-04-05T00:00:00Z';

export interface FakeOptions {
  key?: string;
  /** "mappable": every schedule maps exactly; "full" adds Payments_Secondary and Global_Oncall, which do not. */
  variant?: 'mappable' | 'full';
  /** One follow-the-sun period names the wrong person, so verification must fail. */
  tamper?: boolean;
  /** The first request is answered 429 with Retry-After: 1. */
  rateLimitOnce?: boolean;
  /** The first N requests are answered 503 (Infinity: every request). */
  serverErrors?: number;
  pageSize?: number;
  timelineDays?: number;
}

export interface FakeOpsgenie {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  close: () => Promise<void>;
}

// ---------------------------------------------------------------------------------------
// Users, teams

const user = (id: string, username: string, fullName: string, timeZone: string) => ({
  id,
  username,
  fullName,
  role: { id: 'User', name: 'User' },
  timeZone,
  locale: 'en_US',
  blocked: false,
  verified: true,
  createdAt: '2025-02-03T10:00:00.000Z',
});

const U = {
  ann: user('0a1b6d21-7c1e-4d1b-9c3e-000000000001', 'ann.lee@example.com', 'Ann Lee', 'Europe/Berlin'),
  ben: user('0a1b6d21-7c1e-4d1b-9c3e-000000000002', 'ben.okafor@example.com', 'Ben Okafor', 'Europe/London'),
  cyd: user('0a1b6d21-7c1e-4d1b-9c3e-000000000003', 'cyd.park@example.com', 'Cyd Park', 'Australia/Sydney'),
  dev: user('0a1b6d21-7c1e-4d1b-9c3e-000000000004', 'dev.rao@example.com', 'Dev Rao', 'America/New_York'),
  eve: user('0a1b6d21-7c1e-4d1b-9c3e-000000000005', 'eve.moss@example.com', 'Eve Moss', 'Europe/Berlin'),
  fay: user('0a1b6d21-7c1e-4d1b-9c3e-000000000006', 'fay.wong@example.com', 'Fay Wong', 'Asia/Singapore'),
  // A username that is not an e-mail address: the importer cannot match it.
  gus: user('0a1b6d21-7c1e-4d1b-9c3e-000000000007', 'gus', 'Gus Grant', 'Europe/Berlin'),
};
const USERS = [U.ann, U.ben, U.cyd, U.dev, U.eve, U.fay, U.gus];

type OgUser = (typeof USERS)[number];
/** A user as a participant or an override's user. */
const P = (u: OgUser) => ({ type: 'user', id: u.id, username: u.username });
/** A user as a timeline recipient (Opsgenie names them by username in `name`). */
const R = (u: OgUser) => ({ type: 'user', id: u.id, name: u.username });

const team = (id: string, name: string, description: string, members: [OgUser, string][]) => ({
  id,
  name,
  description,
  members: members.map(([u, role]) => ({ user: { id: u.id, username: u.username }, role })),
});

const TEAMS = [
  team('7d3e1f00-aaaa-4bbb-8ccc-000000000001', 'Payments', 'Payments backend', [[U.ann, 'admin'], [U.ben, 'user'], [U.eve, 'user']]),
  team('7d3e1f00-aaaa-4bbb-8ccc-000000000002', 'Platform', 'Platform and infrastructure', [[U.cyd, 'admin'], [U.dev, 'user'], [U.fay, 'user'], [U.gus, 'user']]),
  team('7d3e1f00-aaaa-4bbb-8ccc-000000000003', 'Support', 'Customer support engineers', [[U.ben, 'user'], [U.fay, 'admin']]),
];
const [PAYMENTS, PLATFORM, SUPPORT] = TEAMS;
const meta = (t: (typeof TEAMS)[number]) => ({ id: t.id, name: t.name });

// ---------------------------------------------------------------------------------------
// Schedules

const weekdays = (startHour: number, endHour: number) =>
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({ startDay: day, startHour, startMin: 0, endDay: day, endHour, endMin: 0 }));
const span = (startDay: string, startHour: number, endDay: string, endHour: number) => ({ startDay, startHour, startMin: 0, endDay, endHour, endMin: 0 });

const S1 = {
  id: 'b1e4c0de-0001-4000-8000-00000000a001',
  name: 'Payments_Schedule',
  description: 'Business hours and nights, Berlin',
  timezone: 'Europe/Berlin',
  enabled: true,
  ownerTeam: meta(PAYMENTS),
  rotations: [
    {
      id: 'r0000001-0000-4000-8000-000000000001',
      name: 'Business hours',
      startDate: '2027-01-04T08:00:00Z',
      type: 'weekly',
      length: 1,
      participants: [P(U.ann), P(U.ben)],
      timeRestriction: { type: 'weekday-and-time-of-day', restrictions: weekdays(9, 17) },
    },
    {
      id: 'r0000001-0000-4000-8000-000000000002',
      name: 'Nights and weekends',
      startDate: '2027-01-04T08:00:00Z',
      type: 'weekly',
      length: 1,
      participants: [P(U.eve), P(U.ben), P(U.ann)],
      timeRestriction: {
        type: 'weekday-and-time-of-day',
        restrictions: [span('monday', 17, 'tuesday', 9), span('tuesday', 17, 'wednesday', 9), span('wednesday', 17, 'thursday', 9), span('thursday', 17, 'friday', 9), span('friday', 17, 'monday', 9)],
      },
    },
  ],
};

const S2 = {
  id: 'b1e4c0de-0002-4000-8000-00000000a002',
  name: 'Platform_FollowTheSun',
  description: 'Three regions, eight hours each',
  timezone: 'Etc/UTC',
  enabled: true,
  ownerTeam: meta(PLATFORM),
  rotations: [
    {
      id: 'r0000002-0000-4000-8000-000000000001',
      name: 'APAC',
      startDate: '2027-01-01T22:00:00Z',
      type: 'daily',
      length: 1,
      participants: [P(U.cyd)],
      timeRestriction: { type: 'time-of-day', restriction: { startHour: 22, startMin: 0, endHour: 6, endMin: 0 } },
    },
    {
      id: 'r0000002-0000-4000-8000-000000000002',
      name: 'EMEA',
      startDate: '2027-01-04T06:00:00Z',
      type: 'weekly',
      length: 1,
      participants: [P(U.fay), P(U.ben)],
      timeRestriction: { type: 'time-of-day', restriction: { startHour: 6, startMin: 0, endHour: 14, endMin: 0 } },
    },
    {
      id: 'r0000002-0000-4000-8000-000000000003',
      name: 'AMER',
      startDate: '2027-01-01T14:00:00Z',
      type: 'daily',
      length: 1,
      participants: [P(U.dev)],
      timeRestriction: { type: 'time-of-day', restriction: { startHour: 14, startMin: 0, endHour: 22, endMin: 0 } },
    },
  ],
};

const S3 = {
  id: 'b1e4c0de-0003-4000-8000-00000000a003',
  name: 'Platform_Primary',
  description: 'Primary with a shadow, New York',
  timezone: 'America/New_York',
  enabled: true,
  ownerTeam: meta(PLATFORM),
  rotations: [
    { id: 'r0000003-0000-4000-8000-000000000001', name: 'Primary', startDate: '2027-01-05T15:00:00Z', type: 'weekly', length: 1, participants: [P(U.dev), P(U.fay)] },
    { id: 'r0000003-0000-4000-8000-000000000002', name: 'Shadow', startDate: '2027-01-05T15:00:00Z', type: 'weekly', length: 1, participants: [P(U.eve), P(U.cyd)] },
  ],
};

const S4 = {
  id: 'b1e4c0de-0004-4000-8000-00000000a004',
  name: 'Payments_Secondary',
  description: 'Days with gaps and a team turn, nights by Ben',
  timezone: 'Europe/Berlin',
  enabled: true,
  ownerTeam: meta(PAYMENTS),
  rotations: [
    {
      id: 'r0000004-0000-4000-8000-000000000001',
      name: 'Days',
      startDate: '2027-01-04T07:00:00Z',
      type: 'daily',
      length: 1,
      participants: [P(U.ann), { type: 'none' }, P(U.eve), { type: 'team', id: PLATFORM.id, name: PLATFORM.name }],
      timeRestriction: { type: 'time-of-day', restriction: { startHour: 8, startMin: 0, endHour: 20, endMin: 0 } },
    },
    {
      id: 'r0000004-0000-4000-8000-000000000002',
      name: 'Nights',
      startDate: '2027-01-04T19:00:00Z',
      type: 'daily',
      length: 1,
      participants: [P(U.ben)],
      timeRestriction: { type: 'time-of-day', restriction: { startHour: 20, startMin: 0, endHour: 8, endMin: 0 } },
    },
  ],
};

const S5 = {
  id: 'b1e4c0de-0005-4000-8000-00000000a005',
  name: 'Old_Schedule',
  description: 'Kept for the record',
  timezone: 'Europe/Berlin',
  enabled: false,
  ownerTeam: meta(SUPPORT),
  rotations: [{ id: 'r0000005-0000-4000-8000-000000000001', name: 'Legacy', startDate: '2026-01-05T08:00:00Z', type: 'weekly', length: 1, participants: [P(U.ben)] }],
};

/** No owner team, a zone name that is a link (US/Eastern), and a participant without e-mail. */
const S6 = {
  id: 'b1e4c0de-0006-4000-8000-00000000a006',
  name: 'Global_Oncall',
  description: 'Owned by nobody',
  timezone: 'US/Eastern',
  enabled: true,
  rotations: [
    { id: 'r0000006-0000-4000-8000-000000000001', name: 'Weekly', startDate: '2027-01-05T15:00:00Z', type: 'weekly', length: 1, participants: [P(U.dev), P(U.gus)] },
  ],
};

const override = (alias: string, who: object, startDate: string, endDate: string, rotations?: { id: string; name: string }[]) => ({
  alias,
  user: who,
  startDate,
  endDate,
  ...(rotations && { rotations }),
});

const OVERRIDES: Record<string, object[]> = {
  [S1.id]: [
    // Ended long before the window: not imported.
    override('new-year', P(U.ben), '2027-01-10T08:00:00Z', '2027-01-11T08:00:00Z'),
    override('ann-dentist', P(U.eve), '2027-03-30T10:00:00Z', '2027-03-30T12:00:00Z'),
  ],
  [S2.id]: [],
  [S3.id]: [override('cover-dev', P(U.ben), '2027-04-01T13:00:00Z', '2027-04-01T17:00:00Z')],
  [S4.id]: [
    override('fay-days', P(U.fay), '2027-03-30T22:00:00Z', '2027-03-31T22:00:00Z', [{ id: S4.rotations[0].id, name: 'Days' }]),
    override('may-day', { type: 'none' }, '2027-05-01T06:00:00Z', '2027-05-02T06:00:00Z'),
  ],
  [S5.id]: [],
  [S6.id]: [],
};

// ---------------------------------------------------------------------------------------
// The final timelines, by hand. Berlin is UTC+1 until 2027-03-28 01:00Z, UTC+2 after;
// New York is UTC-4 throughout the window.

type Period = [rotation: string, start: string, end: string, recipient: object, type?: string];

/**
 * Payments_Schedule. Week k of both rotations starts Monday 09:00 Berlin, k counted from
 * 2027-01-04: 22 Mar is week 11, 29 Mar week 12. Business hours [ann, ben]: week 11 ben,
 * week 12 ann, Mon-Fri 09:00-17:00 (08-16Z, then 07-15Z). Nights and weekends [eve, ben, ann]:
 * week 10 ben (until Mon 22 Mar 09:00), week 11 ann, week 12 eve. The override puts eve on
 * call 30 Mar 10:00-12:00Z (12:00-14:00 Berlin), instead of ann.
 */
const T1: Period[] = [
  ['Nights and weekends', '2027-03-19T16:00:00Z', '2027-03-22T08:00:00Z', R(U.ben)],
  ['Business hours', '2027-03-22T08:00:00Z', '2027-03-22T16:00:00Z', R(U.ben)],
  ['Nights and weekends', '2027-03-22T16:00:00Z', '2027-03-23T08:00:00Z', R(U.ann)],
  ['Business hours', '2027-03-23T08:00:00Z', '2027-03-23T16:00:00Z', R(U.ben)],
  ['Nights and weekends', '2027-03-23T16:00:00Z', '2027-03-24T08:00:00Z', R(U.ann)],
  ['Business hours', '2027-03-24T08:00:00Z', '2027-03-24T16:00:00Z', R(U.ben)],
  ['Nights and weekends', '2027-03-24T16:00:00Z', '2027-03-25T08:00:00Z', R(U.ann)],
  ['Business hours', '2027-03-25T08:00:00Z', '2027-03-25T16:00:00Z', R(U.ben)],
  ['Nights and weekends', '2027-03-25T16:00:00Z', '2027-03-26T08:00:00Z', R(U.ann)],
  ['Business hours', '2027-03-26T08:00:00Z', '2027-03-26T16:00:00Z', R(U.ben)],
  // Friday 17:00 CET to Monday 09:00 CEST: 62 hours, the DST night inside.
  ['Nights and weekends', '2027-03-26T16:00:00Z', '2027-03-29T07:00:00Z', R(U.ann)],
  ['Business hours', '2027-03-29T07:00:00Z', '2027-03-29T15:00:00Z', R(U.ann)],
  ['Nights and weekends', '2027-03-29T15:00:00Z', '2027-03-30T07:00:00Z', R(U.eve)],
  ['Business hours', '2027-03-30T07:00:00Z', '2027-03-30T10:00:00Z', R(U.ann)],
  ['Business hours', '2027-03-30T10:00:00Z', '2027-03-30T12:00:00Z', R(U.eve), 'override'],
  ['Business hours', '2027-03-30T12:00:00Z', '2027-03-30T15:00:00Z', R(U.ann)],
  ['Nights and weekends', '2027-03-30T15:00:00Z', '2027-03-31T07:00:00Z', R(U.eve)],
  ['Business hours', '2027-03-31T07:00:00Z', '2027-03-31T15:00:00Z', R(U.ann)],
  ['Nights and weekends', '2027-03-31T15:00:00Z', '2027-04-01T07:00:00Z', R(U.eve)],
  ['Business hours', '2027-04-01T07:00:00Z', '2027-04-01T15:00:00Z', R(U.ann)],
  ['Nights and weekends', '2027-04-01T15:00:00Z', '2027-04-02T07:00:00Z', R(U.eve)],
  ['Business hours', '2027-04-02T07:00:00Z', '2027-04-02T15:00:00Z', R(U.ann)],
  ['Nights and weekends', '2027-04-02T15:00:00Z', '2027-04-05T07:00:00Z', R(U.eve)],
];

/**
 * Platform_FollowTheSun, in UTC: APAC cyd 22:00-06:00, EMEA 06:00-14:00 weekly from Monday
 * 4 Jan [fay, ben] (week 11 from 22 Mar: ben; week 12 from 29 Mar: fay), AMER dev 14:00-22:00.
 */
const T2: Period[] = [
  ['APAC', '2027-03-21T22:00:00Z', '2027-03-22T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-22T06:00:00Z', '2027-03-22T14:00:00Z', R(U.ben)],
  ['AMER', '2027-03-22T14:00:00Z', '2027-03-22T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-22T22:00:00Z', '2027-03-23T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-23T06:00:00Z', '2027-03-23T14:00:00Z', R(U.ben)],
  ['AMER', '2027-03-23T14:00:00Z', '2027-03-23T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-23T22:00:00Z', '2027-03-24T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-24T06:00:00Z', '2027-03-24T14:00:00Z', R(U.ben)],
  ['AMER', '2027-03-24T14:00:00Z', '2027-03-24T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-24T22:00:00Z', '2027-03-25T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-25T06:00:00Z', '2027-03-25T14:00:00Z', R(U.ben)],
  ['AMER', '2027-03-25T14:00:00Z', '2027-03-25T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-25T22:00:00Z', '2027-03-26T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-26T06:00:00Z', '2027-03-26T14:00:00Z', R(U.ben)],
  ['AMER', '2027-03-26T14:00:00Z', '2027-03-26T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-26T22:00:00Z', '2027-03-27T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-27T06:00:00Z', '2027-03-27T14:00:00Z', R(U.ben)],
  ['AMER', '2027-03-27T14:00:00Z', '2027-03-27T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-27T22:00:00Z', '2027-03-28T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-28T06:00:00Z', '2027-03-28T14:00:00Z', R(U.ben)],
  ['AMER', '2027-03-28T14:00:00Z', '2027-03-28T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-28T22:00:00Z', '2027-03-29T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-29T06:00:00Z', '2027-03-29T14:00:00Z', R(U.fay)],
  ['AMER', '2027-03-29T14:00:00Z', '2027-03-29T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-29T22:00:00Z', '2027-03-30T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-30T06:00:00Z', '2027-03-30T14:00:00Z', R(U.fay)],
  ['AMER', '2027-03-30T14:00:00Z', '2027-03-30T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-30T22:00:00Z', '2027-03-31T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-03-31T06:00:00Z', '2027-03-31T14:00:00Z', R(U.fay)],
  ['AMER', '2027-03-31T14:00:00Z', '2027-03-31T22:00:00Z', R(U.dev)],
  ['APAC', '2027-03-31T22:00:00Z', '2027-04-01T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-04-01T06:00:00Z', '2027-04-01T14:00:00Z', R(U.fay)],
  ['AMER', '2027-04-01T14:00:00Z', '2027-04-01T22:00:00Z', R(U.dev)],
  ['APAC', '2027-04-01T22:00:00Z', '2027-04-02T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-04-02T06:00:00Z', '2027-04-02T14:00:00Z', R(U.fay)],
  ['AMER', '2027-04-02T14:00:00Z', '2027-04-02T22:00:00Z', R(U.dev)],
  ['APAC', '2027-04-02T22:00:00Z', '2027-04-03T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-04-03T06:00:00Z', '2027-04-03T14:00:00Z', R(U.fay)],
  ['AMER', '2027-04-03T14:00:00Z', '2027-04-03T22:00:00Z', R(U.dev)],
  ['APAC', '2027-04-03T22:00:00Z', '2027-04-04T06:00:00Z', R(U.cyd)],
  ['EMEA', '2027-04-04T06:00:00Z', '2027-04-04T14:00:00Z', R(U.fay)],
  ['AMER', '2027-04-04T14:00:00Z', '2027-04-04T22:00:00Z', R(U.dev)],
  ['APAC', '2027-04-04T22:00:00Z', '2027-04-05T06:00:00Z', R(U.cyd)],
];

/** The deliberate mistake of `tamper`: AMER on 31 Mar given to fay instead of dev. */
const T2_TAMPERED: Period[] = T2.map((p) => (p[0] === 'AMER' && p[1] === '2027-03-31T14:00:00Z' ? ['AMER', p[1], p[2], R(U.fay)] : p));

/**
 * Platform_Primary: both rotations weekly from Tuesday 5 Jan 10:00 New York; 16 Mar (14:00Z,
 * after America's DST change) is week 10. Primary [dev, fay]: dev, fay, dev; Shadow
 * [eve, cyd]: eve, cyd, eve. Two people on call at every moment. The override "cover-dev"
 * (all rotations) puts ben alone on call on 1 Apr 13:00-17:00Z.
 */
const T3: Period[] = [
  ['Primary', '2027-03-16T14:00:00Z', '2027-03-23T14:00:00Z', R(U.dev)],
  ['Primary', '2027-03-23T14:00:00Z', '2027-03-30T14:00:00Z', R(U.fay)],
  ['Primary', '2027-03-30T14:00:00Z', '2027-04-01T13:00:00Z', R(U.dev)],
  ['Primary', '2027-04-01T13:00:00Z', '2027-04-01T17:00:00Z', R(U.ben), 'override'],
  ['Primary', '2027-04-01T17:00:00Z', '2027-04-06T14:00:00Z', R(U.dev)],
  ['Shadow', '2027-03-16T14:00:00Z', '2027-03-23T14:00:00Z', R(U.eve)],
  ['Shadow', '2027-03-23T14:00:00Z', '2027-03-30T14:00:00Z', R(U.cyd)],
  ['Shadow', '2027-03-30T14:00:00Z', '2027-04-01T13:00:00Z', R(U.eve)],
  ['Shadow', '2027-04-01T13:00:00Z', '2027-04-01T17:00:00Z', R(U.ben), 'override'],
  ['Shadow', '2027-04-01T17:00:00Z', '2027-04-06T14:00:00Z', R(U.eve)],
];

const TEAM_PLATFORM = { type: 'team', id: PLATFORM.id, name: PLATFORM.name };

/**
 * Payments_Secondary. Days [ann, none, eve, Platform] daily from Monday 4 Jan 08:00 Berlin,
 * 08:00-20:00 (07-19Z, from 28 Mar 06-18Z); 22 Mar is day 77: none, eve, Platform, ann, none,
 * eve, Platform (28 Mar), ann, none, eve (31 Mar, overridden by fay for the Days rotation
 * only), Platform, ann, none, eve. "none" turns have no period. Nights: ben, 20:00-08:00.
 */
const T4: Period[] = [
  ['Nights', '2027-03-21T19:00:00Z', '2027-03-22T07:00:00Z', R(U.ben)],
  ['Nights', '2027-03-22T19:00:00Z', '2027-03-23T07:00:00Z', R(U.ben)],
  ['Days', '2027-03-23T07:00:00Z', '2027-03-23T19:00:00Z', R(U.eve)],
  ['Nights', '2027-03-23T19:00:00Z', '2027-03-24T07:00:00Z', R(U.ben)],
  ['Days', '2027-03-24T07:00:00Z', '2027-03-24T19:00:00Z', TEAM_PLATFORM],
  ['Nights', '2027-03-24T19:00:00Z', '2027-03-25T07:00:00Z', R(U.ben)],
  ['Days', '2027-03-25T07:00:00Z', '2027-03-25T19:00:00Z', R(U.ann)],
  ['Nights', '2027-03-25T19:00:00Z', '2027-03-26T07:00:00Z', R(U.ben)],
  ['Nights', '2027-03-26T19:00:00Z', '2027-03-27T07:00:00Z', R(U.ben)],
  ['Days', '2027-03-27T07:00:00Z', '2027-03-27T19:00:00Z', R(U.eve)],
  ['Nights', '2027-03-27T19:00:00Z', '2027-03-28T06:00:00Z', R(U.ben)],
  ['Days', '2027-03-28T06:00:00Z', '2027-03-28T18:00:00Z', TEAM_PLATFORM],
  ['Nights', '2027-03-28T18:00:00Z', '2027-03-29T06:00:00Z', R(U.ben)],
  ['Days', '2027-03-29T06:00:00Z', '2027-03-29T18:00:00Z', R(U.ann)],
  ['Nights', '2027-03-29T18:00:00Z', '2027-03-30T06:00:00Z', R(U.ben)],
  ['Nights', '2027-03-30T18:00:00Z', '2027-03-31T06:00:00Z', R(U.ben)],
  ['Days', '2027-03-31T06:00:00Z', '2027-03-31T18:00:00Z', R(U.fay), 'override'],
  ['Nights', '2027-03-31T18:00:00Z', '2027-04-01T06:00:00Z', R(U.ben)],
  ['Days', '2027-04-01T06:00:00Z', '2027-04-01T18:00:00Z', TEAM_PLATFORM],
  ['Nights', '2027-04-01T18:00:00Z', '2027-04-02T06:00:00Z', R(U.ben)],
  ['Days', '2027-04-02T06:00:00Z', '2027-04-02T18:00:00Z', R(U.ann)],
  ['Nights', '2027-04-02T18:00:00Z', '2027-04-03T06:00:00Z', R(U.ben)],
  ['Nights', '2027-04-03T18:00:00Z', '2027-04-04T06:00:00Z', R(U.ben)],
  ['Days', '2027-04-04T06:00:00Z', '2027-04-04T18:00:00Z', R(U.eve)],
  ['Nights', '2027-04-04T18:00:00Z', '2027-04-05T06:00:00Z', R(U.ben)],
];

/** Global_Oncall: weekly from Tuesday 5 Jan 10:00 New York [dev, gus]: weeks 10, 11, 12 from 16 Mar. */
const T6: Period[] = [
  ['Weekly', '2027-03-16T14:00:00Z', '2027-03-23T14:00:00Z', R(U.dev)],
  ['Weekly', '2027-03-23T14:00:00Z', '2027-03-30T14:00:00Z', R(U.gus)],
  ['Weekly', '2027-03-30T14:00:00Z', '2027-04-06T14:00:00Z', R(U.dev)],
];

// ---------------------------------------------------------------------------------------
// Escalations

const rule = (delay: number, recipient: object, notifyType = 'default', timeUnit = 'minutes') => ({
  condition: 'if-not-acked',
  notifyType,
  delay: { timeAmount: delay, timeUnit },
  recipient,
});

const ESCALATIONS = [
  {
    id: 'e5ca1a7e-0001-4000-8000-000000000001',
    name: 'Payments_Escalation',
    description: 'Payments alerts',
    ownerTeam: meta(PAYMENTS),
    rules: [
      rule(0, { type: 'schedule', id: S1.id, name: S1.name }),
      rule(15, P(U.ben)),
      rule(30, { type: 'team', id: SUPPORT.id, name: SUPPORT.name }, 'all'),
    ],
    repeat: { waitInterval: 10, count: 2, resetRecipientStates: false, closeAlertAfterAll: false },
  },
  {
    id: 'e5ca1a7e-0002-4000-8000-000000000002',
    name: 'Platform_Escalation',
    description: 'Platform alerts',
    ownerTeam: meta(PLATFORM),
    rules: [
      rule(0, { type: 'schedule', id: S3.id, name: S3.name }),
      rule(10, { type: 'schedule', id: S2.id, name: S2.name }, 'next'),
      rule(20, { type: 'escalation', id: 'e5ca1a7e-0001-4000-8000-000000000001', name: 'Payments_Escalation' }),
      rule(1, P(U.dev), 'default', 'hours'),
    ],
  },
];

// ---------------------------------------------------------------------------------------
// The server

const body = (data: unknown, extra: object = {}) => JSON.stringify({ data, ...extra, took: 0.012, requestId: 'f4c2b1a0-1111-4222-8333-444455556666' });

function timeline(schedule: { id: string; name: string; enabled: boolean }, periods: Period[], date: string | null, interval: number, maxDays: number) {
  const asked = date ? Date.parse(date) : Date.now();
  const start = Math.floor(asked / 86_400_000) * 86_400_000;
  const end = start + Math.min(interval, maxDays) * 86_400_000;
  const byRotation = new Map<string, object[]>();
  for (const [rotation, s, e, recipient, type] of periods) {
    const [ps, pe] = [Math.max(Date.parse(s), start), Math.min(Date.parse(e), end)];
    if (ps >= pe) continue;
    const list = byRotation.get(rotation) ?? [];
    list.push({ startDate: new Date(ps).toISOString(), endDate: new Date(pe).toISOString(), type: type ?? 'default', recipient });
    byRotation.set(rotation, list);
  }
  return {
    _parent: { id: schedule.id, name: schedule.name, enabled: schedule.enabled },
    startDate: new Date(start).toISOString(),
    endDate: new Date(end).toISOString(),
    finalTimeline: { rotations: [...byRotation].map(([name, list], i) => ({ id: `${schedule.id}-${i}`, name, order: i + 1, periods: list })) },
  };
}

export async function startFakeOpsgenie(options: FakeOptions = {}): Promise<FakeOpsgenie> {
  const key = options.key ?? KEY;
  const pageSize = options.pageSize ?? 3;
  const timelineDays = options.timelineDays ?? 7;
  const schedules: { id: string; name: string; enabled: boolean }[] = options.variant === 'full' ? [S1, S2, S3, S4, S5, S6] : [S1, S2, S3, S5];
  const periods: Record<string, Period[]> = { [S1.id]: T1, [S2.id]: options.tamper ? T2_TAMPERED : T2, [S3.id]: T3, [S4.id]: T4, [S5.id]: [], [S6.id]: T6 };
  let rateLimited = !options.rateLimitOnce;
  let errors = options.serverErrors ?? 0;
  const requests: string[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(text);
    };
    if (req.headers.authorization !== `GenieKey ${key}`) {
      send(401, JSON.stringify({ message: 'Could not authenticate', took: 0.001, requestId: 'a0a0a0a0-0000-4000-8000-000000000401' }));
      return;
    }
    if (!rateLimited) {
      rateLimited = true;
      send(429, JSON.stringify({ message: 'You are making too many requests! To avoid errors, we recommend you limit requests.', took: 0.001, requestId: 'a0a0a0a0-0000-4000-8000-000000000429' }), {
        'Retry-After': '1',
        'X-RateLimit-State': 'THROTTLED',
        'X-RateLimit-Reason': 'INTEGRATION',
        'X-RateLimit-Period-In-Sec': '60',
      });
      return;
    }
    if (errors > 0) {
      errors--;
      send(503, JSON.stringify({ message: 'Service Unavailable', took: 0.001, requestId: 'a0a0a0a0-0000-4000-8000-000000000503' }));
      return;
    }
    const base = `http://${req.headers.host}`;
    const path = url.pathname;
    const q = url.searchParams;
    if (path === '/v2/users') {
      const limit = Math.min(Number(q.get('limit') ?? 20), pageSize);
      const offset = Number(q.get('offset') ?? 0);
      const link = (o: number) => `${base}/v2/users?limit=${limit}&offset=${o}&order=asc&sort=username`;
      const lastOffset = Math.floor((USERS.length - 1) / limit) * limit;
      const paging = {
        ...(offset + limit < USERS.length && { next: link(offset + limit) }),
        ...(offset > 0 && { prev: link(Math.max(0, offset - limit)) }),
        first: link(0),
        last: link(lastOffset),
      };
      send(200, body(USERS.slice(offset, offset + limit), { totalCount: USERS.length, paging }));
      return;
    }
    if (path === '/v2/teams') return send(200, body(TEAMS.map(({ id, name, description }) => ({ id, name, description })), { expandable: ['member'] }));
    const teamMatch = /^\/v2\/teams\/([^/]+)$/.exec(path);
    if (teamMatch) {
      const t = TEAMS.find((x) => x.id === decodeURIComponent(teamMatch[1]));
      return t ? send(200, body(t)) : send(404, JSON.stringify({ message: 'No team exists with id', took: 0.001, requestId: 'x' }));
    }
    if (path === '/v2/schedules') {
      const expand = (q.get('expand') ?? '').split(',').includes('rotation');
      return send(200, body(schedules.map((s) => (expand ? s : { ...s, rotations: undefined })), { expandable: ['rotation'] }));
    }
    const scheduleMatch = /^\/v2\/schedules\/([^/]+)\/(overrides|timeline)$/.exec(path);
    const schedule = scheduleMatch && schedules.find((s) => s.id === decodeURIComponent(scheduleMatch[1]));
    if (scheduleMatch && schedule) {
      if (scheduleMatch[2] === 'overrides') return send(200, body(OVERRIDES[schedule.id].map((o) => ({ _parent: { id: schedule.id, name: schedule.name, enabled: schedule.enabled }, ...o }))));
      if (q.get('intervalUnit') !== 'days') return send(422, JSON.stringify({ message: 'this fake answers intervalUnit=days only', took: 0, requestId: 'x' }));
      return send(200, body(timeline(schedule, periods[schedule.id], q.get('date'), Number(q.get('interval') ?? 1), timelineDays), { expandable: ['base', 'forwarding', 'override'] }));
    }
    if (path === '/v2/escalations') return send(200, body(ESCALATIONS));
    send(404, JSON.stringify({ message: `No route for ${path}`, took: 0.001, requestId: 'x' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
