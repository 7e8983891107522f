// The data behind `oncall timeline`: for each schedule, every layer's own shifts, the
// overrides as defined, and the final shifts, over a window. The view asks again whenever
// the window moves, so loading is synchronous once the database is open.

import type { PersonLook, ScheduleTimeline, TimelineLoader, Window } from '../core/index.js';
import { overrideLane, resolveSchedule, shiftsByLayer } from '../core/index.js';
import { listPeople, scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import type { AppContext } from './context.js';
import { selectSchedules } from './select-schedules.js';
import { eachUsable } from './usable.js';

export async function timelineLoader(
  ctx: AppContext,
  query: { scheduleIds?: string[]; team?: string },
): Promise<{ load: TimelineLoader; people: Map<string, PersonLook> }> {
  const store = await ctx.store();
  const schedules = await selectSchedules(store, { ...query, aliveAt: ctx.now });
  const people = new Map((await listPeople(store)).map((p) => [p.id, { name: p.name, color: p.color }]));
  const load: TimelineLoader = async (window) => {
    const inputs = await scheduleInputs(store, schedules, window);
    return eachUsable(ctx, inputs, window, (input, i) => scheduleTimeline(schedules[i], input, window)).flatMap((t) => t ?? []);
  };
  return { load, people };
}

function scheduleTimeline(
  schedule: ScheduleInfo,
  input: Awaited<ReturnType<typeof scheduleInputs>>[number],
  window: Window,
): ScheduleTimeline {
  const layers = shiftsByLayer(input.layers, window).map(({ layer, shifts }) => ({ label: layer, shifts }));
  return {
    id: schedule.id,
    name: schedule.name,
    timezone: schedule.timezone,
    layers,
    overrides: { label: 'overrides', shifts: overrideLane(input.overrides, window) },
    final: resolveSchedule(input, window),
  };
}
