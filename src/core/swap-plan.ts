// `swap`: two people exchange whole turns of one layer. The turn of the first person that is
// in effect at the given time goes to the second, and the second's next turn in that layer
// goes to the first: every final shift of each turn that its person holds from that layer,
// however restrictions and higher layers cut it up, from now on (the past is never rewritten).

import { UserError } from '../errors.js';
import type { OverrideConfig } from './config.js';
import { STORED_PACE } from './handoff-pace.js';
import { layerTurns, type Turn } from './layer-turns.js';
import { resolveSchedule } from './resolve.js';
import type { Instant, Interval, ScheduleInput, Window } from './types.js';
import { DAY_MS } from './wall-clock.js';

export interface SwapRequest {
  shiftOf: string;
  with: string;
  at: Instant;
}

/** One turn and what the swap does to it. */
export interface SwappedTurn extends Turn {
  /** Who holds it after the swap. */
  takenBy: string;
  /** The turn's final shifts, from now on, that change hands (at least one). */
  shifts: Interval[];
  /** What hands them over: overrides with `replaces` (one, unless the person holds part of the turn from elsewhere). */
  overrides: OverrideConfig[];
}

export interface SwapPlan {
  layer: string;
  /** The turn of `shiftOf` at `at`, then the next turn of `with`. */
  turns: [SwappedTurn, SwappedTurn];
}

/** Longer than any turn: the longest gap between handoffs, plus a day for DST. */
const TURN_REACH = STORED_PACE.maxGap + DAY_MS;
/** How far after the first turn the other person's next turn may start. */
export const SWAP_SEARCH_DAYS = 400;
const SEARCH = SWAP_SEARCH_DAYS * DAY_MS;

/** The time a schedule input must cover for `planSwap` to see both turns whole. */
export function swapWindow(at: Instant): Window {
  return { start: at - TURN_REACH, end: at + TURN_REACH + SEARCH + TURN_REACH };
}

/** The swap, or a UserError saying why there is none. `input` must cover `swapWindow(at)`. */
export function planSwap(input: ScheduleInput, request: SwapRequest, now: Instant): SwapPlan {
  const { shiftOf: a, with: b, at } = request;
  if (a === b) throw new UserError(`${a} cannot swap with themselves; name two different people`);
  const holder = resolveSchedule(input, { start: at, end: at + 1 })[0];
  if (holder.person !== a) {
    throw new UserError(`${a} is not on call in ${input.id} at that time (${holder.person ?? 'nobody'} is); pick a time inside one of their shifts`);
  }
  if (!holder.source?.startsWith('layer:')) {
    throw new UserError(
      `${a} is on call in ${input.id} at that time through an override, not a layer's rotation, so there is no turn to swap; ` +
        `pick a time in one of their turns, or change the override (oncall override list --schedule ${input.id})`,
    );
  }
  const layer = holder.source.slice('layer:'.length);
  const mine = turnAt(input, layer, at);
  // The final shift at `at` came from this layer, so one of its turns holds `at`, and it is a's.
  if (mine?.person !== a) throw new Error(`layer ${layer} has no turn of ${a} at ${at}`);
  if (mine.end <= now) throw new UserError(`that turn of ${a} is over, and the past is never rewritten; pick a time from now on`);
  const reason = `swap: ${a} ↔ ${b}`;
  const given = handOver(input, mine, b, now, reason);
  if (given.shifts.length === 0) {
    throw new UserError(`${a} is not on call in the rest of that turn (others cover all of it from now on), so there is nothing to swap; pick a later turn`);
  }
  const taken = nextTurnHeld(input, layer, b, a, mine.end, now, reason);
  if (!taken) {
    throw new UserError(
      `${b} has no turn in layer ${layer} of ${input.id} in the ${SWAP_SEARCH_DAYS} days after that turn of ${a}'s; swap with someone in that layer's rotation`,
    );
  }
  return { layer, turns: [given, taken] };
}

// Turns are listed over windows that grow from small ones: a layer with hourly (or, stored
// by an older version, minutely) handoffs has more turns in a year than one question may list.
const FIRST_REACH = DAY_MS;
const MAX_STEP = 8 * 7 * DAY_MS;

/** The whole turn of `layer` containing `at`, if any. */
function turnAt(input: ScheduleInput, layer: string, at: Instant): Turn | undefined {
  for (let reach = FIRST_REACH; ; reach = Math.min(reach * 2, TURN_REACH)) {
    const window = { start: at - reach, end: at + 1 + reach };
    const turn = layerTurns(input.layers, layer, window).find((t) => t.start <= at && at < t.end);
    // A turn that touches an edge of the window may go on beyond it.
    const clipped = turn && (turn.start === window.start || turn.end === window.end);
    if (!clipped || reach === TURN_REACH) return turn;
  }
}

/**
 * The first turn of `person` in `layer` that starts at `from` or later (within the search)
 * and that they hold some of from that layer (one wholly covered by others is no turn to
 * take), handed over to `takenBy`.
 */
function nextTurnHeld(
  input: ScheduleInput,
  layer: string,
  person: string,
  takenBy: string,
  from: Instant,
  now: Instant,
  reason: string,
): SwappedTurn | undefined {
  const limit = from + SEARCH;
  for (let start = from, step = 7 * DAY_MS; start < limit; start += step, step = Math.min(step * 2, MAX_STEP)) {
    const end = Math.min(start + step, limit);
    for (const listed of layerTurns(input.layers, layer, { start, end })) {
      if (listed.person !== person) continue;
      const turn = turnAt(input, layer, listed.start);
      // Begun before this window: seen already (or before `from`, not a later turn).
      if (!turn || turn.start < start) continue;
      const taken = handOver(input, turn, takenBy, now, reason);
      if (taken.shifts.length > 0) return taken;
    }
  }
  return undefined;
}

/**
 * The overrides that give `to` the final shifts `turn.person` holds from the turn's layer,
 * from now on. An override runs over the turn and stops only where that person is on call
 * from elsewhere (another layer, an override), which is not part of the turn; with `replaces`
 * it takes nothing but their time. So a turn cut only by restrictions and other people's
 * layers takes one override, which reads like the swap in `override list`.
 */
function handOver(input: ScheduleInput, turn: Turn, to: string, now: Instant, reason: string): SwappedTurn {
  const window = { start: Math.max(turn.start, now), end: turn.end };
  const source = `layer:${turn.layer}`;
  const shifts: Interval[] = [];
  const overrides: OverrideConfig[] = [];
  let from = window.start;
  let held = 0; // shifts of the turn since `from`
  const cover = (until: Instant) => {
    if (held > 0) overrides.push({ person: to, from, to: until, replaces: turn.person, reason });
    held = 0;
  };
  for (const s of window.start < window.end ? resolveSchedule(input, window) : []) {
    if (s.person !== turn.person) continue;
    if (s.source === source) {
      shifts.push({ start: s.start, end: s.end });
      held++;
    } else {
      cover(s.start);
      from = s.end;
    }
  }
  cover(window.end);
  return { ...turn, takenBy: to, shifts, overrides };
}
