// The parts of PagerDuty's REST API v2 the importer reads, with the field names of its OpenAPI
// schema (github.com/PagerDuty/api-schema, reference/REST/openapiv3.json), and its classic
// pagination: `offset`/`limit` in, `more` (and `total` when asked) out.

import { RuntimeFailure } from '../errors.js';
import { MAX_PAGES, type Query, type VendorHttp } from './http.js';

export interface PdReference {
  id: string;
  type?: string;
  summary?: string;
}

export interface PdUser {
  id: string;
  name?: string;
  email?: string | null;
  time_zone?: string | null;
}

export interface PdTeam {
  id: string;
  name?: string;
  summary?: string;
}

export interface PdTeamMember {
  user: PdReference;
  role?: string;
}

export interface PdRestriction {
  type: 'daily_restriction' | 'weekly_restriction' | string;
  start_time_of_day: string;
  duration_seconds: number;
  start_day_of_week?: number | null;
}

export interface PdLayer {
  id?: string;
  name?: string;
  start: string;
  end?: string | null;
  rotation_virtual_start: string;
  rotation_turn_length_seconds: number;
  users: { user: PdReference }[];
  restrictions?: PdRestriction[] | null;
}

export interface PdEntry {
  start: string;
  end: string;
  user?: PdReference | null;
}

export interface PdSchedule {
  id: string;
  name?: string;
  summary?: string;
  time_zone: string;
  teams?: PdReference[];
  schedule_layers?: PdLayer[];
  final_schedule?: { rendered_schedule_entries?: PdEntry[] | null };
  overrides_subschedule?: { rendered_schedule_entries?: PdEntry[] | null };
}

export interface PdOverride {
  id?: string;
  start: string;
  end: string;
  user: PdReference;
}

export interface PdEscalationRule {
  escalation_delay_in_minutes: number;
  targets: PdReference[];
  /** `assign_to_everyone` (the default) or `round_robin`. */
  escalation_rule_assignment_strategy?: string | { type?: string } | null;
}

export interface PdEscalationPolicy {
  id: string;
  name?: string;
  summary?: string;
  num_loops?: number | null;
  escalation_rules: PdEscalationRule[];
  teams?: PdReference[];
}

/** Records per page: PagerDuty's largest `limit`. */
export const PAGE_LIMIT = 100;

/** Every record of a classic-paginated listing, in the order PagerDuty lists them. */
export async function listAll<T>(http: VendorHttp, path: string, key: string, query: Query = {}): Promise<T[]> {
  const all: T[] = [];
  let offset = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await http.get<Record<string, unknown>>(path, { ...query, limit: PAGE_LIMIT, offset });
    const items = body[key];
    if (!Array.isArray(items)) throw new RuntimeFailure(`PagerDuty answered ${path} without a "${key}" list`);
    all.push(...(items as T[]));
    if (body.more !== true) return all;
    // `more` with an empty page would ask for the same page again.
    if (items.length === 0) throw new RuntimeFailure(`PagerDuty said there are more ${key} after offset ${offset} but sent none`);
    offset += items.length;
  }
  throw new RuntimeFailure(`PagerDuty's ${key} listing (${path}) went on for more than ${MAX_PAGES} pages; stopped`);
}
