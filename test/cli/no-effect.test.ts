// No silent no-ops (issue 14, item 5): an override wholly in the past, or one with
// `replaces: X` during which X is never on call, changes nothing. The command line refuses it,
// `apply` flags it in the plan (and applies it: the file owns what it lists), and `check`
// reports the second kind, while it is still to come, as `no-effect`.
//
// acme.yaml, now Mon 23 Nov 2026 12:00Z (07:00 in New York, the viewer's zone).
// platform-primary rotates weekly on Tuesdays 10:00 New York (15:00Z): heidi from 10 Nov,
// frank 17 Nov, grace 24 Nov, heidi 1 Dec, frank 8 Dec, grace 15 Dec, heidi 22 Dec.

import fs from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, dbState, EXAMPLES, json, ok, pending, writeYaml } from './helpers.js';
import { acme, brief, fresh, overrides, refused, shifts } from './manage-helpers.js';

afterAll(cleanup);

const add = (...args: string[]) => ['override', 'add', '--schedule', 'platform-primary', ...args];
const PAST = 'is over before it could take effect, and the past is never rewritten; give a --to after now';
const idle = (who: string) => `${who} is never on call in platform-primary then, so replacing them changes nothing`;

describe('override add refuses an override that changes nothing', () => {
  test('wholly in the past: exit 2, one line saying why and what to do, nothing changed', () => {
    const s = acme();
    const r = refused(s, add('--person', 'grace', '--from', '-2d', '--to', '-1d'), PAST);
    expect(r.stderr.trim()).toBe(`oncall: that override ${PAST}`);
    // Ending exactly now is over too; so is one in the past that replaces someone who was on call.
    refused(s, add('--person', 'grace', '--from', '-1d', '--to', 'now'), PAST);
    refused(s, add('--person', 'grace', '--from', '2026-11-12 00:00', '--to', '2026-11-13 00:00', '--replaces', 'heidi'), PAST);
    refused(s, add('--person', 'grace', '--from', '-2d', '--to', '-1d', '--json'), PAST);
  });

  test('replacing someone never on call then: refused, with the command that shows their shifts', () => {
    const s = acme();
    // Frank is on call 8–15 Dec, so heidi is not.
    const r = refused(s, add('--person', 'grace', '--replaces', 'heidi', '--from', '2026-12-09 00:00', '--to', '2026-12-10 00:00'), idle('heidi'));
    expect(r.stderr).toContain('pick times inside their shifts (oncall shifts --schedule platform-primary) or leave out --replaces');
    // Someone in no layer of the schedule at all.
    refused(s, add('--person', 'grace', '--replaces', 'alice', '--from', '2026-12-02 00:00', '--to', '2026-12-03 00:00'), idle('alice'));
    // On call only in the part already past: from now on the override takes nothing.
    refused(s, add('--person', 'grace', '--replaces', 'heidi', '--from', '2026-11-16T00:00:00Z', '--to', '2026-11-23T13:00:00Z'), idle('heidi'));
    refused(s, add('--person', 'grace', '--replaces', 'heidi', '--from', '2026-12-09 00:00', '--to', '2026-12-10 00:00', '--json'), idle('heidi'));
  });

  test('overrides that do change something are still added', () => {
    const s = acme();
    // In progress: the part from now on counts.
    ok(s.run(add('--person', 'heidi', '--from', '-1d', '--to', '+1d')));
    // Replacing the person on call.
    ok(s.run(add('--person', 'grace', '--replaces', 'frank', '--from', '2026-12-09 00:00', '--to', '2026-12-10 00:00')));
    // Replacing someone on call for only part of it (heidi until Tue 8 Dec 10:00).
    ok(s.run(add('--person', 'grace', '--replaces', 'heidi', '--from', '2026-12-08 00:00', '--to', '2026-12-09 00:00')));
    expect(overrides(s, ['--schedule', 'platform-primary']).map((o) => `${o.person} ${o.start} ${o.replaces}`)).toEqual([
      'heidi 2026-11-22T12:00:00Z null',
      'grace 2026-12-08T05:00:00Z heidi',
      'grace 2026-12-09T05:00:00Z frank',
      'heidi 2026-12-31T23:00:00Z null',
    ]);
  });

  test('someone on call only through an older override can be replaced', () => {
    const s = acme();
    ok(s.run(add('--person', 'heidi', '--from', '2026-12-16 00:00', '--to', '2026-12-16 12:00')));
    ok(s.run(add('--person', 'frank', '--replaces', 'heidi', '--from', '2026-12-16 00:00', '--to', '2026-12-17 00:00')));
    expect(brief(shifts(s, 'platform-primary', '2026-12-16T05:00:00Z', '2026-12-17T05:00:00Z'))).toEqual([
      '2026-12-16T05:00:00Z 2026-12-16T17:00:00Z frank override',
      '2026-12-16T17:00:00Z 2026-12-17T05:00:00Z grace layer:weekly',
    ]);
  });

  test('swap refuses a turn that is over; a turn in progress still swaps', () => {
    const s = acme();
    refused(s, ['swap', '--schedule', 'platform-primary', '--shift-of', 'heidi', '--with', 'grace', '--at', '2026-11-12'], 'that turn of heidi is over, and the past is never rewritten; pick a time from now on');
    ok(s.run(['swap', '--schedule', 'platform-primary', '--shift-of', 'frank', '--with', 'grace', '--at', 'now']));
    expect(overrides(s, ['--schedule', 'platform-primary']).filter((o) => o.reason?.startsWith('swap')).map((o) => `${o.person} ${o.replaces}`)).toEqual([
      'grace frank',
      'frank grace',
    ]);
  });
});

