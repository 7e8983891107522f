// Overrides and swaps from the command line. platform-primary (acme.yaml) rotates
// frank, grace, heidi weekly on Tuesdays 10:00 New York (15:00Z): frank from 17 Nov,
// grace 24 Nov, heidi 1 Dec, frank 8 Dec, grace 15 Dec, heidi 22 Dec, frank 29 Dec; heidi has
// an override 31 Dec 18:00 → 1 Jan 10:00 New York. payments-secondary has bob 7–14 Dec.

import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, json, NOW, ok } from './helpers.js';
import { acme, brief, exported, log, overrides, refused, shifts } from './manage-helpers.js';

afterAll(cleanup);

const platform = (from: string, to: string, s: ReturnType<typeof acme>) => brief(shifts(s, 'platform-primary', from, to));
const addOverride = (...args: string[]) => ['override', 'add', '--schedule', 'platform-primary', ...args];

describe('override add, list, rm', () => {
  test('an override shows in shifts, override list --json and export yaml; rm takes it away', () => {
    const s = acme();
    const r = ok(s.run(addOverride('--person', 'grace', '--from', '2026-12-09 10:00', '--to', '2026-12-10 10:00', '--reason', 'dentist')));
    // The line names the new override's id, the one `override rm` takes.
    expect(r.stdout.trim()).toMatch(/^Added override (\d+) on platform-primary: grace Wed 9 Dec 10:00 → Thu 10 Dec 10:00\.$/);
    expect(r.stderr).toBe('');

    const list = overrides(s, ['--schedule', 'platform-primary']);
    expect(list.map((o) => Object.keys(o))).toEqual(list.map(() => ['id', 'schedule', 'person', 'start', 'end', 'replaces', 'reason']));
    const added = list.find((o) => o.person === 'grace')!;
    expect(r.stdout).toContain(`Added override ${added.id} on`);
    expect(added).toEqual({
      id: expect.any(Number), schedule: 'platform-primary', person: 'grace',
      start: '2026-12-09T15:00:00Z', end: '2026-12-10T15:00:00Z', replaces: null, reason: 'dentist',
    });
    expect(list.map((o) => o.start)).toEqual(['2026-12-09T15:00:00Z', '2026-12-31T23:00:00Z']);
    expect(overrides(s).map((o) => `${o.schedule} ${o.person}`)).toEqual([
      'platform-primary grace', 'payments-primary dave', 'platform-primary heidi',
    ]);
    expect(platform('2026-12-09T00:00:00Z', '2026-12-11T00:00:00Z', s)).toEqual([
      '2026-12-09T00:00:00Z 2026-12-09T15:00:00Z frank layer:weekly',
      '2026-12-09T15:00:00Z 2026-12-10T15:00:00Z grace override',
      '2026-12-10T15:00:00Z 2026-12-11T00:00:00Z frank layer:weekly',
    ]);
    const yaml = exported(s).schedules.find((x: { id: string }) => x.id === 'platform-primary');
    expect(yaml.overrides).toContainEqual({ person: 'grace', from: '2026-12-09T10:00', to: '2026-12-10T10:00', reason: 'dentist' });

    const table = ok(s.run(['override', 'list', '--schedule', 'platform-primary'])).stdout;
    expect(table).toMatch(/^ID\s+SCHEDULE\s+PERSON\s+FROM\s+TO\s+NOTE/);
    expect(table).toMatch(new RegExp(`${added.id}\\s+platform-primary\\s+grace\\s+Wed 9 Dec 10:00\\s+Thu 10 Dec 10:00\\s+dentist`));
    expect(table).toContain('Times in America/New_York.');

    expect(ok(s.run(['override', 'rm', String(added.id)])).stdout.trim()).toBe(`Removed override ${added.id}.`);
    expect(overrides(s).map((o) => o.person)).not.toContain('grace');
    expect(platform('2026-12-09T00:00:00Z', '2026-12-11T00:00:00Z', s)).toEqual(['2026-12-09T00:00:00Z 2026-12-11T00:00:00Z frank layer:weekly']);
    expect(log(s)[0]).toMatchObject({ actor: 'lead', entity: 'override:platform-primary', action: 'remove', new: null });
    refused(s, ['override', 'rm', String(added.id)], `no override ${added.id}`);
  });

  test('override list --from shows overrides that ended after that time; the default is from now', () => {
    const s = acme({ ONCALL_NOW: '2026-11-10T12:00:00Z' });
    ok(s.run(addOverride('--person', 'heidi', '--from', '2026-11-12T00:00:00Z', '--to', '2026-11-13T00:00:00Z'), { ONCALL_NOW: '2026-11-10T12:00:00Z' }));
    expect(overrides(s, ['--schedule', 'platform-primary']).map((o) => o.start)).toEqual(['2026-12-31T23:00:00Z']);
    expect(overrides(s, ['--schedule', 'platform-primary', '--from', '2026-11-01']).map((o) => o.start)).toEqual(['2026-11-12T00:00:00Z', '2026-12-31T23:00:00Z']);
  });

  test('override rm of an override in progress ends it now: before now it still shows, after now not', () => {
    const then = { ONCALL_NOW: '2026-11-20T12:00:00Z' };
    const s = acme(then);
    ok(s.run(addOverride('--person', 'heidi', '--from', '2026-11-22T00:00:00Z', '--to', '2026-11-25T00:00:00Z', '--reason', 'cover'), then));
    const [inProgress] = overrides(s, ['--schedule', 'platform-primary']);
    expect(inProgress).toMatchObject({ person: 'heidi', start: '2026-11-22T00:00:00Z', end: '2026-11-25T00:00:00Z' });
    const past = platform('2026-11-21T00:00:00Z', NOW, s);

    ok(s.run(['override', 'rm', String(inProgress.id)]));
    expect(platform('2026-11-21T00:00:00Z', NOW, s)).toEqual(past);
    expect(platform('2026-11-21T00:00:00Z', '2026-11-26T00:00:00Z', s)).toEqual([
      '2026-11-21T00:00:00Z 2026-11-22T00:00:00Z frank layer:weekly',
      '2026-11-22T00:00:00Z 2026-11-23T12:00:00Z heidi override',
      '2026-11-23T12:00:00Z 2026-11-24T15:00:00Z frank layer:weekly',
      '2026-11-24T15:00:00Z 2026-11-26T00:00:00Z grace layer:weekly',
    ]);
    const at = (t: string) => json(ok(s.run(['who', '--schedule', 'platform-primary', '--at', t, '--json'])))[0];
    expect(at('2026-11-22T12:00:00Z')).toMatchObject({ person: 'heidi', source: 'override' });
    expect(at('2026-11-24T00:00:00Z')).toMatchObject({ person: 'frank', source: 'layer:weekly' });
    expect(overrides(s, ['--schedule', 'platform-primary']).map((o) => o.id)).not.toContain(inProgress.id);
  });

  test('bad input: unknown schedule, person or override id, --to before --from, unparsable times', () => {
    const s = acme();
    const window = ['--from', '2026-12-09T00:00:00Z', '--to', '2026-12-10T00:00:00Z'];
    refused(s, ['override', 'add', '--schedule', 'nope', '--person', 'grace', ...window], 'unknown schedule "nope"');
    refused(s, addOverride('--person', 'nobody', ...window), 'person "nobody" is not a known person');
    refused(s, addOverride('--person', 'grace', ...window, '--replaces', 'nobody'), '"nobody" is not a known person');
    refused(s, addOverride('--person', 'grace', '--from', '2026-12-10T00:00:00Z', '--to', '2026-12-09T00:00:00Z'), '"to" must be after "from"');
    refused(s, addOverride('--person', 'grace', '--from', 'gibberish', '--to', '2026-12-09T00:00:00Z'), '--from "gibberish" is not a time');
    refused(s, addOverride('--person', 'grace', '--from', '2026-12-09T00:00:00Z', '--to', 'whenever'), '--to "whenever" is not a time');
    refused(s, ['override', 'rm', '999'], 'no override 999');
    refused(s, ['override', 'rm', 'abc'], 'override id "abc" must be a whole number');
    refused(s, ['override', 'list', '--from', 'gibberish'], '--from "gibberish" is not a time');
  });

  test('override list --schedule with an unknown schedule is bad input (exit 2), not an empty list', () => {
    const s = acme();
    refused(s, ['override', 'list', '--schedule', 'nope', '--json'], 'unknown schedule "nope"');
  });
});

