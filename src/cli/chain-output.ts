// An escalation chain as a table (for `escalate` and `incident show`) and as JSON.

import type { ChainStep } from '../core/index.js';
import { formatDelay, MINUTE_MS, plural } from '../core/index.js';
import type { Invocation } from './globals.js';
import { iso } from './json.js';
import { formatTime, table, type Cell } from './output.js';
import type { Names } from './people-names.js';


export function chainTable(run: Invocation, steps: ChainStep[], start: number, name: Names): string {
  const c = run.colors;
  // The heading gives the date; a step on a later day says which day.
  const day = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now).slice(0, -6);
  const clockOf = (t: number) => {
    const full = formatTime(t, run.ctx.zone, run.ctx.now);
    return day(t) === day(start) ? full.slice(-5) : full;
  };
  const rows: Cell[][] = steps.flatMap((step) =>
    step.targets.map((target, i) => {
      const first = i === 0;
      const fresh = target.people.filter((p) => step.people.includes(p) && !step.targets.slice(0, i).some((t) => t.people.includes(p)));
      const already = target.people.filter((p) => step.skipped.includes(p));
      const reaches: Cell =
        target.people.length === 0
          ? { text: step.gap ? 'nobody (gap)' : 'nobody', paint: step.gap ? c.red : c.dim }
          : { text: [...fresh.map(name), ...already.map((p) => `${name(p)}*`)].join(', ') };
      return [
        { text: first ? `${step.level}${step.run > 0 ? ` ↻${step.run}` : ''}` : '' },
        { text: first ? `+${formatDelay(Math.round((step.at - start) / MINUTE_MS))}` : '' },
        { text: first ? clockOf(step.at) : '' },
        { text: target.target },
        reaches,
      ];
    }),
  );
  const skipped = steps.some((s) => s.skipped.length > 0);
  return table(
    [{ header: 'LEVEL' }, { header: 'AFTER' }, { header: 'FIRES' }, { header: 'TARGET', shrink: true, min: 14 }, { header: 'REACHES', shrink: true, min: 12 }],
    rows,
    c,
    run.width,
  ) + (skipped ? `\n${c.dim('* already paged earlier in the same run: not paged again')}` : '');
}

export function chainJson(steps: ChainStep[]) {
  return steps.map((s) => ({ level: s.level, run: s.run, at: iso(s.at), targets: s.targets, people: s.people, skipped: s.skipped, gap: s.gap }));
}

/** "level 2 (+15m)" for messages about gaps. */
export function gapSummary(steps: ChainStep[], start: number): string | undefined {
  const gaps = steps.filter((s) => s.gap);
  if (gaps.length === 0) return undefined;
  const first = gaps[0];
  const more = gaps.length > 1 ? ` and ${plural(gaps.length - 1, 'more step')}` : '';
  return `level ${first.level}${first.run > 0 ? ` (repeat ${first.run})` : ''} at +${formatDelay(Math.round((first.at - start) / MINUTE_MS))} reaches nobody${more}`;
}
