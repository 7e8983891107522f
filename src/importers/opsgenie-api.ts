// Opsgenie's REST API v2 as the importer reads it: the payload shapes (field names as in
// Opsgenie's OpenAPI definitions, github.com/opsgenie/opsgenie-oas) and listings. Every answer
// wraps its data in `data`; the user listing pages with offset/limit and `paging.next` links
// (the others answer whole, but a `paging.next` is followed wherever one comes).

import { RuntimeFailure } from '../errors.js';
import { MAX_PAGES, type Query, type VendorHttp } from './http.js';

/** A participant, override user or escalation recipient: user, team, escalation, schedule or none. */
export interface OgRecipient {
  type: string;
  id?: string;
  /** Users are named by `username` (their e-mail); teams, schedules and escalations by `name`. */
  username?: string;
  name?: string;
}

export interface OgUser {
  id: string;
  username: string;
  fullName?: string;
  timeZone?: string;
  blocked?: boolean;
}

export interface OgTeamMeta {
  id?: string;
  name?: string;
}

export interface OgTeam {
  id: string;
  name: string;
  members?: { user: { id?: string; username?: string }; role?: string }[];
}

export interface OgTimeOfDay {
  startHour: number;
  startMin: number;
  endHour: number;
  endMin: number;
}

export interface OgWeekdayTime extends OgTimeOfDay {
  startDay: string;
  endDay: string;
}

export type OgTimeRestriction =
  | { type: 'time-of-day'; restriction: OgTimeOfDay }
  | { type: 'weekday-and-time-of-day'; restrictions: OgWeekdayTime[] };

export interface OgRotation {
  id: string;
  name?: string;
  startDate: string;
  endDate?: string;
  type: string;
  length?: number;
  participants: OgRecipient[];
  timeRestriction?: OgTimeRestriction;
}

export interface OgSchedule {
  id: string;
  name: string;
  timezone?: string;
  enabled?: boolean;
  ownerTeam?: OgTeamMeta;
  rotations?: OgRotation[];
}

export interface OgOverride {
  alias?: string;
  user: OgRecipient;
  startDate: string;
  endDate: string;
  rotations?: { id?: string; name?: string }[];
}

export interface OgEscalationRule {
  condition?: string;
  notifyType?: string;
  delay?: { timeAmount: number; timeUnit?: string };
  recipient: OgRecipient;
}

export interface OgEscalation {
  id: string;
  name: string;
  ownerTeam?: OgTeamMeta;
  rules?: OgEscalationRule[];
  repeat?: { waitInterval?: number | null; count?: number | null };
}

export interface OgPeriod {
  startDate: string;
  endDate: string;
  type?: string;
  recipient?: OgRecipient;
  /** Periods of the past ("historical") name who was actually notified here. */
  flattenedRecipients?: OgRecipient[];
}

export interface OgTimeline {
  startDate: string;
  endDate: string;
  finalTimeline?: { rotations?: { id?: string; name?: string; periods?: OgPeriod[] }[] };
}

interface Listing<T> {
  data?: T[];
  paging?: { next?: string };
}

/** Every item of a listing, following `paging.next` links, at most MAX_PAGES pages. */
export async function listAll<T>(http: VendorHttp, path: string, query: Query, what: string): Promise<T[]> {
  const items: T[] = [];
  let page: Listing<T> = await http.get<Listing<T>>(path, query);
  for (let pages = 1; ; pages++) {
    if (!Array.isArray(page.data)) throw new RuntimeFailure(`Opsgenie answered ${path} without a data list`);
    items.push(...page.data);
    const next = page.paging?.next;
    // An empty page ends a listing even if a `next` link is still given.
    if (!next || page.data.length === 0) return items;
    if (pages >= MAX_PAGES) throw new RuntimeFailure(`Opsgenie's ${what} listing goes on past ${MAX_PAGES} pages; stopped reading it`);
    page = await http.get<Listing<T>>(next);
  }
}

/** One object's `data`. */
export async function getData<T>(http: VendorHttp, path: string, query: Query = {}): Promise<T> {
  const answer = await http.get<{ data?: T }>(path, query);
  if (answer.data === undefined || answer.data === null) throw new RuntimeFailure(`Opsgenie answered ${path} without data`);
  return answer.data;
}
