// An escalation chain as a table (for `escalate` and `incident show`) and as JSON.

import type { ChainStep } from '../core/index.js';
import { formatDelay, MINUTE_MS, plural } from '../core/index.js';
import type { Invocation } from './globals.js';
import { iso } from './json.js';
import { formatTime, table, type Cell } from './output.js';
import type { Names } from './people-names.js';
import { joinText, type TerminalText } from './terminal-text.js';


export function chainTable(run: Invocation, steps: ChainStep[], start: number, name: Names): TerminalText {
  const c = run.colors;
  // The heading gives the date; a step on a later day says which day.
  const day = (t: number) => formatTime(t, run.ctx.zone, run.ctx.now).slice(0, -6);
  const clockOf = (t: number) => {
    const full = formatTime(t, run.ctx.zone, run.ctx.now);
    return day(t) === day(start) ? full.slice(-5) : full;
  };
  let starred = false;
  const rows: Cell[][] = steps.flatMap((step) => {
    // Paged above in this run: by an earlier step, or by an earlier target of this level (a
    // schedule and the person on call in it, the same person twice). Paged once, shown with *.
    const paged = new Set(step.skipped);
    return step.targets.map((target, i) => {
      const first = i === 0;
      const reached = [...new Set(target.people)];
      const fresh = reached.filter((p) => !paged.has(p));
      const already = reached.filter((p) => paged.has(p));
      reached.forEach((p) => paged.add(p));
      if (already.length > 0) starred = true;
      const reaches: Cell =
        reached.length === 0
          ? { text: step.gap ? 'nobody (gap)' : 'nobody', paint: step.gap ? c.red : c.dim }
          : { text: [...fresh.map(name), ...already.map((p) => `${name(p)}*`)].join(', ') };
      return [
        { text: first ? `${step.level}${step.run > 0 ? ` ↻${step.run}` : ''}` : '' },
        { text: first ? `+${formatDelay(Math.round((step.at - start) / MINUTE_MS))}` : '' },
        { text: first ? clockOf(step.at) : '' },
        { text: target.target },
        reaches,
      ];
    });
  });
  const chain = table(
    [{ header: 'LEVEL' }, { header: 'AFTER' }, { header: 'FIRES' }, { header: 'TARGET', shrink: true, min: 14 }, { header: 'REACHES', shrink: true, min: 12 }],
    rows,
    c,
    run.width,
  );
  return starred ? joinText([chain, c.dim('* already paged above in the same run: not paged again')]) : chain;
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