describe('override add warnings', () => {
  test('overlapping another override: a warning on stderr naming it; the newer one wins there', () => {
    const s = acme();
    const r = ok(s.run(addOverride('--person', 'grace', '--from', '2026-12-31T20:00:00Z', '--to', '2027-01-01T12:00:00Z')));
    expect(r.stdout).toMatch(/^Added override \d+ on platform-primary: grace/);
    expect(r.stderr.trim()).toBe("warning: overlaps heidi's override Thu 31 Dec 18:00 → Fri 1 Jan 2027 10:00; this newer one wins where they overlap");
    expect(platform('2026-12-31T18:00:00Z', '2027-01-01T18:00:00Z', s)).toEqual([
      '2026-12-31T18:00:00Z 2026-12-31T20:00:00Z frank layer:weekly',
      '2026-12-31T20:00:00Z 2027-01-01T12:00:00Z grace override',
      '2027-01-01T12:00:00Z 2027-01-01T15:00:00Z heidi override',
      '2027-01-01T15:00:00Z 2027-01-01T18:00:00Z frank layer:weekly',
    ]);
  });

  test('the person is on call in another schedule of the same team: a warning', () => {
    const s = acme();
    const r = ok(s.run(['override', 'add', '--schedule', 'payments-primary', '--person', 'bob', '--from', '2026-12-08T12:00:00Z', '--to', '2026-12-09T12:00:00Z', '--json']));
    expect(json(r).changes).toEqual([expect.objectContaining({ action: 'add', entity: 'override', schedule: 'payments-primary' })]);
    expect(r.stderr).toMatch(/^warning: bob is also on call in payments-secondary/m);
    expect(r.stderr).not.toMatch(/overlaps/);
  });

  test('the person is on time off then: a warning naming it', () => {
    const s = acme();
    ok(s.run(['timeoff', 'add', 'erin', '--from', '2026-12-08', '--to', '2026-12-08', '--reason', 'Dentist']));
    const r = ok(s.run(['override', 'add', '--schedule', 'payments-primary', '--person', 'erin', '--from', '2026-12-08T12:00:00Z', '--to', '2026-12-09T12:00:00Z'], { ONCALL_TZ: 'Europe/Berlin' }));
    // erin is in Europe/Berlin: 8 Dec 00:00 → 9 Dec 00:00 there.
    expect(r.stderr.trim()).toBe('warning: erin is on time off (Dentist) Tue 8 Dec 00:00 → Wed 9 Dec 00:00');
  });

  test('no warning when nothing overlaps and the person is free elsewhere', () => {
    const s = acme();
    const r = ok(s.run(['override', 'add', '--schedule', 'payments-primary', '--person', 'erin', '--from', '2026-12-08T12:00:00Z', '--to', '2026-12-09T12:00:00Z']));
    expect(r.stderr).toBe('');
  });
});

