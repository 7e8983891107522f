// The interactive timeline (InteractiveTimeline) with ink-testing-library: keys written to
// its stdin, the picture read back from lastFrame(), and a fake loader that records every
// window it is asked for.

import React from 'react';
import { Box, render as inkRender } from 'ink';
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import type { TimelineLoader, Window } from '../../src/core/index.js';
import { InteractiveTimeline } from '../../src/ui/interactive-timeline.js';
import { windowOf } from '../../src/ui/window.js';
import { DAY, MON_23_NOV, PEOPLE, ruler, single, T, ZONE } from './fixtures.js';

afterEach(cleanup);

const KEY = {
  right: '\u001B[C',
  left: '\u001B[D',
  shiftRight: '\u001B[1;2C',
  shiftLeft: '\u001B[1;2D',
  escape: '\u001B',
};
const WED_25_NOV = T('2026-11-25T11:00:00Z'); // now: Wed 25 Nov 12:00 Berlin
const settle = () => new Promise((r) => setTimeout(r, 50));
const iso = (t: number) => new Date(t).toISOString();

function app(options: { width?: number; days?: number; start?: number } = {}) {
  const asked: Window[] = [];
  const schedulesFor = (window: Window) => {
    asked.push(window);
    return [single('alpha', 'Alpha', 'alice', window), single('beta', 'Beta', 'bob', window), single('gamma', 'Gamma', 'carol', window)];
  };
  const load = async (window: Window) => schedulesFor(window);
  // As `oncall timeline` does, the first window is loaded before the first picture.
  const start = options.start ?? MON_23_NOV;
  const days = options.days ?? 14;
  const initial = schedulesFor(windowOf(start, days, ZONE));
  // `width` stands for a terminal that wide: ink-testing-library's stdout has 100 columns, so
  // the app is put in a box of that width. Without it, the app follows stdout's columns.
  const width = 'width' in options ? options.width : 121;
  const timeline = React.createElement(InteractiveTimeline, {
    load, initial, zone: ZONE, now: WED_25_NOV, start, days, people: PEOPLE, color: false, width,
  });
  const element = width === undefined ? timeline : React.createElement(Box, { width }, timeline);
  const t = render(element);
  const frame = () => t.lastFrame() ?? '';
  // Each key waits for the picture (or the window asked for) to change, up to 250 ms for
  // keys that change nothing, then settles: a fixed pause alone was too short on a busy machine.
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      const before = `${asked.length}|${frame()}`;
      t.stdin.write(key);
      for (const until = Date.now() + 250; `${asked.length}|${frame()}` === before && Date.now() < until; ) await settle();
      await settle();
    }
  };
  return { t, element, asked, frame, press, last: () => asked[asked.length - 1] };
}

const firstDay = (frame: string) => ruler(frame).labels.trim().split(/\s{2,}|\s(?=[A-Z])/)[0];
const status = (frame: string) => frame.split('\n').filter((l) => l.trim()).pop() ?? '';

test('starts on the given window, with a status line naming the days and the schedule', async () => {
  const a = app();
  await settle();
  expect(a.last()).toEqual({ start: MON_23_NOV, end: MON_23_NOV + 14 * DAY });
  expect(a.frame().split('\n')[0]).toBe('Alpha (alpha) · Europe/Berlin');
  expect(firstDay(a.frame())).toBe('Mon 23');
  expect(status(a.frame())).toMatch(/^14 days · schedule 1\/3 .*q quit/);
  expect(a.frame()).not.toContain('Beta');
});

describe('the status line (issue 4: "shows the window and the keys")', () => {
  test('names the window\'s first and last day, and follows it when it moves', async () => {
    const a = app();
    await settle();
    expect(status(a.frame())).toMatch(/23 Nov.*6 Dec/);
    await a.press(']');
    expect(status(a.frame())).toMatch(/30 Nov.*13 Dec/);
  });

  test('in an 80-column terminal it still says how to quit', async () => {
    const a = app({ width: 80 });
    await settle();
    expect(status(a.frame())).toMatch(/q quit/);
  });
});