const NYE = "        reason: New Year's Eve cover\n";
const withOverrides = (extra: string) => {
  const text = fs.readFileSync(EXAMPLES.acme, 'utf8');
  expect(text).toContain(NYE);
  return writeYaml(text.replace(NYE, NYE + extra));
};
const override = (from: string, to: string, more = '') => `      - person: grace\n        from: ${from}\n        to: ${to}\n${more}`;
const BOTH = override('2026-11-02T10:00', '2026-11-03T10:00', '        reason: was ill\n') + override('2026-12-09T00:00', '2026-12-10T00:00', '        replaces: heidi\n');

describe('apply flags file overrides that change nothing, and applies them', () => {
  test('the plan shows a warning under each; --dry-run too, and changes nothing', () => {
    const s = acme();
    const file = withOverrides(BOTH);
    const before = dbState(s.db);
    const dry = pending(s.run(['apply', '-f', file, '--dry-run']));
    expect(dry.stdout.split('\n').slice(1, 5)).toEqual([
      '  + override on platform-primary: grace Mon 2 Nov 10:00 → Tue 3 Nov 10:00 "was ill"',
      '      warning: changes nothing; it is over before it takes effect',
      '  + override on platform-primary: grace Wed 9 Dec 00:00 → Thu 10 Dec 00:00 replacing heidi',
      '      warning: changes nothing; heidi is never on call then',
    ]);
    expect(dbState(s.db)).toBe(before);

    const plan = json(pending(s.run(['apply', '-f', file, '--dry-run', '--json'])));
    expect(plan.noEffect).toEqual([
      { schedule: 'platform-primary', person: 'grace', from: '2026-11-02T15:00:00Z', to: '2026-11-03T15:00:00Z', replaces: null, reason: 'was ill', why: 'past' },
      { schedule: 'platform-primary', person: 'grace', from: '2026-12-09T05:00:00Z', to: '2026-12-10T05:00:00Z', replaces: 'heidi', reason: null, why: 'replaces-idle' },
    ]);
    expect(dbState(s.db)).toBe(before);

    const applied = ok(s.run(['apply', '-f', file]));
    expect(applied.stdout).toContain('      warning: changes nothing; heidi is never on call then');
    expect(applied.stdout).toContain('Applied: 2 to add, 0 to change, 0 to remove.');
    expect(overrides(s, ['--schedule', 'platform-primary', '--from', '2026-11-01']).map((o) => o.start)).toEqual([
      '2026-11-02T15:00:00Z', '2026-12-09T05:00:00Z', '2026-12-31T23:00:00Z',
    ]);
    // Nothing changed hands: the past stays, frank keeps 9 Dec.
    expect(brief(shifts(s, 'platform-primary', '2026-11-02T00:00:00Z', '2026-11-04T00:00:00Z'))).toEqual([
      '2026-11-02T00:00:00Z 2026-11-03T15:00:00Z frank layer:weekly',
      '2026-11-03T15:00:00Z 2026-11-04T00:00:00Z grace layer:weekly',
    ]);
    expect(brief(shifts(s, 'platform-primary', '2026-12-09T00:00:00Z', '2026-12-11T00:00:00Z'))).toEqual(['2026-12-09T00:00:00Z 2026-12-11T00:00:00Z frank layer:weekly']);
    // Re-applying the same file: no changes, no warnings.
    expect(ok(s.run(['apply', '-f', file])).stdout.trim()).toBe('No changes.');
  });

  test("a new schedule's first definition holds for all time: its past override is not flagged", () => {
    const s = fresh();
    const r = ok(s.run(['apply', '-f', withOverrides(BOTH), '--json']));
    expect(json(r).noEffect.map((n: { why: string }) => n.why)).toEqual(['replaces-idle']);
    expect(brief(shifts(s, 'platform-primary', '2026-11-02T15:00:00Z', '2026-11-03T15:00:00Z'))).toEqual(['2026-11-02T15:00:00Z 2026-11-03T15:00:00Z grace override']);
  });

  test('more than five new overrides on a schedule are summed up, and the flagged ones still named', () => {
    const s = acme();
    const days = ['14', '15', '16', '17', '18'].map((d) => override(`2026-12-${d}T00:00`, `2026-12-${d}T06:00`)).join('');
    const out = pending(s.run(['apply', '-f', withOverrides(days + BOTH), '--dry-run'])).stdout;
    expect(out).toContain('  + 7 overrides on platform-primary\n');
    expect(out).toContain('      warning: grace Mon 2 Nov 10:00 → Tue 3 Nov 10:00 changes nothing; it is over before it takes effect\n');
    expect(out).toContain('      warning: grace Wed 9 Dec 00:00 → Thu 10 Dec 00:00 changes nothing; heidi is never on call then\n');
    expect(out.match(/warning:/g)).toHaveLength(2);
  });
});

