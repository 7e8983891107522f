// Grafana OnCall's public API (docs/sources/oncall-api-reference in grafana/oncall): the
// fields this import reads, and its listings. Every listing is paginated the same way:
// `results`, plus `next` (a full URL, or null on the last page); we follow `next` and
// nothing else, at most MAX_PAGES pages per listing.

import { RuntimeFailure } from '../errors.js';
import { MAX_PAGES, type Query, type VendorHttp } from './http.js';

export interface GrafanaUser {
  id: string;
  email?: string | null;
  username?: string | null;
  name?: string | null;
  timezone?: string | null;
  teams?: string[] | null;
}

export interface GrafanaTeam {
  id: string;
  name: string;
}

export interface GrafanaSchedule {
  id: string;
  name: string;
  /** `web` (made in the UI), `calendar` (made through the API or Terraform), `ical` (an external calendar). */
  type: 'web' | 'calendar' | 'ical' | string;
  team_id?: string | null;
  time_zone?: string | null;
  shifts?: string[] | null;
  ical_url_primary?: string | null;
  ical_url_overrides?: string | null;
  /** Calendar schedules: whether override shifts attached to it (made in the UI) are rendered. */
  enable_web_overrides?: boolean | null;
}

export type GrafanaFrequency = 'hourly' | 'daily' | 'weekly' | 'monthly';
export type IcalDay = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

export interface GrafanaShift {
  id: string;
  name?: string | null;
  type: 'rolling_users' | 'recurrent_event' | 'single_event' | 'override' | string;
  schedule?: string | null;
  team_id?: string | null;
  /** Null: the schedule's zone for a `calendar` schedule's rotations, otherwise UTC (see shiftZone in grafana-rendered.ts). */
  time_zone?: string | null;
  level?: number | null;
  /** Wall clock in the shift's zone, `YYYY-MM-DDTHH:MM:SS`. */
  start: string;
  rotation_start?: string | null;
  /** Seconds. */
  duration: number;
  frequency?: GrafanaFrequency | null;
  interval?: number | null;
  until?: string | null;
  week_start?: IcalDay | null;
  by_day?: IcalDay[] | null;
  by_month?: number[] | null;
  by_monthday?: number[] | null;
  users?: string[] | null;
  /** Groups of user ids: each group is on call together, the groups take turns. */
  rolling_users?: string[][] | null;
  start_rotation_from_user_index?: number | null;
}

export interface GrafanaChain {
  id: string;
  name: string;
  team_id?: string | null;
}

export interface GrafanaStep {
  id: string;
  escalation_chain_id: string;
  position: number;
  type: string;
  duration?: number | null;
  persons_to_notify?: string[] | null;
  persons_to_notify_next_each_time?: string[] | null;
  notify_on_call_from_schedule?: string | null;
  team_to_notify?: string | null;
}

export interface GrafanaFinalShift {
  user_pk: string;
  user_email?: string | null;
  user_username?: string | null;
  /** ISO-8601 in UTC, `2023-01-02T09:00:00Z`. */
  shift_start: string;
  shift_end: string;
}

interface Page<T> {
  next?: string | null;
  results?: T[];
}

/** Every item of a listing, page after page through `next`. */
export async function listAll<T>(http: VendorHttp, path: string, what: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  let page = await http.get<Page<T>>(path, query);
  for (let pages = 1; ; pages++) {
    if (!Array.isArray(page.results)) throw new RuntimeFailure(`Grafana OnCall answered ${path} without a results list`);
    items.push(...page.results);
    if (!page.next) return items;
    if (pages >= MAX_PAGES) throw new RuntimeFailure(`Grafana OnCall's ${what} run past ${MAX_PAGES} pages; stopped reading them; nothing was written`);
    page = await http.get<Page<T>>(page.next);
  }
}
