// A fast first read of a YAML file. `yaml` (which reports every problem as file:line:col
// and decides what a file means) takes 2.5 s for the benchmark's 2 MB file; js-yaml's event
// parser takes 0.3 s. So js-yaml reads a file first, but only a plain subset in which both
// libraries read the same data: block collections, flow collections on one line, scalars
// on one line (no block scalars), string keys that appear once, no anchors, aliases, tags
// or directives. Plain scalars are resolved here with `yaml`'s own core-schema rules. For
// anything else, or anything js-yaml refuses, this returns undefined and the caller reads
// the file with `yaml`.

import { COLLECTION_STYLE, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';

/** The file's data, or undefined when the file is outside the subset (or not YAML at all). */
export function quickYaml(text: string): { value: unknown } | undefined {
  if (hasLongLine(text) || OUTSIDE.test(text) || (text.match(MARKERS)?.length ?? 0) > 1) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  return build(text, events);
}

// Where the two libraries were seen to differ: directives (js-yaml does not list reserved
// ones, which `yaml` warns about); a carriage return alone (a line break to js-yaml only);
// tabs (js-yaml takes some as indentation); a byte-order mark before a flow collection;
// `...` (an empty document to `yaml` only) and an indented `---` (a marker to js-yaml only).
const OUTSIDE = /^%|\r(?!\n)|\t|\uFEFF|^ *\.\.\.|^ +---/m;
// A file in the subset is one document: at most one `---`.
const MARKERS = /^---/gm;

// `yaml` refuses an implicit key more than 1024 characters before its `:`; no line of a
// file in the subset is that long, so the rule can never apply.
const MAX_LINE = 1000;

function hasLongLine(text: string): boolean {
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    if (end - start > MAX_LINE) return true;
    start = end + 1;
  }
  return text.length - start > MAX_LINE;
}

interface Frame {
  value: Record<string, unknown> | unknown[];
  /** The key waiting for its value in a mapping; undefined when the next scalar is a key. */
  key: string | undefined;
  /** Where a flow collection opened (its `[` or `{`); -1 for a block one. */
  flowStart: number;
}

const DECLINE = Symbol('decline');

function build(text: string, events: Event[]): { value: unknown } | undefined {
  if (events.length === 0 || events[0].type !== EVENT_ID.DOCUMENT || events[0].directives.length > 0) return undefined;
  const stack: Frame[] = [];
  let root: unknown = DECLINE;
  // The end of the last thing read, to find where a flow collection closes.
  let lastEnd = 0;
  const place = (value: unknown): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root !== DECLINE) return false;
      root = value;
      return true;
    }
    if (Array.isArray(top.value)) {
      top.value.push(value);
      return true;
    }
    if (top.key === undefined) return false;
    top.value[top.key] = value;
    top.key = undefined;
    return true;
  };
  for (let i = 1; i < events.length; i++) {
    const event = events[i];
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) return undefined;
        const value = scalarValue(text, event);
        if (value === DECLINE) return undefined;
        if (event.valueStart !== -1) lastEnd = event.valueEnd + (event.style === SCALAR_STYLE.PLAIN ? 0 : 1);
        const top = stack[stack.length - 1];
        if (top && !Array.isArray(top.value) && top.key === undefined) {
          // A key: a string `yaml` would use as is, and not one seen already in this mapping.
          if (typeof value !== 'string' || value === '__proto__' || Object.hasOwn(top.value, value)) return undefined;
          top.key = value;
        } else if (!place(value)) {
          return undefined;
        }
        break;
      }
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) return undefined;
        const top = stack[stack.length - 1];
        if (top && !Array.isArray(top.value) && top.key === undefined) return undefined; // a collection as a key
        const flow = event.style === COLLECTION_STYLE.FLOW;
        const opener = event.type === EVENT_ID.SEQUENCE ? '[' : '{';
        if (flow && text[event.start] !== opener) return undefined;
        const value = event.type === EVENT_ID.SEQUENCE ? [] : {};
        if (!place(value)) return undefined;
        stack.push({ value, key: undefined, flowStart: flow ? event.start : -1 });
        if (flow) lastEnd = event.start + 1;
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (!frame) {
          // The document's end: nothing may follow it (one document per file).
          return i === events.length - 1 && root !== DECLINE ? { value: root } : undefined;
        }
        if (!Array.isArray(frame.value) && frame.key !== undefined) return undefined;
        if (frame.flowStart !== -1) {
          const close = flowClose(text, frame, lastEnd);
          if (close === -1) return undefined;
          lastEnd = close + 1;
        }
        break;
      }
      default:
        return undefined; // an alias, or a second document
    }
  }
  return undefined;
}

/** Where a flow collection closes, when that is on the line it opened on; else -1. */
function flowClose(text: string, frame: Frame, from: number): number {
  const closer = Array.isArray(frame.value) ? ']' : '}';
  let i = from;
  while (text[i] === ' ' || text[i] === ',') i++;
  if (text[i] !== closer) return -1;
  const line = text.indexOf('\n', frame.flowStart);
  return line === -1 || line > i ? i : -1;
}

function scalarValue(text: string, event: ScalarEvent): unknown {
  if (event.valueStart === -1) return event.style === SCALAR_STYLE.PLAIN ? null : DECLINE;
  // js-yaml marks a scalar `fast` when it is its source as written: on one line, no escapes.
  if (event.style === SCALAR_STYLE.PLAIN) return event.fast ? plainValue(text.slice(event.valueStart, event.valueEnd)) : DECLINE;
  if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) {
    const source = text.slice(event.valueStart, event.valueEnd);
    if (event.fast) return source;
    return /[\n\r]/.test(source) ? DECLINE : getScalarValue(text, event);
  }
  return DECLINE; // block scalars (| and >)
}

// `yaml`'s core schema, in its order: the first test that matches decides, else a string.
const CORE: [RegExp, (text: string) => unknown][] = [
  [/^(?:~|[Nn]ull|NULL)?$/, () => null],
  [/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (t) => t[0] === 't' || t[0] === 'T'],
  [/^0o[0-7]+$/, (t) => parseInt(t.substring(2), 8)],
  [/^[-+]?[0-9]+$/, (t) => parseInt(t.substring(0), 10)],
  [/^0x[0-9a-fA-F]+$/, (t) => parseInt(t.substring(2), 16)],
  [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (t) => (t.slice(-3).toLowerCase() === 'nan' ? NaN : t[0] === '-' ? -Infinity : Infinity)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (t) => parseFloat(t)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (t) => parseFloat(t)],
];

// Most plain scalars are ids and times: one test tells those that match none of the schema's.
const ANY_CORE = new RegExp(CORE.map(([test]) => test.source).join('|'));

function plainValue(text: string): unknown {
  if (!ANY_CORE.test(text)) return text;
  for (const [test, resolve] of CORE) if (test.test(text)) return resolve(text);
  return text;
}
