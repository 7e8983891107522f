// The declarative description of people, teams and schedules: what YAML files hold, what
// `oncall export yaml` writes, and what `apply` compares. Values here are normalised, so two
// configs that mean the same thing compare equal.

export interface PersonConfig {
  id: string;
  name: string;
  email?: string;
  timezone?: string;
  color?: string;
  /** Holidays and other absences, sorted by start. */
  timeOff?: TimeOffConfig[];
}

/** An absence: the person should not be on call in [from, to). */
export interface TimeOffConfig {
  /** UTC instants (epoch ms). */
  from: number;
  to: number;
  reason?: string;
}

export interface TeamConfig {
  id: string;
  name: string;
  members: string[];
  /** A date-holidays region ("DE", "DE-BE", "US-CA") whose public holidays reports count. */
  holidays?: string;
}

/** `{days, from, to}` or `{from: "fri 18:00", to: "mon 09:00"}` as written in YAML. */
export interface RestrictionConfig {
  days?: string[];
  from: string;
  to: string;
}

export interface LayerConfig {
  id: string;
  start: string;
  end?: string;
  shift?: string;
  handoffs?: string;
  members: string[];
  restrictions?: RestrictionConfig[];
  priority?: number;
  /** Keeps its configuration but covers nothing. */
  disabled?: boolean;
}

export interface OverrideConfig {
  person: string;
  /** UTC instants (epoch ms). */
  from: number;
  to: number;
  replaces?: string;
  reason?: string;
}

export interface ScheduleConfig {
  id: string;
  team: string;
  name: string;
  timezone: string;
  /** Keeps its configuration, but its layers cover nothing (overrides still apply). */
  disabled?: boolean;
  layers: LayerConfig[];
  overrides: OverrideConfig[];
}

/** One step of an escalation chain: who is notified, and how long after the incident starts. */
export interface EscalationLevelConfig {
  /** `schedule:<id>`, `person:<id>` or `team:<id>`. */
  targets: string[];
  /** A normalised duration from the incident's start ("0m", "15m", "1h30m"). */
  after: string;
}

export interface EscalationPolicyConfig {
  id: string;
  team: string;
  name: string;
  /** How many more times the whole chain runs when nobody acknowledges (default 0). */
  repeat?: number;
  /** From the start of one run of the chain to the start of the next (a normalised duration). */
  repeatAfter?: string;
  levels: EscalationLevelConfig[];
}

export interface Config {
  people: PersonConfig[];
  teams: TeamConfig[];
  schedules: ScheduleConfig[];
  policies: EscalationPolicyConfig[];
}

export function timeOffKey(t: TimeOffConfig): string {
  return `${t.from}|${t.to}`;
}

/** The identity of an override: the same person, window and replaced person. */
export function overrideKey(o: OverrideConfig): string {
  return `${o.person}|${o.from}|${o.to}|${o.replaces ?? ''}`;
}
