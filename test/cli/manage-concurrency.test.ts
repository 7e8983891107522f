// Several writers at once, each in a thread with its own database connection (a CI `apply`
// while people add overrides and people; test/smoke does the same with processes): writers
// wait for each other (issue 13), so each one succeeds; a failure would at least be a clear
// one-line message (exit 1 or 2, no stack trace). Afterwards every change is there and
// nothing is half-written.

import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, EXAMPLES, json, ok, tempDb, writeYaml } from './helpers.js';
import { exported, log, overrides, runAsync, sessionAt } from './manage-helpers.js';

afterAll(cleanup);

type Outcome = Awaited<ReturnType<typeof runAsync>>;

/** A failure must be a clear message, never a crash. */
function expectClean(outcome: Outcome): void {
  const what = `oncall ${outcome.args.join(' ')} → ${outcome.status}\n${outcome.stderr}`;
  expect([0, 1, 2], what).toContain(outcome.status);
  expect(outcome.stderr, what).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(outcome.stderr, what).not.toMatch(/unexpected error/);
  if (outcome.status !== 0) {
    expect(outcome.stderr.trim().split('\n'), what).toHaveLength(1);
    expect(outcome.stderr, what).toMatch(/^oncall: /);
  }
}

const EXTRA = writeYaml('version: 1\npeople:\n  - id: zack\n    name: Zack Morris\n', 'extra.yaml');

/** acme.yaml plus a schedule that the file does not mention (so `apply` leaves its overrides alone). */
function setup(db: string): void {
  const at = (args: string[]) => ok(sessionAt(db).run(args));
  at(['apply', '-f', EXAMPLES.acme]);
  at(['team', 'add', 'ops', '--members', 'alice,bob']);
  at(['schedule', 'add', 'ops-primary', '--team', 'ops', '--tz', 'America/New_York']);
  at(['layer', 'add', 'ops-primary', 'weekly', '--start', '2026-11-02 09:00', '--shift', '1w', '--members', 'alice,bob']);
}

