// The one event of a feed that ics validates and formats: each value that varies from event
// to event is a mark, and every event is that event's lines with its own values in place of
// the marks, escaped and formatted as ics does.

import { foldLine } from './ics-lines.js';

export interface FeedEvent {
  uid: string;
  start: number;
  end: number;
  summary: string;
  description: string;
  sequence: number;
}

export const MARKS = {
  uid: 'ONCALLMARKUID',
  summary: 'ONCALLMARKSUMMARY',
  description: 'ONCALLMARKDESCRIPTION',
  alarm: 'ONCALLMARKALARM',
  start: '19700102T030405Z',
  end: '19700203T040506Z',
  sequence: '918273645',
} as const;

type Mark = keyof typeof MARKS;

export const MARKED: FeedEvent = {
  uid: MARKS.uid,
  summary: MARKS.summary,
  description: MARKS.description,
  start: Date.UTC(1970, 0, 2, 3, 4, 5),
  end: Date.UTC(1970, 1, 3, 4, 5, 6),
  sequence: Number(MARKS.sequence),
};

const MARKER = new RegExp(`(${Object.values(MARKS).join('|')})`);
const MARK_NAMES = new Map(Object.entries(MARKS).map(([name, mark]) => [mark as string, name as Mark]));
/** The event's value each mark stands for. */
const SOURCE: Record<Mark, keyof FeedEvent> = {
  uid: 'uid',
  summary: 'summary',
  description: 'description',
  alarm: 'summary',
  start: 'start',
  end: 'end',
  sequence: 'sequence',
};

export type Escape = (text: string) => string;

/** A line with marks: this event's line, folded, with its CRLF. */
export interface VaryingLine {
  write(e: FeedEvent, escape: Escape): string;
}

/** A line of the marked event: its folded text (with CRLF) when nothing in it varies. */
export function templateLine(line: string): string | VaryingLine {
  const split = line.split(MARKER);
  if (split.length === 1) return `${foldLine(line)}\r\n`;
  const texts = split.filter((_, i) => i % 2 === 0);
  const marks = split.filter((_, i) => i % 2 === 1).map((mark) => MARK_NAMES.get(mark)!);
  const fill = (e: FeedEvent, escape: Escape) => `${foldLine(filled(texts, marks, e, escape))}\r\n`;
  // Summaries, descriptions, times and sequence numbers repeat across a feed: a line whose
  // marks all stand for one of them is written once per value (the UID is every event's own).
  const sources = new Set(marks.map((mark) => SOURCE[mark]));
  const [source] = sources;
  if (sources.size > 1 || source === 'uid') return { write: fill };
  const written = new Map<string | number, string>();
  const valueOf = VALUE[source];
  return {
    write(e, escape) {
      const value = valueOf(e);
      let text = written.get(value);
      if (text === undefined) written.set(value, (text = fill(e, escape)));
      return text;
    },
  };
}

// One function per value, not e[source]: a property read that meets one name stays fast.
const VALUE: Record<Exclude<keyof FeedEvent, 'uid'>, (e: FeedEvent) => string | number> = {
  summary: (e) => e.summary,
  description: (e) => e.description,
  start: (e) => e.start,
  end: (e) => e.end,
  sequence: (e) => e.sequence,
};

/** The line's texts with this event's values for the marks between them. */
function filled(texts: string[], marks: Mark[], e: FeedEvent, escape: Escape): string {
  let text = texts[0];
  for (let i = 0; i < marks.length; i++) text += valueOf(marks[i], e, escape) + texts[i + 1];
  return text;
}

function valueOf(mark: Mark, e: FeedEvent, escape: Escape): string {
  switch (mark) {
    case 'uid': return e.uid.includes('\n') ? e.uid.replace(/\r?\n/g, '\\n') : e.uid;
    case 'summary': return escape(e.summary);
    case 'description': return escape(e.description);
    case 'alarm': return escape(e.summary);
    case 'start': return utcStamp(e.start);
    case 'end': return utcStamp(e.end);
    case 'sequence': return String(e.sequence);
  }
}

/** 20261123T080000Z, as ics writes a UTC time given in milliseconds (its year unpadded). */
export function utcStamp(instant: number): string {
  const d = new Date(instant);
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
}
