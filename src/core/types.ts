// Plain values shared by the scheduling core. Instants are epoch milliseconds (UTC).

export type Instant = number;

/** Day of week, ISO numbering: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Minutes since local midnight, 0…1439. */
export type MinuteOfDay = number;

/** `{days, from, to}`: a window on each listed day (overnight when `to` ≤ `from`). */
export interface DailyRestriction {
  kind: 'daily';
  days: Weekday[];
  from: MinuteOfDay;
  to: MinuteOfDay;
}

/** `{from: "fri 18:00", to: "mon 09:00"}`: one span per week. */
export interface WeeklyRestriction {
  kind: 'weekly';
  fromDay: Weekday;
  from: MinuteOfDay;
  toDay: Weekday;
  to: MinuteOfDay;
}

export type Restriction = DailyRestriction | WeeklyRestriction;

export type ShiftUnit = 'h' | 'd' | 'w' | 'mo';

export interface ShiftLength {
  count: number;
  unit: ShiftUnit;
}

/** Wall-clock date-time, always "YYYY-MM-DDTHH:mm" (or with ":ss"), no zone. */
export type WallClock = string;

/** One layer as it is defined for one period of its history. */
export interface Layer {
  id: string;
  /** Zone in which start, end, handoffs and restrictions are read. */
  timezone: string;
  start: WallClock;
  end?: WallClock;
  /** Exactly one of `shift` and `handoffs`. */
  shift?: ShiftLength;
  handoffs?: string;
  members: string[];
  restrictions: Restriction[];
  /** Higher wins; ties are broken by `position` (later wins). */
  priority: number;
  position: number;
  disabled?: boolean;
  /** The part of history in which this definition holds: [validFrom, validTo). */
  validFrom: Instant;
  validTo: Instant;
  /**
   * Set when a roster change kept the rotation's position (see roster-change.ts): the handoff
   * grid starts here instead of at `start`, and shift k goes to members[(k + rotationOffset) mod n].
   */
  rotationStart?: WallClock;
  rotationOffset?: number;
}

export interface Override {
  /** Creation order: a higher sequence wins where overrides overlap. */
  seq: number;
  person: string;
  start: Instant;
  end: Instant;
  replaces?: string;
  reason?: string;
}

/** What `resolve` needs to know about one schedule. */
export interface ScheduleInput {
  id: string;
  timezone: string;
  /** Every version of every layer that overlaps the window. */
  layers: Layer[];
  overrides: Override[];
}

/** `layer:<id>` or `override`; null in a gap. */
export type Source = string | null;

/** One person (or nobody: a gap) on call over [start, end), from one source. */
export interface Shift {
  start: Instant;
  end: Instant;
  person: string | null;
  source: Source;
  /** The override's reason, on override shifts that have one. */
  reason?: string;
}

/** Any [start, end) of instants: start included, end excluded. */
export interface Interval {
  start: Instant;
  end: Instant;
}

/** The interval a command or query asks about. */
export type Window = Interval;

export const FOREVER_AGO: Instant = -8.64e15;
export const FOREVER: Instant = 8.64e15;
