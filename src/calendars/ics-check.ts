// Checking an .ics file before ical.js reads it, so that anything that is not a calendar (a
// YAML file, an image, an empty or truncated file, invalid UTF-8) is refused with the line at
// fault instead of whatever the parser happens to throw. The outline it returns gives the line
// of each event, for problems found later.

/** A problem with the file, at a line (1-based) when one is to blame. */
export class IcsProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'IcsProblem';
  }
}

/** Components nest this deep at most (VCALENDAR › VEVENT › VALARM is 3). */
const MAX_DEPTH = 16;
const NOT_ICS = 'not an iCalendar file';

/** Strict UTF-8 (a BOM is dropped): the first line that is not valid UTF-8 is named. */
export function decodeIcs(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        break;
      }
      line++;
      start = i + 1;
    }
    throw new IcsProblem('not valid UTF-8 text (export the calendar again, as UTF-8)', line);
  }
}

export interface IcsOutline {
  /** The line of each VEVENT directly inside a VCALENDAR, in file order (as ical.js lists them). */
  eventLines: number[];
}

interface Frame {
  name: string;
  line: number;
  dtstart: boolean;
  uid: string;
}

/**
 * Checks the file's shape: it begins with BEGIN:VCALENDAR, every line is a property, BEGIN and
 * END pair up, and every event has a DTSTART. Folded lines count from where they start.
 */
export function outlineIcs(text: string): IcsOutline {
  const eventLines: number[] = [];
  const stack: Frame[] = [];
  let started = false;
  for (const { line, content } of logicalLines(text)) {
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(content)) {
      throw new IcsProblem(started ? 'a control character (RFC 5545 allows only tab)' : `${NOT_ICS}: it holds control characters (a binary file?)`, line);
    }
    const property = /^([A-Za-z0-9-]+)[;:]/.exec(content);
    if (!started && !/^BEGIN:VCALENDAR$/i.test(content.trim())) {
      throw new IcsProblem(`${NOT_ICS}: it does not begin with BEGIN:VCALENDAR (export the calendar as an .ics file)`, line);
    }
    started = true;
    if (!property) throw new IcsProblem('not an iCalendar line (NAME:value expected)', line);
    const name = property[1].toUpperCase();
    const value = content.slice(content.indexOf(':') + 1).trim().toUpperCase();
    const top = stack[stack.length - 1];
    if (name === 'BEGIN') {
      if (!top && value !== 'VCALENDAR') throw new IcsProblem(`BEGIN:${value} outside a VCALENDAR`, line);
      if (stack.length >= MAX_DEPTH) throw new IcsProblem(`components nested more than ${MAX_DEPTH} deep`, line);
      if (value === 'VEVENT' && top?.name === 'VCALENDAR') eventLines.push(line);
      stack.push({ name: value, line, dtstart: false, uid: '' });
    } else if (name === 'END') {
      if (!top) throw new IcsProblem(`END:${value} without a BEGIN`, line);
      if (top.name !== value) throw new IcsProblem(`END:${value} does not close BEGIN:${top.name} of line ${top.line}`, line);
      if (top.name === 'VEVENT' && !top.dtstart) {
        throw new IcsProblem(`invalid iCalendar event ${top.uid || '(no UID)'}: no DTSTART`, top.line);
      }
      stack.pop();
    } else if (!top) {
      throw new IcsProblem(`${name} after END:VCALENDAR`, line);
    } else if (name === 'RRULE' && /(^|;)INTERVAL=(?!0*[1-9]\d*(;|$))/i.test(content.slice(content.indexOf(':') + 1))) {
      // ical.js would quietly read INTERVAL=0 or -1 as 1.
      throw new IcsProblem('RRULE INTERVAL must be a whole number of 1 or more', line);
    } else if (top.name === 'VEVENT' && name === 'DTSTART') {
      top.dtstart = true;
    } else if (top.name === 'VEVENT' && name === 'UID') {
      top.uid = content.slice(content.indexOf(':') + 1).trim().slice(0, 100);
    }
  }
  if (!started) throw new IcsProblem(`${NOT_ICS}: the file is empty`);
  const open = stack[stack.length - 1];
  if (open) throw new IcsProblem(`BEGIN:${open.name} is never closed (is the file cut short?)`, open.line);
  return { eventLines };
}

/** Unfolded content lines (RFC 5545 §3.1) with the line each starts on; blank lines skipped. */
export function* logicalLines(text: string): Generator<{ line: number; content: string }> {
  const physical = text.replace(/^\ufeff/, '').split(/\r?\n/);
  let current: { line: number; content: string } | undefined;
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i];
    if (current && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      current.content += raw.slice(1);
      continue;
    }
    if (current) yield current;
    current = raw.trim() === '' ? undefined : { line: i + 1, content: raw };
  }
  if (current) yield current;
}
