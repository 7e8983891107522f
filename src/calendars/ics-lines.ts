// RFC 5545 content lines: text escaping, and folding at 75 octets. Folding counts UTF-8
// octets and never splits a character, so names with accents and emoji survive every parser.

const MAX_OCTETS = 75;

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Undoes folding: a line break followed by a space or tab continues the previous line. */
export function unfold(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter((line) => line.length > 0);
}

/** Splits a line into pieces of at most 75 octets; continuation pieces start with a space. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
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

/** Joins content lines into a calendar body: folded, each ending with CRLF. */
export function serialize(lines: string[]): string {
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}
