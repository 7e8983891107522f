// The pieces human output is made of (issue 13, class 6): plain text is shown on one line with
// its controls made visible, colour goes only around text that is already safe, tables measure
// safe text, and JSON escapes what a terminal would act on while keeping every string.

import { describe, expect, test } from 'vitest';
import { colorsFor, forTerminal, joinText, jsonText, renderedText, term, textOf } from '../../src/cli/terminal-text.js';
import { fitWidth, table, terminalWidth } from '../../src/cli/output.js';
import { CLEAR, TITLE, unsafeIn } from './hostile-text.js';

const colour = colorsFor(true);

describe('TerminalText', () => {
  test('a plain string is one line: controls and newlines shown', () => {
    expect(forTerminal(`a${TITLE}\nb`)).toBe('a␛]0;pwned␇↵b');
    expect(forTerminal(42)).toBe('42');
  });

  test('term: our line breaks stay, a value stays on its line', () => {
    const text = term`Title\n  ${`x\n  + forged${CLEAR}`}\n`;
    expect(forTerminal(text)).toBe('Title\n  x↵  + forged␛[2J\n');
  });

  test('colour wraps safe text: the only escapes are its own codes', () => {
    const painted = colour.red(`name${CLEAR}${TITLE}`);
    expect(forTerminal(painted)).toBe('\u001b[31mname␛[2J␛]0;pwned␇\u001b[39m');
    expect(String(painted)).toBe('name␛[2J␛]0;pwned␇');
    // Nested and joined, colour survives; inside a plain template it gives the safe text only.
    const line = term`${colour.bold(colour.red('x'))} ${'\u009b2J'}`;
    expect(unsafeIn(forTerminal(line), true)).toEqual([]);
    expect(forTerminal(line)).toMatch(/^\u001b\[1m\u001b\[31mx/);
    expect(`${painted}`).toBe('name␛[2J␛]0;pwned␇');
    expect(forTerminal(joinText([painted, '\u202eb']))).toBe('\u001b[31mname␛[2J␛]0;pwned␇\u001b[39m\n\ufffdb');
  });

  test("a renderer's output keeps its colour codes, and nothing else acts on the terminal", () => {
    const text = renderedText(`\u001b[1mtitle\u001b[22m ${TITLE}\n\u001b[48;2;1;2;3m bar ${CLEAR}\u001b[49m\r\n`);
    expect(text.rendered).toBe(`\u001b[1mtitle\u001b[22m ␛]0;pwned␇\n\u001b[48;2;1;2;3m bar ␛[2J\u001b[49m\r\n`);
    expect(String(text)).toBe('title ␛]0;pwned␇\n bar ␛[2J\r\n');
  });

  test('no colour: the same text without codes', () => {
    expect(forTerminal(colorsFor(false).red(`a${CLEAR}`))).toBe('a␛[2J');
    expect(textOf(colorsFor(false).dim('x')).rendered).toBe('x');
  });
});

describe('table', () => {
  test('cells are made safe before widths are counted; colour comes after the cut', () => {
    const rows = [
      [{ text: `ab${CLEAR}`, paint: colour.red }, { text: 'x' }],
      [{ text: `\u202e${'long'.repeat(10)}` }, { text: `y\nz` }],
    ];
    const shown = forTerminal(table([{ header: 'NAME', shrink: true }, { header: 'NOTE' }], rows, colour, 20));
    expect(unsafeIn(shown, true)).toEqual([]);
    const plain = shown.replace(/\u001b\[\d+m/g, '');
    // 20 columns: NOTE keeps its 4, the gap 2, NAME is cut to 14.
    expect(plain.split('\n')).toEqual(['NAME            NOTE', 'ab␛[2J          x', '\ufffdlonglonglong…  y↵z']);
    expect(shown).toContain(`\u001b[31mab␛[2J${' '.repeat(8)}\u001b[39m`);
  });

  test('fitWidth counts the safe text', () => {
    expect(fitWidth(`a\u001b[2Jbcdef`, 5)).toBe('a␛[2…');
  });
});

describe('the width of human output', () => {
  const env = (COLUMNS?: string) => (COLUMNS === undefined ? {} : { COLUMNS });
  test.each([
    ['a terminal: its width, whatever COLUMNS says', { isTTY: true, columns: 132 }, env('60'), 132],
    ['a terminal that does not say: 80', { isTTY: true }, env(), 80],
    ['a pipe with COLUMNS=200: 200', { isTTY: false }, env('200'), 200],
    ['a pipe without COLUMNS: no limit', { isTTY: false }, env(), Infinity],
    ['a pipe with COLUMNS that is not a width: no limit', { isTTY: false }, env('wide'), Infinity],
    ['a pipe with COLUMNS=0: no limit', { isTTY: false }, env('0'), Infinity],
  ])('%s', (_name, stream, environment, width) => {
    expect(terminalWidth({ write: () => true, ...stream }, environment)).toBe(width);
  });
});

describe('jsonText', () => {
  test('strings read back exactly; DEL, C1, separators and bidi controls are \\u escapes', () => {
    const value = { name: `a${TITLE}\u007f\u009b\u0085\u2028\u2029\u202e\u2066\u200f\u061c z`, n: 1 };
    const text = jsonText(value);
    expect(unsafeIn(text)).toEqual([]);
    expect(text).toContain('\\u009b');
    expect(text).toContain('\\u202e');
    expect(JSON.parse(text)).toEqual(value);
    expect(jsonText(value, 0)).not.toContain('\n');
  });
});
