import { describe, expect, test } from 'vitest';
import { plural, terminalSafe, terminalSafeLines } from '../../src/core/index.js';

describe('plural', () => {
  test.each([
    [0, 'shift', undefined, '0 shifts'],
    [1, 'shift', undefined, '1 shift'],
    [2, 'busy event', undefined, '2 busy events'],
    [1, 'person', 'people', '1 person'],
    [3, 'person', 'people', '3 people'],
  ])('%i %s', (n, word, pluralWord, expected) => {
    expect(plural(n, word, pluralWord)).toBe(expected);
  });
});

// Issue 13, class 6: what a terminal must never receive from user text, and how it is shown.
describe('terminalSafe: one line, every control visible', () => {
  test.each([
    ['window title (OSC … BEL)', 'a\u001b]0;pwned\u0007b', 'a␛]0;pwned␇b'],
    ['clear screen (CSI 2J)', '\u001b[2J', '␛[2J'],
    ['one-byte CSI (U+009B)', '\u009b2J', '\ufffd2J'],
    ['other C1: NEL, OSC, ST', '\u0085\u009d\u009c', '\ufffd\ufffd\ufffd'],
    ['carriage return overwriting the line', 'safe\revil', 'safe␍evil'],
    ['line feed starting a forged line', 'a\n  + person x', 'a↵  + person x'],
    ['CRLF', 'a\r\nb', 'a␍↵b'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a↵b↵c'],
    ['tab', 'a\tb', 'a b'],
    ['NUL, BEL, backspace, DEL', '\u0000\u0007\u0008\u007f', '␀␇␈␡'],
    ['bidi embeddings and override', '\u202a\u202b\u202c\u202d\u202e', '\ufffd'.repeat(5)],
    ['bidi isolates', '\u2066\u2067\u2068\u2069', '\ufffd'.repeat(4)],
    ['bidi marks', '\u200e\u200f\u061c', '\ufffd'.repeat(3)],
    ['plain text, accents, CJK, emoji and RTL letters stay', 'Zoë 山田 🚀 שלום', 'Zoë 山田 🚀 שלום'],
    ['our own symbols stay', '— … → ↻ ␛', '— … → ↻ ␛'],
  ])('%s', (_name, text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
  });

  test('the length is kept (widths can be counted before or after) and a second pass changes nothing', () => {
    const every = Array.from({ length: 0x2070 }, (_, i) => String.fromCharCode(i)).join('');
    const once = terminalSafe(every);
    expect(once).toHaveLength(every.length);
    expect(terminalSafe(once)).toBe(once);
    expect([...once].filter((ch) => /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(ch))).toEqual([]);
  });
});

describe('terminalSafeLines: line breaks and tabs stay, the rest as terminalSafe', () => {
  test.each([
    ['newlines and CRLF record ends', 'a\nb\r\nc', 'a\nb\r\nc'],
    ['a tab', 'a\tb', 'a\tb'],
    ['a lone CR', 'a\rb', 'a␍b'],
    ['a CR at the very end', 'a\r', 'a␍'],
    ['escapes, C1, bidi', '\u001b[2J\u009b\u202e', '␛[2J\ufffd\ufffd'],
  ])('%s', (_name, text, shown) => {
    expect(terminalSafeLines(text)).toBe(shown);
  });
});
