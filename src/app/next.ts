// `oncall next`: a person's upcoming shifts across every schedule, the one in progress first.

import { resolveSchedule, DAY_MS, unknownId } from '../core/index.js';
import { listPeople, listSchedules, scheduleInputs } from '../storage/read.js';
import { InputError } from '../errors.js';
import type { AppContext } from './context.js';
import { eachUsable } from './usable.js';


export interface PersonShift {
  schedule: string;
  person: string;
  start: number;
  end: number;
  source: string | null;
}

/**
 * The person given, else ONCALL_USER or $USER matched to an id or e-mail. `input` names what
 * the person is for ("person", "by"), so the CLI can point at the flag that sets it.
 */
export async function resolvePerson(ctx: AppContext, given: string | undefined, env: NodeJS.ProcessEnv, input = 'person') {
  const people = await listPeople(await ctx.store());
  if (given !== undefined) {
    const found = people.find((p) => p.id === given || p.email === given);
    if (!found) throw unknownId('person', given);
    return found;
  }
  const user = env.ONCALL_USER || env.USER || '';
  const found = people.find((p) => p.id === user || p.email === user || p.email?.split('@')[0] === user);
  if (!found) {
    throw new InputError(input, (flag) => `no person matches the user "${user}" (ONCALL_USER or USER); ${flag ? `pass ${flag} ID` : 'say which person'}`);
  }
  return found;
}

export async function nextShifts(ctx: AppContext, person: string, count: number): Promise<PersonShift[]> {
  const store = await ctx.store();
  const schedules = await listSchedules(store, { aliveAt: ctx.now });
  let found: PersonShift[] = [];
  // Look back a little so a shift in progress shows its real start; look ahead until enough.
  for (const ahead of [60 * DAY_MS, 400 * DAY_MS]) {
    const window = { start: ctx.now - 35 * DAY_MS, end: ctx.now + ahead };
    const inputs = await scheduleInputs(store, schedules, window);
    const upcoming = { start: ctx.now, end: window.end };
    found = eachUsable(ctx, inputs, upcoming, (input) =>
      resolveSchedule(input, window)
        .filter((s) => s.person === person && s.end > ctx.now)
        .map((s) => ({ schedule: input.id, person, start: s.start, end: s.end, source: s.source })),
    ).flatMap((shifts) => shifts ?? []);
    if (found.length >= count) break;
  }
  return found.sort((a, b) => a.start - b.start || a.schedule.localeCompare(b.schedule)).slice(0, count);
}
