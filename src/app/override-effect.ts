// Which just-written overrides change nothing (core/override-effect.ts says why), read back
// from the database inside the writing transaction, so that the answer sees exactly what was
// stored: the override clipped to its effective instant, and the layers and older overrides
// around it; and, for `check`, the overrides still to come that replace someone idle.

import type { NoEffect, Override, OverrideConfig, Problem, ScheduleInput, Window } from '../core/index.js';
import { overrideNoEffect } from '../core/index.js';
import { UnusableRotation, UserError } from '../errors.js';
import type { Store } from '../storage/store.js';
import { listSchedules, scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import type { Written } from '../storage/write.js';
import { allUsable } from './usable.js';

export interface IneffectiveOverride {
  scheduleId: string;
  override: OverrideConfig;
  why: NoEffect;
}

export async function ineffectiveOverrides(store: Store, written: Written): Promise<IneffectiveOverride[]> {
  const found: IneffectiveOverride[] = [];
  for (const { scheduleId, id, override } of written.overrides) {
    const why = await noEffect(store, scheduleId, id, override);
    if (why) found.push({ scheduleId, override, why });
  }
  return found;
}

async function noEffect(store: Store, scheduleId: string, id: number, override: OverrideConfig): Promise<NoEffect | undefined> {
  const info = (await listSchedules(store, { ids: [scheduleId] }))[0];
  if (!info) return undefined;
  const window = { start: override.from, end: override.to };
  const [input] = await scheduleInputs(store, [info], window);
  const stored = input.overrides.find((o) => o.seq === id);
  if (!stored || stored.start >= stored.end) return 'past';
  return usableNoEffect(stored, input, window);
}

/** For commands that add overrides: a refusal (exit 2, nothing written) for the first one that changes nothing. */
export async function refuseIneffective(store: Store, written: Written): Promise<void> {
  const [first] = await ineffectiveOverrides(store, written);
  if (!first) return;
  const { override: o, scheduleId } = first;
  if (first.why === 'past') {
    throw new UserError('that override is over before it could take effect, and the past is never rewritten; give a --to after now');
  }
  throw new UserError(
    `${o.replaces} is never on call in ${scheduleId} then, so replacing them changes nothing; ` +
      `pick times inside their shifts (oncall shifts --schedule ${scheduleId}) or leave out --replaces`,
  );
}

/**
 * For `check`: overrides of these schedules not over by `window.start` that meet the window
 * and replace someone never on call during them. A wholly past one is history, not a problem.
 */
export async function idleReplacements(store: Store, schedules: ScheduleInfo[], window: Window): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const input of await scheduleInputs(store, schedules, window)) {
    for (const o of input.overrides.filter((o) => o.replaces && o.end > window.start && o.start < o.end)) {
      const span = { start: o.start, end: o.end };
      const [around] = await scheduleInputs(store, schedules.filter((s) => s.id === input.id), span);
      if (usableNoEffect(o, around, span) !== 'replaces-idle') continue;
      problems.push({ kind: 'no-effect' as const, schedule: input.id, start: o.start, end: o.end, person: o.person, other: o.replaces });
    }
  }
  return problems;
}

function usableNoEffect(o: Override, input: ScheduleInput, window: Window): NoEffect | undefined {
  try {
    return allUsable([input], window, (usable) => overrideNoEffect(o, usable))[0];
  } catch (error) {
    // A rotation that cannot be computed cannot show the override idle: say nothing.
    if (error instanceof UnusableRotation) return undefined;
    throw error;
  }
}
