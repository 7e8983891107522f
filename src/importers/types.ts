// What every vendor importer returns: the vendor's setup mapped into oncall's YAML model, what
// could not be mapped exactly, and the vendor's own rendering of each schedule's final
// on-call picture for the verification window. The app writes the YAML, applies it to a
// scratch database and compares (app/import-vendor.ts); an importer never touches the database.

import type { RawPerson, RawPolicy, RawTeam } from '../core/config-schema.js';
import type { Window } from '../core/index.js';
import type { VendorHttp } from './http.js';

import type { Vendor } from '../core/vendors.js';

export type { Vendor };

/** A layer as the YAML format writes it (see docs/yaml.md). */
export interface ImportedLayer {
  id: string;
  /** Wall clock in the schedule's zone, `YYYY-MM-DDTHH:MM`: the first handoff. */
  start: string;
  end?: string;
  /** `N h|d|w|mo`, or `handoffs` instead. */
  shift?: string;
  handoffs?: string;
  members: string[];
  /** `{ days?: [mon…sun], from: "HH:MM" | "fri 18:00", to: … }`, in the schedule's zone. */
  restrictions?: { days?: string[]; from: string; to: string }[];
  priority?: number;
  disabled?: boolean;
}

export interface ImportedOverride {
  person: string;
  /** ISO-8601 with an offset (`2026-12-24T00:00:00Z`) or a wall clock in the schedule's zone. */
  from: string;
  to: string;
  replaces?: string;
  reason?: string;
}

export interface ImportedSchedule {
  id: string;
  team: string;
  name?: string;
  /** An IANA zone: vendor names that are not IANA names are translated by the importer. */
  timezone: string;
  layers: ImportedLayer[];
  overrides?: ImportedOverride[];
}

/** The YAML document an import writes: `oncall apply -f` reads it as it is. */
export interface ImportedDocument {
  version: 1;
  people: RawPerson[];
  teams: RawTeam[];
  schedules: ImportedSchedule[];
  escalation_policies?: RawPolicy[];
}

/**
 * One interval of a vendor's final schedule. `person` is an oncall person id; null: nobody;
 * or a label for what oncall cannot put on call ("team:Platform", "unknown:gus"), which then
 * shows as such in the differences.
 */
export interface VendorEntry {
  start: number;
  end: number;
  person: string | null;
}

/** One vendor schedule, what it became, and how the vendor itself renders it. */
export interface VendorSchedule {
  /** The vendor's id and name, for the report. */
  vendorId: string;
  vendorName: string;
  /**
   * The oncall schedules it became: one, or several when the vendor's schedule puts more
   * than one person on call at a time (then `notes` says so and the verification shows it).
   */
  scheduleIds: string[];
  /** The vendor's final schedule over the window; entries may overlap (several people at once). */
  final: VendorEntry[];
}

export interface ImportedSetup {
  vendor: Vendor;
  document: ImportedDocument;
  /** One line each, for the lead to read: what was mapped approximately, or left out, and why. */
  notes: string[];
  schedules: VendorSchedule[];
}

/** What a vendor module is given: a client for its API (auth, retries, errors) and the window. */
export interface VendorRead {
  http: VendorHttp;
  window: Window;
  onProgress?: (message: string) => void;
}