describe('moving', () => {
  test('→ one day later, ← one day earlier', async () => {
    const a = app();
    await a.press(KEY.right);
    expect(iso(a.last().start)).toBe('2026-11-23T23:00:00.000Z');
    expect(firstDay(a.frame())).toBe('Tue 24');
    await a.press(KEY.left, KEY.left);
    expect(iso(a.last().start)).toBe('2026-11-21T23:00:00.000Z');
    expect(firstDay(a.frame())).toBe('Sun 22');
    expect(a.last().end - a.last().start).toBe(14 * DAY);
  });

  test('] and [ move a week, and so do shift+→ and shift+←', async () => {
    const a = app();
    await a.press(']');
    expect(iso(a.last().start)).toBe('2026-11-29T23:00:00.000Z');
    expect(firstDay(a.frame())).toBe('Mon 30');
    await a.press(KEY.shiftRight);
    expect(iso(a.last().start)).toBe('2026-12-06T23:00:00.000Z');
    await a.press('[', '[', KEY.shiftLeft);
    expect(iso(a.last().start)).toBe('2026-11-15T23:00:00.000Z');
    expect(firstDay(a.frame())).toBe('Mon 16');
  });

  test('moving day by day across the October DST change keeps days starting at midnight', async () => {
    const a = app({ start: T('2026-10-22T22:00:00Z') }); // Fri 23 Oct 00:00 CEST
    await a.press(KEY.right, KEY.right, KEY.right);
    expect(iso(a.last().start)).toBe('2026-10-25T23:00:00.000Z'); // Mon 26 Oct 00:00 CET
    expect(firstDay(a.frame())).toBe('Mon 26');
  });

  test('t goes back to the default window: Monday of this week', async () => {
    const a = app();
    await a.press(']', ']', KEY.right);
    expect(firstDay(a.frame())).not.toBe('Mon 23');
    await a.press('t');
    expect(a.last()).toEqual({ start: MON_23_NOV, end: MON_23_NOV + 14 * DAY });
    expect(firstDay(a.frame())).toBe('Mon 23');
  });
});

describe('zooming', () => {
  test('+ zooms in (14 → 7 days), - zooms out (→ 28)', async () => {
    const a = app();
    await a.press('+');
    expect(status(a.frame())).toMatch(/^7 days /);
    expect(a.last().end - a.last().start).toBe(7 * DAY);
    expect(ruler(a.frame()).labels).toContain('Sun 29 Nov'); // 7 days: room for the full label
    expect(ruler(a.frame()).labels).not.toContain('Mon 30');
    await a.press('-', '-');
    expect(status(a.frame())).toMatch(/^28 days /);
    expect(a.last().end - a.last().start).toBe(28 * DAY);
    expect(a.last().start).toBe(MON_23_NOV);
  });

  test('zoom stops at 1 day and at 8 weeks', async () => {
    const a = app();
    await a.press('+', '+', '+', '+', '+', '+');
    expect(status(a.frame())).toMatch(/^1 day /);
    await a.press(...Array(8).fill('-'));
    expect(status(a.frame())).toMatch(/^56 days /);
    expect(a.last().end - a.last().start).toBe(56 * DAY);
  });

  test('t after zooming in to a day goes back to today', async () => {
    const a = app();
    await a.press('+', '+', '+', '+', ']', 't');
    expect(status(a.frame())).toMatch(/^1 day /);
    expect(iso(a.last().start)).toBe('2026-11-24T23:00:00.000Z'); // Wed 25 Nov 00:00 Berlin
  });
});

test('s cycles through the schedules, changing the title and the status line', async () => {
  const a = app();
  await a.press('s');
  expect(a.frame().split('\n')[0]).toBe('Beta (beta) · Europe/Berlin');
  expect(status(a.frame())).toContain('schedule 2/3');
  await a.press('s', 's');
  expect(a.frame().split('\n')[0]).toBe('Alpha (alpha) · Europe/Berlin');
  expect(status(a.frame())).toContain('schedule 1/3');
});

