// The declarative description of people, teams and schedules: what YAML files hold, what
// `oncall export yaml` writes, and what `apply` compares. Values here are normalised, so two
// configs that mean the same thing compare equal.

export interface PersonConfig {
  id: string;
  name: string;
  email?: string;
  timezone?: string;
  color?: string;
}

export interface TeamConfig {
  id: string;
  name: string;
  members: string[];
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

export interface Config {
  people: PersonConfig[];
  teams: TeamConfig[];
  schedules: ScheduleConfig[];
}

/** The identity of an override: the same person, window and replaced person. */
export function overrideKey(o: OverrideConfig): string {
  return `${o.person}|${o.from}|${o.to}|${o.replaces ?? ''}`;
}
