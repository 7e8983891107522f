// RFC 5545 content lines: TEXT escaping (§3.3.11), folding at 75 octets (§3.1) without ever
// splitting a UTF-8 character, and CRLF line ends.

import { describe, expect, test } from 'vitest';
import { cleanText, escapeText, foldLine, serialize, unfold } from '../../src/calendars/ics-lines.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const octets = (s: string) => Buffer.byteLength(s, 'utf8');

/** The physical lines of a folded line, each checked to be valid UTF-8 on its own. */
function physicalLines(folded: string): string[] {
  return folded.split('\r\n').map((line) => utf8.decode(Buffer.from(line, 'utf8')));
}

/** Splits the raw bytes at CRLF and decodes each piece strictly (throws on a split character). */
function decodeEachLine(bytes: Buffer): string[] {
  const lines: string[] = [];
  let from = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(utf8.decode(bytes.subarray(from, i)));
      from = i + 2;
      i++;
    }
  }
  lines.push(utf8.decode(bytes.subarray(from)));
  return lines;
}

function expectWellFolded(original: string): void {
  const folded = foldLine(original);
  const bytes = Buffer.from(folded, 'utf8');
  const lines = decodeEachLine(bytes); // throws if a character was cut in two
  for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
  for (const line of lines.slice(1)) {
    expect(line.startsWith(' ')).toBe(true);
  }
  expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(original);
  expect(unfold(folded)).toEqual([original]);
}

describe('cleanText', () => {
  test.each([
    ['a lone CR is a line break, not the start of a property', 'one\rUID:x', 'one\nUID:x'],
    ['CRLF and LF are one line break each', 'a\r\nb\nc', 'a\nb\nc'],
    ['ESC, BEL, NUL and DEL go', 'x\u001b]0;t\u0007y\u0000\u007f', 'x]0;ty'],
    ['C1 controls (the one-character CSI U+009B) go', 'a\u009b2Jb\u0085c', 'a2Jbc'],
    ['a tab becomes a space', 'a\tb', 'a b'],
    ['text, accents and emoji stay', "Zoë O'Brien 🐙", "Zoë O'Brien 🐙"],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  test('escapeText cleans first: a lone CR becomes \\n, ESC is gone', () => {
    expect(escapeText('a\rb\u001b,c')).toBe('a\\nb\\,c');
  });
});

describe('escapeText', () => {
  test('escapes commas, semicolons and backslashes', () => {
    expect(escapeText('a,b;c\\d')).toBe('a\\,b\\;c\\\\d');
    expect(escapeText('Payments, EU; primary')).toBe('Payments\\, EU\\; primary');
  });

  test('a backslash is escaped before the characters that gain one', () => {
    expect(escapeText('\\,')).toBe('\\\\\\,');
    expect(escapeText('C:\\temp;x')).toBe('C:\\\\temp\\;x');
  });

  test('newlines (LF and CRLF) become \\n and no raw line break is left', () => {
    expect(escapeText('line one\nline two\r\nline three')).toBe('line one\\nline two\\nline three');
    expect(escapeText('a\nb')).not.toMatch(/[\r\n]/);
  });

  test('colons, quotes, accents and emoji are left alone', () => {
    expect(escapeText("On call: Zoë O'Brien 🐙 — \"Ops\"")).toBe("On call: Zoë O'Brien 🐙 — \"Ops\"");
  });
});

describe('foldLine', () => {
  test('a line of exactly 75 octets is not folded; 76 octets is', () => {
    const line75 = `SUMMARY:${'x'.repeat(67)}`;
    expect(octets(line75)).toBe(75);
    expect(foldLine(line75)).toBe(line75);
    const line76 = `${line75}y`;
    expect(foldLine(line76)).toBe(`${line75}\r\n y`);
  });

  test('long ASCII lines: every physical line ≤ 75 octets, continuations start with one space', () => {
    for (const n of [76, 149, 150, 151, 300, 1000]) expectWellFolded(`DESCRIPTION:${'abcdefghij'.repeat(100)}`.slice(0, n));
  });

  test('octets, not characters, are counted: 60 two-octet characters need folding', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`; // 68 characters, 128 octets
    expect(line.length).toBeLessThanOrEqual(75);
    expect(foldLine(line)).toContain('\r\n ');
    expectWellFolded(line);
  });

  test('accents and emoji are never split, at every alignment', () => {
    const name = "Zoë O'Brien, Jr.; 🐙 on-call — Ærøskøbing 👩🏽‍💻 東京 ";
    for (let pad = 0; pad < 8; pad++) {
      expectWellFolded(`SUMMARY:${'x'.repeat(pad)}${name.repeat(6)}`);
      expectWellFolded(`X:${'y'.repeat(pad)}${'🐙'.repeat(40)}`);
      expectWellFolded(`X:${'y'.repeat(pad)}${'€'.repeat(50)}`);
    }
  });

  test('physical lines of an emoji-heavy line are each valid UTF-8 on their own', () => {
    const lines = physicalLines(foldLine(`SUMMARY:On call: ${'🐙'.repeat(30)}`));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  test('short lines are returned unchanged', () => {
    expect(foldLine('BEGIN:VEVENT')).toBe('BEGIN:VEVENT');
    expect(foldLine('')).toBe('');
  });
});

describe('serialize', () => {
  test('every line, the last included, ends with CRLF and there is no bare LF or CR', () => {
    const text = serialize(['BEGIN:VCALENDAR', `X-LONG:${'é'.repeat(80)}`, 'END:VCALENDAR']);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of decodeEachLine(Buffer.from(text, 'utf8')).slice(0, -1)) {
      expect(octets(line)).toBeLessThanOrEqual(75);
    }
  });

  test('unfold(serialize(lines)) gives the logical lines back', () => {
    const lines = ['BEGIN:VEVENT', `SUMMARY:${escapeText("Zoë O'Brien, Jr.; 🐙 on-call ".repeat(5))}`, 'END:VEVENT'];
    expect(unfold(serialize(lines))).toEqual(lines);
  });

  test('an empty list gives an empty body', () => {
    expect(serialize([])).toBe('');
  });
});
