// Colours in the timeline picture. Ink styles text with chalk, which decides its colour
// level once, when it is first imported: 0 (no colour at all) when stdout is not a terminal,
// as in a test worker, unless FORCE_COLOR is set; the depth then still follows TERM (xterm:
// 16 colours). So FORCE_COLOR is set before any import (vi.hoisted runs first), in a file
// of its own, and the exact-colour tests then raise Ink's chalk (the same module) to
// truecolor so that hex colours can be checked as written.

import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '3';
});

import chalk from 'chalk';
import { cleanup, render } from 'ink-testing-library';
import { personColor } from '../../src/ui/colors.js';
import { lane, screen } from './fixtures.js';

afterEach(cleanup);

const ESC = '\u001b';
const bg = (hex: string) => `${ESC}[48;2;${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(';')}m`;
const fg = (hex: string) => bg(hex).replace('[48;', '[38;');
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

test('with FORCE_COLOR set and colour on, bars have ANSI background colours', () => {
  expect(chalk.level).toBeGreaterThan(0);
  const frame = render(screen({ width: 113, color: true })).lastFrame() ?? '';
  expect(frame).toMatch(/\u001b\[(4[0-7]|10[0-7]|48;5;\d+|48;2;\d+;\d+;\d+)m/);
});

describe('in truecolor', () => {
  const level = chalk.level;
  beforeAll(() => {
    chalk.level = 3;
  });
  afterAll(() => {
    chalk.level = level;
  });

  test('with colour on, each person\'s bars have their own background colour (their `color` first)', () => {
    const frame = render(screen({ width: 113, color: true })).lastFrame() ?? '';
    expect(frame).toContain(`${bg('#e06c75')}`); // alice's own colour
    expect(frame).toContain(`${bg('#98c379')}`); // carol's own colour
    expect(frame).toContain(`${bg(personColor('bob'))}`); // bob has none: the derived one
    // Names are in the bars, on the bar's colour (one leading space, no "|").
    expect(frame).toMatch(new RegExp(`${bg('#e06c75').replace(/\[/g, '\\[')}(${ESC}\\[\\d+m)* Alice Liddell`));
    expect(lane(plain(frame), 'final')).not.toContain('|');
    expect(frame).toMatch(new RegExp(`${bg('#e06c75').replace(/\[/g, '\\[')}${ESC}\\[30m`)); // black text on a light bar
    // The legend has a swatch in each person's colour.
    expect(frame).toContain(`${fg('#e06c75')}██`);
  });

  test('a gap is drawn in red', () => {
    const frame = render(screen({ width: 113, color: true })).lastFrame() ?? '';
    const final = frame.split('\n').find((l) => plain(l).startsWith('final '))!;
    expect(final).toMatch(/\u001b\[31m(\u001b\[1m)?░░gap░░/);
  });
});

test('with colour off, no escape codes at all even though chalk could colour', () => {
  expect(chalk.level).toBeGreaterThan(0);
  const frame = render(screen({ width: 113, color: false })).lastFrame() ?? '';
  expect(frame).not.toContain(ESC);
  expect(lane(frame, 'final')).toContain('|Alice Liddell');
  expect(frame).toContain('Alice Liddell (alice)');
});
