// RFC 5545 content lines: text escaping, and folding at 75 octets. Folding counts UTF-8
// octets and never splits a character, so names with accents and emoji survive every parser.

const MAX_OCTETS = 75;

// Control characters other than the line break: a lone CR starts a new line for some
// readers (an injected property or event), ESC and BEL reach terminals that show the feed.
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** A TEXT value's characters: line breaks (CRLF, CR, LF) become LF, other controls go. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROLS, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (after cleanText). */
export function escapeText(value: string): string {
  return cleanText(value).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

/** Undoes folding: a line break followed by a space or tab continues the previous line. */
export function unfold(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter((line) => line.length > 0);
}

/** Splits a line into pieces of at most 75 octets; continuation pieces start with a space. */
export function foldLine(line: string): string {
  if (fitsAsIs(line)) return line;
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      pieces.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n');
}

/** Whether a line is at most 75 octets, without encoding it (most lines are short ASCII). */
function fitsAsIs(line: string): boolean {
  if (line.length > MAX_OCTETS) return false;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) > 0x7f) return Buffer.byteLength(line, 'utf8') <= MAX_OCTETS;
  return true;
}

/** Joins content lines into a calendar body: folded, each ending with CRLF. */
export function serialize(lines: string[]): string {
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}
