// `oncall shifts`: a schedule's final shifts in a window (gaps included), and optionally
// each layer's own shifts.

import type { LayerShifts, Shift, Window } from '../core/index.js';
import { fillGaps, resolveSchedule, shiftsByLayer } from '../core/index.js';
import { scheduleInputs, type ScheduleInfo } from '../storage/read.js';
import type { AppContext } from './context.js';
import { selectSchedules } from './select-schedules.js';
import { allUsable } from './usable.js';

export interface ShiftsResult {
  schedule: ScheduleInfo;
  shifts: Shift[];
  layers?: LayerShifts[];
}

export async function scheduleShifts(
  ctx: AppContext,
  scheduleId: string,
  window: Window,
  withLayers: boolean,
): Promise<ShiftsResult> {
  const store = await ctx.store();
  const [schedule] = await selectSchedules(store, { scheduleIds: [scheduleId], aliveAt: window.start });
  const [result] = allUsable(await scheduleInputs(store, [schedule], window), window, (input) => {
    const found: ShiftsResult = { schedule, shifts: resolveSchedule(input, window) };
    if (withLayers) {
      found.layers = shiftsByLayer(input.layers, window).map(({ layer, shifts }) => ({ layer, shifts: fillGaps(shifts, window) }));
    }
    return found;
  });
  return result;
}