describe('check reports no-effect', () => {
  const withIdle = () => {
    const s = acme();
    ok(s.run(['apply', '-f', withOverrides(BOTH)]));
    return s;
  };

  test('exit 3, two lines inside 80 columns, every key in JSON; --ignore no-effect passes', () => {
    const s = withIdle();
    const r = s.run(['check']);
    expect(r.status).toBe(3);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('no-effect'));
    expect(lines.slice(at, at + 2)).toEqual([
      'no-effect  platform-primary  Wed 9 Dec 00:00 → Thu 10 Dec 00:00',
      '  override for Grace Hopper changes nothing: Heidi Klum is never on call then',
    ]);
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    // Only the replacing one: the override wholly in the past is history, not a problem.
    expect(r.stdout.match(/no-effect/g)).toHaveLength(1);

    const problems = json(s.run(['check', '--json'])).problems;
    expect(problems).toEqual([{
      kind: 'no-effect', schedule: 'platform-primary', start: '2026-12-09T05:00:00Z', end: '2026-12-10T05:00:00Z',
      person: 'grace', other: 'heidi', layer: null, reason: null,
      message: 'override for Grace Hopper changes nothing: Heidi Klum is never on call then, Wed 9 Dec 00:00 → Thu 10 Dec 00:00',
    }]);
    const ignored = s.run(['check', '--ignore', 'no-effect']);
    expect(ignored.status).toBe(0);
    expect(ignored.stdout).toContain('No problems in the next 30 days.');
    expect(s.run(['check', '--schedule', 'payments-primary']).status).toBe(0);
  });

  test('only while it is still to come and inside the window', () => {
    const s = withIdle();
    expect(s.run(['check', '--days', '7']).status).toBe(0);
    expect(s.run(['check', '--days', '17']).status).toBe(3);
    // Once it is over it is history.
    const later = { ONCALL_NOW: '2026-12-10T06:00:00Z' };
    expect(json(s.run(['check', '--schedule', 'platform-primary', '--json'], later)).problems.map((p: { kind: string }) => p.kind)).not.toContain('no-effect');
    // While in progress it still changes nothing, and is reported.
    const during = { ONCALL_NOW: '2026-12-09T12:00:00Z' };
    expect(json(s.run(['check', '--schedule', 'platform-primary', '--json'], during)).problems.map((p: { kind: string }) => p.kind)).toContain('no-effect');
  });

  test('an unknown kind is still refused, and the list of kinds names no-effect', () => {
    const s = withIdle();
    refused(s, ['check', '--ignore', 'no-effects'], /use .*schedule-ends, no-effect$/);
  });
});
