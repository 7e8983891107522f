// What human output is made of. Anything a user typed (ids, names, reasons, e-mails, `--as`,
// titles, notes, text an error quotes) may hold control characters that retitle the window,
// clear the screen or forge lines. Two kinds of value reach the terminal:
//
// - a plain string: `print` and `note` show it on one line, every control made visible
//   (core's `terminalSafe`), so text nobody thought about is safe by default;
// - a `TerminalText`: built only here, from safe text. Its user parts are made safe as it is
//   built (`term`, the colours, `table`); the only escape codes in it are our own colours,
//   added around text that is already safe, never the other way round.
//
// Used inside a plain template literal, a TerminalText gives its safe text without colour.

import pc from 'picocolors';
import { terminalSafe, terminalSafeLines } from '../core/index.js';

// Our colour codes (SGR). User text holds no ESC once it is safe, so every match is ours.
const SGR = /\u001b\[[0-9;]*m/g;

class TerminalText {
  constructor(
    /** The text as shown, every user part already safe, with our colour codes. */
    readonly rendered: string,
  ) {}

  /** The safe text without colour. */
  toString(): string {
    return this.rendered.replace(SGR, '');
  }
}

export type { TerminalText };

/** What may go into human output: plain text (made safe on one line), a number, or TerminalText. */
export type Shown = string | number | TerminalText;

/** A value as TerminalText: plain text shown on one line with its controls made visible. */
export function textOf(value: Shown): TerminalText {
  if (value instanceof TerminalText) return value;
  return new TerminalText(terminalSafe(String(value)));
}

/**
 * A line (or lines) of our own words with values in it: term`Added ${id}.`. The literal parts
 * may hold line breaks; each value is shown on one line (a newline in a reason is "↵").
 */
export function term(strings: TemplateStringsArray, ...values: Shown[]): TerminalText {
  let rendered = '';
  strings.forEach((literal, i) => {
    rendered += terminalSafeLines(literal);
    if (i < values.length) rendered += textOf(values[i]).rendered;
  });
  return new TerminalText(rendered);
}

/** Parts joined by `separator` (a newline unless given). */
export function joinText(parts: Shown[], separator = '\n'): TerminalText {
  return new TerminalText(parts.map((part) => textOf(part).rendered).join(terminalSafeLines(separator)));
}

/** Without trailing spaces (those before a final colour code stay). */
export function trimEndText(text: TerminalText): TerminalText {
  return new TerminalText(text.rendered.trimEnd());
}

/**
 * The output of a renderer that makes every user string safe itself (the Ink timeline does,
 * and its tests prove it): its colour codes (SGR) are kept, and as a second line of defence
 * everything between them is made safe like any text of several lines.
 */
export function renderedText(text: string): TerminalText {
  const parts = text.split(/(\u001b\[[0-9;]*m)/); // odd indices: the colour codes
  return new TerminalText(parts.map((part, i) => (i % 2 === 1 ? part : terminalSafeLines(part))).join(''));
}

/** Adds a colour to text; plain text is made safe first. */
export type Paint = (text: Shown) => TerminalText;

export interface Colors {
  red: Paint;
  green: Paint;
  yellow: Paint;
  dim: Paint;
  bold: Paint;
}

export function colorsFor(enabled: boolean): Colors {
  const styles = pc.createColors(enabled);
  const paint = (style: (text: string) => string): Paint => (text) => {
    return new TerminalText(style(textOf(text).rendered));
  };
  return { red: paint(styles.red), green: paint(styles.green), yellow: paint(styles.yellow), dim: paint(styles.dim), bold: paint(styles.bold) };
}

/** Text for the terminal: plain strings on one line with their controls made visible. */
export function forTerminal(value: Shown): string {
  return textOf(value).rendered;
}

// JSON.stringify escapes C0 controls but writes DEL, C1 controls, the line separators and bidi
// controls as they are: written as \u escapes they read back as the same string.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON for stdout: every string exactly as stored, and nothing in it that acts on a terminal. */
export function jsonText(value: unknown, indent: number | undefined = 2): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
