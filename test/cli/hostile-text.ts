// Text that tries to take over the terminal (issue 13, class 6), for the output-injection tests:
// each string holds escape sequences (retitle the window, clear the screen, move the cursor),
// BEL, CR and LF that forge lines, C1 controls (U+009B is a one-byte CSI), DEL, NUL and the
// bidi controls that reorder text. Every human output must show them harmlessly; JSON must
// keep them exactly.

import { onPostgres } from '../pg/databases.js';

/**
 * NUL, where the database can hold it: PostgreSQL text cannot, so there such input is refused
 * at the write (exit 2; terminal-safety.test.ts), and the other hostile strings still go in.
 */
export const NUL = onPostgres ? '' : '\u0000';

/** ESC ] 0 ; … BEL: sets the window title. */
export const TITLE = '\u001b]0;pwned\u0007';
/** ESC [ 2 J: clears the screen. */
export const CLEAR = '\u001b[2J';

export const HOSTILE = {
  // Person names may not hold C0 controls or DEL (refused at input), but the rest gets in.
  personName: `Mallory \u009b2J \u202eevil\u202c \u2066iso\u2069 \u200fmark\u061c`,
  email: `m${TITLE}@x.example${CLEAR}`,
  timeOffReason: `sick\r  forged line${CLEAR}${NUL}`,
  teamName: `Team ${TITLE}\u007f\u2067`,
  scheduleName: `Sched ${CLEAR}\u009b1;1H\r\u200e`,
  overrideReason: `why\n  + person forged (Forged)${CLEAR}\u0007`,
  policyName: `Pol \u009b1;1H\u202a\u202b\u202d`,
  incidentTitle: `Checkout \u009b2J \u2068down\u2069 \u0085`,
  note: `fixed${TITLE}\r\nforged: line\u2028sep\u2029end`,
  actor: `root${TITLE}${CLEAR}`,
  calendar: `cal${TITLE}\u001b[1A`,
  id: `nope${CLEAR}${TITLE}`,
};

const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

/** A code point that must not reach a terminal: C0 but LF, DEL, C1, bidi controls and separators. */
export function isUnsafe(code: number): boolean {
  return (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || BIDI.has(code);
}

/**
 * Every unsafe code point in `text` as "U+XXXX at N", so a failure says what got through.
 * With `colours`, our own SGR colour sequences (ESC [ digits m) are allowed, nothing else.
 */
export function unsafeIn(text: string, colours = false): string[] {
  const scanned = colours ? text.replace(/\u001b\[[0-9;]*m/g, '') : text;
  const found: string[] = [];
  [...scanned].forEach((ch, i) => {
    const code = ch.codePointAt(0)!;
    if (isUnsafe(code)) found.push(`U+${code.toString(16).toUpperCase().padStart(4, '0')} at ${i}`);
  });
  return found;
}

/** A YAML double-quoted string with every character outside printable ASCII escaped. */
export function yamlString(text: string): string {
  const escaped = [...text]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if (ch === '"' || ch === '\\') return `\\${ch}`;
      return code >= 0x20 && code < 0x7f ? ch : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .join('');
  return `"${escaped}"`;
}

/** A rota whose every free-text field is hostile. Now is Mon 2026-11-23 12:00Z; all in UTC. */
export const HOSTILE_YAML = `version: 1
people:
  - id: mal
    name: ${yamlString(HOSTILE.personName)}
    email: ${yamlString(HOSTILE.email)}
    time_off:
      - from: 2026-11-25
        to: 2026-11-26
        reason: ${yamlString(HOSTILE.timeOffReason)}
  - id: bob
    name: Bob
teams:
  - id: t
    name: ${yamlString(HOSTILE.teamName)}
    members: [mal, bob]
schedules:
  - id: s1
    team: t
    name: ${yamlString(HOSTILE.scheduleName)}
    timezone: UTC
    layers:
      - id: w
        start: 2026-11-02T09:00
        shift: 1w
        members: [mal, bob]
    overrides:
      - person: bob
        from: 2026-11-23T00:00
        to: 2026-11-24T00:00
        reason: ${yamlString(HOSTILE.overrideReason)}
  - id: s2
    team: t
    name: Second
    timezone: UTC
    layers:
      - id: w
        start: 2026-11-02T09:00
        shift: 1w
        members: [bob, mal]
escalation_policies:
  - id: p
    team: t
    name: ${yamlString(HOSTILE.policyName)}
    levels:
      - after: 0m
        targets: [schedule:s1, person:mal]
`;
