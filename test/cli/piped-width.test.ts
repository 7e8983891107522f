// How wide human output is when stdout is not a terminal (issue 13, class 13): never cut unless
// COLUMNS is set, so that `oncall log | grep` and `oncall escalate | less` keep whole lines; with
// COLUMNS, cut to it, as on a terminal that wide.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, ok, session, writeYaml, type Session } from './helpers.js';

afterAll(cleanup);

const LONG_NAME = 'Maximiliana Theodora von Hohenzollern-Sigmaringen';
const LONG_SCHEDULE = 'a-very-long-schedule-identifier-for-the-payments-platform';
const LONG_REASON = 'covering for the whole platform team while they are at the offsite in Lisbon, call the bridge first';

let s: Session;
beforeAll(() => {
  s = session({ ONCALL_TZ: 'UTC' });
  const yaml = `version: 1
people:
  - id: max
    name: ${LONG_NAME}
  - id: bo
    name: Bo
teams:
  - id: t
    name: T
    members: [max, bo]
schedules:
  - id: ${LONG_SCHEDULE}
    team: t
    timezone: UTC
    layers:
      - id: l
        start: 2026-11-02T09:00
        shift: 1w
        members: [max, bo]
escalation_policies:
  - id: p
    team: t
    levels:
      - targets: [schedule:${LONG_SCHEDULE}]
`;
  ok(s.run(['apply', '-f', writeYaml(yaml, 'long.yaml', s.dir)]));
  ok(s.run(['override', 'add', '--schedule', LONG_SCHEDULE, '--person', 'bo', '--from', '2026-12-01T00:00:00Z', '--to', '2026-12-02T00:00:00Z', '--reason', LONG_REASON]));
});

const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

describe('piped, without COLUMNS: whole lines', () => {
  test('log keeps the new value', () => {
    const out = ok(s.run(['log'])).stdout;
    expect(out).toContain(`    reason: ${LONG_REASON}\n`);
    expect(widest(out)).toBeGreaterThan(100);
  });

  test('escalate shows who is paged', () => {
    expect(ok(s.run(['escalate', 'p', '--at', '2026-11-17T12:00:00Z'])).stdout).toMatch(new RegExp(`schedule:${LONG_SCHEDULE} +${LONG_NAME}\n`));
  });

  test('who and override list: every cell in full', () => {
    expect(ok(s.run(['who', '--at', '2026-11-17T12:00:00Z'])).stdout).toMatch(new RegExp(`^${LONG_SCHEDULE} +${LONG_NAME} `, 'm'));
    expect(ok(s.run(['override', 'list'])).stdout).toContain(LONG_REASON);
  });
});

describe('piped, with COLUMNS: cut to it', () => {
  test('COLUMNS=200 keeps these lines whole (they fit)', () => {
    expect(ok(s.run(['log'], { COLUMNS: '200' })).stdout).toContain(`    reason: ${LONG_REASON}\n`);
    expect(ok(s.run(['escalate', 'p', '--at', '2026-11-17T12:00:00Z'], { COLUMNS: '200' })).stdout).toContain(LONG_NAME);
  });

  test('COLUMNS=80 cuts with "…": tables fit, log values are cut', () => {
    const reason = ok(s.run(['log'], { COLUMNS: '80' })).stdout.split('\n').find((l) => l.startsWith('    reason: '))!;
    expect(reason).toBe(`    reason: ${LONG_REASON}`.slice(0, 79) + '…');
    for (const args of [['escalate', 'p', '--at', '2026-11-17T12:00:00Z'], ['who', '--at', '2026-11-17T12:00:00Z'], ['override', 'list']]) {
      const out = ok(s.run(args, { COLUMNS: '80' })).stdout;
      expect(widest(out), args.join(' ')).toBeLessThanOrEqual(80);
      expect(out, args.join(' ')).toContain('…');
    }
  });

  test('COLUMNS that is not a width is ignored', () => {
    expect(ok(s.run(['log'], { COLUMNS: 'wide' })).stdout).toContain(`    reason: ${LONG_REASON}\n`);
  });
});