describe('swap', () => {
  test('exchanges A\'s turn containing T with B\'s next turn: two overrides with replaces', () => {
    const s = acme();
    const before = platform('2026-11-01T00:00:00Z', '2027-02-01T00:00:00Z', s);
    const r = ok(s.run(['swap', '--schedule', 'platform-primary', '--shift-of', 'heidi', '--with', 'grace', '--at', '2026-12-02']));
    expect(r.stdout).toBe([
      'Swapped on platform-primary, layer weekly:',
      "  grace takes heidi's turn Tue 1 Dec 10:00 → Tue 8 Dec 10:00 (1 shift)",
      "  heidi takes grace's turn Tue 15 Dec 10:00 → Tue 22 Dec 10:00 (1 shift)",
      '',
    ].join('\n'));

    const reason = 'swap: heidi ↔ grace';
    const swapped = overrides(s, ['--schedule', 'platform-primary']).filter((o) => o.reason === reason);
    expect(swapped.map(({ id: _id, ...o }) => o)).toEqual([
      { schedule: 'platform-primary', person: 'grace', start: '2026-12-01T15:00:00Z', end: '2026-12-08T15:00:00Z', replaces: 'heidi', reason },
      { schedule: 'platform-primary', person: 'heidi', start: '2026-12-15T15:00:00Z', end: '2026-12-22T15:00:00Z', replaces: 'grace', reason },
    ]);
    expect(platform('2026-11-24T15:00:00Z', '2026-12-29T15:00:00Z', s)).toEqual([
      '2026-11-24T15:00:00Z 2026-12-01T15:00:00Z grace layer:weekly',
      '2026-12-01T15:00:00Z 2026-12-08T15:00:00Z grace override',
      '2026-12-08T15:00:00Z 2026-12-15T15:00:00Z frank layer:weekly',
      '2026-12-15T15:00:00Z 2026-12-22T15:00:00Z heidi override',
      '2026-12-22T15:00:00Z 2026-12-29T15:00:00Z heidi layer:weekly',
    ]);
    // Outside the two shifts nothing moved.
    expect(platform('2026-11-01T00:00:00Z', '2026-12-01T15:00:00Z', s)).toEqual(before.filter((x) => x < '2026-12-01T15'));
    expect(platform('2026-12-22T15:00:00Z', '2027-02-01T00:00:00Z', s)).toEqual(before.filter((x) => x >= '2026-12-22T15'));
    const yaml = exported(s).schedules.find((x: { id: string }) => x.id === 'platform-primary');
    expect(yaml.overrides).toContainEqual({ person: 'grace', from: '2026-12-01T10:00', to: '2026-12-08T10:00', replaces: 'heidi', reason });
    const entries = log(s).filter((e) => e.new?.reason === reason);
    expect(entries.map((e) => `${e.actor} ${e.action} ${e.entity} ${e.new.person}`).sort()).toEqual([
      'lead add override:platform-primary grace', 'lead add override:platform-primary heidi',
    ]);
  });

  test('swapping the shift in progress does not rewrite its past: the swap applies from now', () => {
    const s = acme();
    const past = platform('2026-11-17T00:00:00Z', NOW, s);
    ok(s.run(['swap', '--schedule', 'platform-primary', '--shift-of', 'frank', '--with', 'grace', '--at', 'now']));
    expect(platform('2026-11-17T00:00:00Z', NOW, s)).toEqual(past);
    expect(platform(NOW, '2026-12-01T15:00:00Z', s)).toEqual([
      '2026-11-23T12:00:00Z 2026-11-24T15:00:00Z grace override',
      '2026-11-24T15:00:00Z 2026-12-01T15:00:00Z frank override',
    ]);
  });

  test('a person who is not on call at T, or who has no later shift, is refused', () => {
    const s = acme();
    const swap = (a: string, b: string, at: string) => ['swap', '--schedule', 'platform-primary', '--shift-of', a, '--with', b, '--at', at];
    refused(s, swap('heidi', 'grace', '2026-11-25'), 'heidi is not on call in platform-primary at that time (grace is)');
    refused(s, swap('heidi', 'alice', '2026-12-02'), /alice/);
    refused(s, swap('heidi', 'grace', 'gibberish'), '--at "gibberish" is not a time');
    refused(s, ['swap', '--schedule', 'nope', '--shift-of', 'heidi', '--with', 'grace', '--at', '2026-12-02'], 'unknown schedule "nope"');
  });
});
