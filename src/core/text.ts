// Small text helpers shared by every layer that writes words for people.

/** "1 shift", "2 shifts", "0 shifts"; `pluralWord` for words that do not just take an s. */
export function plural(n: number, word: string, pluralWord: string = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

// Characters that steer a terminal rather than show as text: C0 controls (ESC starts escape
// sequences that retitle the window or clear the screen, CR returns to the line start), DEL,
// C1 controls (U+009B is a one-byte CSI), the line and paragraph separators, and the bidi
// controls that reorder what follows them (embeddings, overrides, isolates, marks).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same without the g flag: a quick test (most text is safe), with no lastIndex to reset.
const ANY_UNSAFE = new RegExp(UNSAFE.source);

/** How an unsafe character is shown: a control picture (␛, ␍, ␇, ␡), ↵ for a line break, else �. */
function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x09) return ' ';
  if (code === 0x0a || code === 0x2028 || code === 0x2029) return '↵';
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '␡';
  return '\ufffd';
}

/**
 * Text made safe to write to a terminal on one line: every control character, DEL and bidi
 * control is replaced by a visible symbol, so a name or reason can neither act on the
 * terminal nor start a line of its own. Safe text stays as it is.
 */
export function terminalSafe(text: string): string {
  return ANY_UNSAFE.test(text) ? text.replace(UNSAFE, visible) : text;
}

/** The same for text of several lines (help, a data format shown on a terminal): newlines, CRLF and tabs stay. */
export function terminalSafeLines(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (ch, at: number) =>
    ch === '\n' || ch === '\t' || (ch === '\r' && text[at + 1] === '\n') ? ch : visible(ch),
  );
}
