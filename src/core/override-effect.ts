// Overrides that change nothing: one wholly before the instant it takes effect (history is
// never rewritten), and one with `replaces: X` during which X is never on call (it only takes
// X's time). The command line refuses them, `apply` flags them and `check` reports the second.

import { applyOverrides, stackLayers } from './resolve.js';
import type { Override, ScheduleInput } from './types.js';

export type NoEffect = 'past' | 'replaces-idle';

/**
 * Why `o` (already clipped to when it takes effect) changes nothing in `input`, or undefined.
 * `input` must cover o's time. Only the overrides painted before o (lower seq) decide where
 * its `replaces` person is on call, as in `applyOverrides`.
 */
export function overrideNoEffect(o: Override, input: ScheduleInput): NoEffect | undefined {
  if (o.start >= o.end) return 'past';
  if (!o.replaces) return undefined;
  const window = { start: o.start, end: o.end };
  const older = input.overrides.filter((other) => other.seq < o.seq);
  const shifts = applyOverrides(stackLayers(input.layers, window), older, window);
  return shifts.some((s) => s.person === o.replaces) ? undefined : 'replaces-idle';
}
