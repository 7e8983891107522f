// The timeline with hostile names (issue 13, class 6). Ink writes the text it is given as it
// is, so the view makes every schedule name and id, layer label, person name and id safe where
// it draws them: nothing in a frame may act on a terminal but Ink's own colour codes. With
// FORCE_COLOR (set before any import, as in timeline-color.test.ts) the coloured paths run too.

import { afterEach, describe, expect, test, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '3';
});

import React from 'react';
import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import type { PersonLook, ScheduleTimeline, Window } from '../../src/core/index.js';
import { staticTimeline } from '../../src/ui/render-timeline.js';
import { InteractiveTimeline } from '../../src/ui/interactive-timeline.js';
import { CLEAR, HOSTILE, TITLE, unsafeIn } from '../cli/hostile-text.js';
import { MON_23_NOV, NOW, seg, TWO_WEEKS, ZONE } from './fixtures.js';

afterEach(cleanup);

const DAY = 86_400_000;
const GHOST = `ghost${TITLE}`; // a person id with no name (an old database): the id itself is drawn

const PEOPLE = new Map<string, PersonLook>([
  ['mal', { name: HOSTILE.personName }],
  ['eve', { name: `Eve ${CLEAR}\u0007\u202e` }],
]);

function hostile(id: string, window: Window): ScheduleTimeline {
  const half = window.start + 7 * DAY;
  const shifts = [seg('mal', window.start, half), seg(GHOST, half, window.end)];
  return {
    id: `${id}${CLEAR}`,
    name: HOSTILE.scheduleName,
    timezone: ZONE,
    layers: [{ label: `lane${TITLE}\u202e`, shifts }],
    overrides: { label: 'overrides', shifts: [seg('eve', window.start + DAY, window.start + 2 * DAY, 'override')] },
    final: shifts,
  };
}

/** Nothing unsafe but colour codes; the hostile text is there, shown. */
function expectSafe(frame: string): string {
  expect(unsafeIn(frame, true), frame).toEqual([]);
  const plain = frame.replace(/\u001b\[[0-9;]*m/g, '');
  expect(plain).toContain('Sched ␛[2J\ufffd1;1H␍\ufffd (s');
  expect(plain).toContain('Mallory \ufffd2J');
  return plain;
}

describe('the static picture (what `timeline --static` and pipes print)', () => {
  test.each([
    ['without colour', false],
    ['with colour', true],
  ])('%s', (_name, color) => {
    const text = staticTimeline({ schedules: [hostile('s1', TWO_WEEKS)], window: TWO_WEEKS, zone: ZONE, now: NOW, width: 160, people: PEOPLE, color });
    const plain = expectSafe(text);
    expect(plain).toContain('ghost␛]0;pwned␇'); // an id without a name
    expect(plain).toContain('(s1␛[2J)');
    expect(plain).toMatch(/^lane␛\]0;pwned… /m); // the label, cut to the label column
    if (color) expect(text).toMatch(/\u001b\[\d+(;\d+)*m/);
  });

  test('a narrow terminal cuts the shown text, never an escape in half', () => {
    const text = staticTimeline({ schedules: [hostile('s1', TWO_WEEKS)], window: TWO_WEEKS, zone: ZONE, now: NOW, width: 50, people: PEOPLE, color: true });
    expect(unsafeIn(text, true), text).toEqual([]);
  });
});

describe('the interactive view', () => {
  const settle = () => new Promise((r) => setTimeout(r, 50));

  test.each([
    ['without colour', false],
    ['with colour', true],
  ])('%s: every frame, while moving and switching schedules', async (_name, color) => {
    const load = async (window: Window) => [hostile('s1', window), hostile('s2', window)];
    const element = React.createElement(InteractiveTimeline, { load, zone: ZONE, now: NOW, start: MON_23_NOV, days: 14, people: PEOPLE, color, width: 150 });
    const t = render(React.createElement(Box, { width: 150 }, element));
    await settle();
    for (const key of ['', 's', '\u001b[C', '+', 's']) {
      if (key) t.stdin.write(key);
      await settle();
      expectSafe(t.lastFrame() ?? '');
    }
    for (const frame of t.frames) expect(unsafeIn(frame, true)).toEqual([]);
  });
});