describe('concurrent writers', () => {
  test('8 person add at once on a database that does not exist yet: all 8 are there', async () => {
    const db = tempDb();
    const ids = Array.from({ length: 8 }, (_, i) => `p${i + 1}`);
    const outcomes = await Promise.all(ids.map((id) => runAsync(db, ['person', 'add', id])));
    outcomes.forEach(expectClean);
    expect(outcomes.map((o) => `${o.args.join(' ')} → ${o.status} ${o.stderr}`.trim())).toEqual(ids.map((id) => `person add ${id} → 0`));
    const s = sessionAt(db);
    const people = json<{ id: string }[]>(ok(s.run(['person', 'list', '--json']))).map((p) => p.id);
    ids.forEach((id, i) => {
      if (outcomes[i].status === 0) expect(people).toContain(id);
    });
    expect(outcomes.filter((o) => o.status === 0).length).toBeGreaterThan(0);
    expect(log(s).filter((e) => e.action === 'add').map((e) => e.entity).sort()).toEqual(
      ids.filter((_, i) => outcomes[i].status === 0).map((id) => `person:${id}`).sort(),
    );
  });

  test.each([1, 2, 3])('round %i: apply, override add, person add and team edit at once: every one lands', async () => {
    const db = tempDb();
    setup(db);
    const windows = [1, 2, 3, 4].map((d) => ({ person: d % 2 ? 'alice' : 'bob', start: `2026-12-0${d}T00:00:00Z`, end: `2026-12-0${d}T06:00:00Z` }));
    const jobs: string[][] = [
      ['apply', '-f', EXAMPLES.acme],
      ...windows.map((w) => ['override', 'add', '--schedule', 'ops-primary', '--person', w.person, '--from', w.start, '--to', w.end]),
      ['person', 'add', 'q1'],
      ['apply', '-f', EXTRA],
      ['person', 'add', 'q2'],
      ['team', 'edit', 'ops', '--add', 'carol'],
      ['apply', '-f', EXAMPLES.acme],
      ['team', 'edit', 'ops', '--add', 'dave'],
      ['person', 'add', 'q3'],
    ];
    const outcomes = await Promise.all(jobs.map((args) => runAsync(db, args)));
    outcomes.forEach(expectClean);
    expect(outcomes.filter((o) => o.status !== 0).map((o) => `${o.args.join(' ')} → ${o.status} ${o.stderr}`)).toEqual([]);
    const succeeded = (args: string[]) => outcomes.find((o) => o.args === args)!.status === 0;
    expect(outcomes.filter((o) => o.status === 0).length).toBeGreaterThanOrEqual(jobs.length / 2);

    const s = sessionAt(db);
    const yaml = exported(s);
    const people = yaml.people.map((p: { id: string }) => p.id);
    for (const job of jobs) {
      if (!succeeded(job)) continue;
      if (job[0] === 'person') expect(people, job.join(' ')).toContain(job[2]);
      if (job[2] === EXTRA) expect(people).toContain('zack');
      if (job[0] === 'team') expect(yaml.teams.find((t: { id: string }) => t.id === 'ops').members).toContain(job[4]);
    }
    const present = overrides(s, ['--schedule', 'ops-primary']).map((o) => `${o.person} ${o.start} ${o.end}`);
    windows.forEach((w, i) => {
      if (succeeded(jobs[1 + i])) expect(present).toContain(`${w.person} ${w.start} ${w.end}`);
    });
    expect(present).toHaveLength(windows.filter((_, i) => succeeded(jobs[1 + i])).length);

    // Nothing half-written: acme's schedules are exactly as the file says, the export applies
    // back to "No changes.", and every successful command left its audit entries.
    expect(ok(s.run(['apply', '-f', EXAMPLES.acme])).stdout).toMatch(/^No changes\./);
    // The export lists the command-line overrides too: applying it adopts them (nothing else
    // changes), and applying it again is then plainly "No changes.".
    const exportedFile = writeYaml(ok(s.run(['export', 'yaml'])).stdout);
    expect(ok(s.run(['apply', '-f', exportedFile])).stdout).toMatch(/^No changes\.\n(Adopting .*\n)*$/);
    expect(ok(s.run(['apply', '-f', exportedFile])).stdout.trim()).toBe('No changes.');
    const entities = log(s).map((e) => `${e.action} ${e.entity}`);
    for (const id of ['q1', 'q2', 'q3']) {
      const ran = outcomes.find((o) => o.args[2] === id)!;
      expect(entities.filter((e) => e === `add person:${id}`)).toHaveLength(ran.status === 0 ? 1 : 0);
    }
    expect(entities.filter((e) => e === 'add override:ops-primary')).toHaveLength(present.length);
  });

  test('5 people acknowledge one incident at once: exactly one succeeds, the others are told who did', async () => {
    const db = tempDb();
    const s = sessionAt(db);
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    ok(s.run(['policy', 'add', 'pay', '--team', 'payments', '--level', 'schedule:payments-primary']));
    ok(s.run(['incident', 'open', 'Checkout down', '--policy', 'pay']));
    const people = ['alice', 'bob', 'carol', 'dave', 'erin'];
    const outcomes = await Promise.all(people.map((p) => runAsync(db, ['incident', 'ack', '1', '--by', p])));
    outcomes.forEach(expectClean);
    const winners = outcomes.filter((o) => o.status === 0);
    expect(winners).toHaveLength(1);
    const winner = winners[0].args[4];
    for (const o of outcomes.filter((x) => x.status !== 0)) {
      expect(o.status).toBe(2);
      expect(o.stderr).toMatch(new RegExp(`^oncall: incident 1 was already acknowledged by ${winner};`));
    }
    expect(json(ok(s.run(['incident', 'show', '1', '--json'])))).toMatchObject({ status: 'acknowledged', acknowledgedBy: winner });
    expect(log(s).filter((e) => e.entity === 'incident:1' && e.action === 'acknowledge')).toHaveLength(1);
  });
});
