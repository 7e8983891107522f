// A stored definition that cannot be computed (a handoff rule an older version accepted, or
// more handoffs than one question may list) must not hang a read or sink its other answers.
// Such a schedule is set aside: named on the context, with what to do (the CLI prints that
// and exits 1), while the other schedules answer. Commands whose answer must be whole (an
// ICS feed, a calendar sync, a swap, `shifts` of one schedule) fail instead.

import type { Layer, ScheduleInput, Window } from '../core/index.js';
import { FOREVER, isoUtc, parseWallClock, rotationProblem, wallClockToInstant } from '../core/index.js';
import { UnusableRotation } from '../errors.js';
import type { AppContext } from './context.js';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * `compute` for each schedule that can be computed, undefined for the others, which are set
 * aside on the context. `asked` is the window the question asks about: a layer version that
 * cannot be computed and is not in force then is taken to cover nothing.
 */
export function eachUsable<T>(
  ctx: AppContext,
  inputs: ScheduleInput[],
  asked: Window,
  compute: (input: ScheduleInput, i: number) => T,
): (T | undefined)[] {
  return inputs.map((input, i) => {
    const outcome = attempt(input, asked, (usable) => compute(usable, i));
    if (outcome.ok) return outcome.value;
    ctx.setAside.set(input.id, outcome.error);
    return undefined;
  });
}

/** `compute` for every schedule; the first one that cannot be computed fails the command (exit 1). */
export function allUsable<T>(inputs: ScheduleInput[], asked: Window, compute: (input: ScheduleInput, i: number) => T): T[] {
  return inputs.map((input, i) => {
    const outcome = attempt(input, asked, (usable) => compute(usable, i));
    if (!outcome.ok) throw new UnusableRotation(outcome.error);
    return outcome.value;
  });
}

/** For a command about one schedule that was set aside: its message becomes the command's error. */
export function failSetAside(ctx: AppContext, scheduleId: string): never {
  const message = ctx.setAside.get(scheduleId) ?? `schedule "${scheduleId}" cannot be shown`;
  ctx.setAside.delete(scheduleId);
  throw new UnusableRotation(message);
}

function attempt<T>(input: ScheduleInput, asked: Window, compute: (input: ScheduleInput) => T): Outcome<T> {
  const unusable = input.layers.filter((layer) => !layer.disabled && rotationProblem(layer) !== undefined);
  const inForce = unusable.find((layer) => inForceDuring(layer, input.timezone, asked));
  if (inForce) return { ok: false, error: setAsideMessage(input.id, inForce) };
  const usable = unusable.length > 0 ? { ...input, layers: input.layers.filter((l) => !unusable.includes(l)) } : input;
  try {
    return { ok: true, value: compute(usable) };
  } catch (error) {
    if (!(error instanceof UnusableRotation)) throw error;
    return { ok: false, error: `schedule "${input.id}" cannot be shown: ${error.message}` };
  }
}

/** Whether the version could cover part of the window: in force then, started, not ended. */
function inForceDuring(layer: Layer, zone: string, asked: Window): boolean {
  if (layer.validFrom >= asked.end || layer.validTo <= asked.start) return false;
  const start = parseWallClock(layer.start);
  if (start !== undefined && wallClockToInstant(layer.start, zone) >= asked.end) return false;
  return !(layer.end && parseWallClock(layer.end) !== undefined && wallClockToInstant(layer.end, zone) <= asked.start);
}

function setAsideMessage(schedule: string, layer: Layer): string {
  const problem = rotationProblem(layer)!;
  const advice =
    layer.validTo >= FOREVER
      ? `fix it with "oncall layer edit ${schedule} ${layer.id} --shift 1w" (or --handoffs RULE)`
      : `that version held until ${isoUtc(layer.validTo)}; ask about a later time`;
  return `schedule "${schedule}" cannot be shown: ${problem}; ${advice}`;
}