describe('quitting', () => {
  // ink-testing-library does not expose waitUntilExit; Ink's own render() called with the
  // same stdout returns the same running instance, which does.
  async function exitsOn(key: string) {
    const a = app();
    await settle();
    const ink = inkRender(a.element, { stdout: a.t.stdout as any, stderr: a.t.stderr as any, stdin: a.t.stdin as any, debug: true, exitOnCtrlC: false, patchConsole: false });
    let exited = false;
    void ink.waitUntilExit().then(() => (exited = true));
    await a.press(key);
    await settle();
    expect(exited).toBe(true);
    const calls = a.asked.length;
    const before = a.frame();
    await a.press(KEY.right, 's');
    expect(a.asked.length).toBe(calls);
    expect(a.frame()).toBe(before);
  }

  test('q exits', () => exitsOn('q'));
  test('Esc exits', () => exitsOn(KEY.escape));

  test('other keys do not exit', async () => {
    const a = app();
    await settle();
    const ink = inkRender(a.element, { stdout: a.t.stdout as any, stderr: a.t.stderr as any, stdin: a.t.stdin as any, debug: true, exitOnCtrlC: false, patchConsole: false });
    let exited = false;
    void ink.waitUntilExit().then(() => (exited = true));
    await a.press('x', KEY.right);
    expect(exited).toBe(false);
    expect(firstDay(a.frame())).toBe('Tue 24');
  });
});

describe('width', () => {
  test('a fixed width: nothing wider', async () => {
    const a = app({ width: 60 });
    await settle();
    for (const line of a.frame().split('\n')) expect(line.length, line).toBeLessThanOrEqual(60);
  });

  test('resizing the terminal redraws to the new width', async () => {
    const a = app({ width: undefined }); // the terminal's width: ink-testing-library says 100
    await settle();
    const widest = () => Math.max(...a.frame().split('\n').map((l) => l.length));
    expect(widest()).toBeGreaterThan(90);
    expect(widest()).toBeLessThanOrEqual(100);
    Object.defineProperty(a.t.stdout, 'columns', { value: 60, configurable: true });
    a.t.stdout.emit('resize');
    await settle();
    expect(widest()).toBeLessThanOrEqual(60);
    expect(a.frame()).toContain('Alpha (alpha)');
  });
});

test('the lane labels keep their width when s switches to a schedule with shorter layer names', async () => {
  const schedulesFor = (window: Window) => {
    const long = single('alpha', 'Alpha', 'alice', window);
    long.layers[0].label = 'business-hours';
    return [long, single('beta', 'Beta', 'bob', window)];
  };
  const load = async (window: Window) => schedulesFor(window);
  const t = render(
    React.createElement(Box, { width: 121 }, React.createElement(InteractiveTimeline, {
      load, initial: schedulesFor(windowOf(MON_23_NOV, 14, ZONE)), zone: ZONE, now: WED_25_NOV, start: MON_23_NOV, days: 14, people: PEOPLE, color: false, width: 121,
    })),
  );
  await settle();
  const barStart = () => (t.lastFrame() ?? '').split('\n').find((l) => l.startsWith('final '))!.indexOf('|');
  const before = barStart();
  t.stdin.write('s');
  await settle();
  expect(t.lastFrame()).toContain('Beta (beta)');
  expect(barStart()).toBe(before);
  expect(before).toBe('business-hours'.length + 1);
});

test('a new loader redraws with its data (issue 12: the memo listed only the window)', async () => {
  const props = { zone: ZONE, now: WED_25_NOV, start: MON_23_NOV, days: 14, people: PEOPLE, color: false, width: 121 };
  const view = (load: TimelineLoader) =>
    React.createElement(Box, { width: 121 }, React.createElement(InteractiveTimeline, { ...props, load }));
  const t = render(view(async (window) => [single('alpha', 'Alpha', 'alice', window)]));
  await settle();
  expect(t.lastFrame()).toContain('Alpha (alpha)');
  t.rerender(view(async (window) => [single('delta', 'Delta', 'bob', window)]));
  await settle();
  expect(t.lastFrame()).toContain('Delta (delta)');
  expect(t.lastFrame()).not.toContain('Alpha (alpha)');
});
