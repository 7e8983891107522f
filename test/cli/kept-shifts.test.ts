// The final shifts kept for `who` (app/kept-shifts.ts): every write keeps them, triggers
// forget a schedule whose definitions change, and `who` answers from them exactly as
// resolution from the definitions would. "Resolution" here is the same `who` after the kept
// horizons are deleted, which makes it resolve every schedule.

import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, EXAMPLES, execDb, json, ok, queryDb, session, type Session } from './helpers.js';

afterAll(cleanup);

const INSTANTS = [
  '2026-11-01T00:00:00Z', '2026-11-23T12:00:00Z', '2026-11-23T16:30:00Z', '2026-11-29T23:59:00Z',
  '2026-12-03T12:00:00Z', '2026-12-09T04:00:00Z', '2026-12-14T09:30:00Z', '2027-01-10T12:00:00Z',
  '2027-03-28T01:30:00Z', '2027-05-01T12:00:00Z', '2027-08-01T12:00:00Z', '2031-01-01T00:00:00Z',
];

const horizons = (s: Session) => queryDb(s.db, 'SELECT schedule_id AS id FROM kept_horizons ORDER BY schedule_id').map((r) => r.id);

/** `who --json` at every instant, and the reads of whole windows (report, check), from what is kept. */
const answers = (s: Session) => [
  ...INSTANTS.map((at) => ok(s.run(['who', '--json', '--at', at])).stdout),
  ok(s.run(['report', '--json', '--from', '2026-09-01T00:00:00Z', '--to', '2026-11-23T12:00:00Z'])).stdout,
  ok(s.run(['report', '--json', '--from', '2026-11-23T00:00:00Z', '--to', '2027-01-31T00:00:00Z'])).stdout,
  s.run(['check', '--json', '--days', '60']).stdout,
];

/** The same answers resolved from the definitions, with nothing kept (then kept again). */
function resolved(s: Session): string[] {
  const rows = queryDb(s.db, 'SELECT schedule_id, start, "end", engine, longest FROM kept_horizons');
  execDb(s.db, 'DELETE FROM kept_horizons');
  const out = answers(s);
  const values = rows.map((r) => `('${String(r.schedule_id)}', ${Number(r.start)}, ${Number(r.end)}, ${Number(r.engine)}, ${Number(r.longest)})`);
  if (values.length > 0) execDb(s.db, `INSERT INTO kept_horizons (schedule_id, start, "end", engine, longest) VALUES ${values.join(', ')}`);
  return out;
}

describe('final shifts kept for who', () => {
  test('every kind of write keeps them, and who then answers exactly as resolution does', () => {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    expect(horizons(s)).toEqual(['payments-primary', 'payments-secondary', 'platform-primary']);
    const writes: string[][] = [
      ['override', 'add', '--schedule', 'platform-primary', '--person', 'heidi', '--from', '2026-12-03T00:00:00Z', '--to', '2026-12-04T00:00:00Z'],
      ['swap', '--schedule', 'payments-primary', '--shift-of', 'alice', '--with', 'bob', '--at', '2026-12-09T03:00'],
      ['layer', 'edit', 'payments-secondary', 'weekly', '--members', 'bob,carol,alice,erin', '--effective', '2026-12-14T09:00'],
      ['layer', 'disable', 'payments-primary', 'business-hours', '--effective', '2027-02-01'],
      ['schedule', 'disable', 'platform-primary', '--effective', '2027-03-01'],
      ['override', 'add', '--schedule', 'payments-primary', '--person', 'erin', '--from', '2026-11-23T10:00:00Z', '--to', '2026-11-23T20:00:00Z'],
    ];
    for (const write of writes) {
      const before = answers(s);
      ok(s.run(write));
      expect(horizons(s), write.join(' ')).toEqual(['payments-primary', 'payments-secondary', 'platform-primary']);
      const after = answers(s);
      expect(after, write.join(' ')).toEqual(resolved(s));
      expect(after, `${write.join(' ')} changed who`).not.toEqual(before);
    }
  });

  test('who reads what is kept: a kept row changed behind its back shows, and the next write to that schedule corrects it', () => {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    const truth = json(ok(s.run(['who', '--json', '--schedule', 'payments-primary'])))[0];
    expect(truth.person).toBe('dave');
    execDb(s.db, `UPDATE kept_shifts SET person = 'erin' WHERE schedule_id = 'payments-primary' AND person = 'dave'`);
    expect(json(ok(s.run(['who', '--json', '--schedule', 'payments-primary'])))[0].person).toBe('erin');
    // A write to another schedule leaves this one as it is kept …
    ok(s.run(['override', 'add', '--schedule', 'platform-primary', '--person', 'heidi', '--from', '2027-01-03T00:00:00Z', '--to', '2027-01-04T00:00:00Z']));
    expect(json(ok(s.run(['who', '--json', '--schedule', 'payments-primary'])))[0].person).toBe('erin');
    // … a write to it keeps it again from its definitions.
    ok(s.run(['override', 'add', '--schedule', 'payments-primary', '--person', 'carol', '--from', '2027-01-03T00:00:00Z', '--to', '2027-01-04T00:00:00Z']));
    expect(json(ok(s.run(['who', '--json', '--schedule', 'payments-primary'])))[0]).toEqual(truth);
  });

  test('a dry run keeps nothing; shifts kept by another engine are not trusted', () => {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    const truth = answers(s);
    execDb(s.db, 'DELETE FROM kept_horizons; DELETE FROM kept_shifts');
    expect(s.run(['apply', '-f', EXAMPLES.weekend, '--dry-run']).status).toBe(4); // 4: it would change things
    expect(horizons(s)).toEqual([]);
    expect(answers(s)).toEqual(truth);
    ok(s.run(['override', 'add', '--schedule', 'payments-primary', '--person', 'carol', '--from', '2031-01-03T00:00:00Z', '--to', '2031-01-04T00:00:00Z']));
    expect(horizons(s)).toHaveLength(3);
    execDb(s.db, `UPDATE kept_horizons SET engine = 0; UPDATE kept_shifts SET person = 'zed'`);
    expect(answers(s)).toEqual(truth);
  });

  test('a deleted schedule is no longer kept, and answers for its past from its definitions', () => {
    const s = session();
    ok(s.run(['apply', '-f', EXAMPLES.acme]));
    const past = json(ok(s.run(['who', '--json', '--schedule', 'platform-primary', '--at', '2026-11-20T12:00:00Z'])))[0];
    expect(past).toMatchObject({ person: 'frank', end: '2026-11-24T15:00:00Z' });
    ok(s.run(['schedule', 'rm', 'platform-primary']));
    expect(horizons(s)).toEqual(['payments-primary', 'payments-secondary']);
    expect(queryDb(s.db, "SELECT count(*) AS n FROM kept_shifts WHERE schedule_id = 'platform-primary'")[0].n).toBe(0);
    // Its last shift now ends when it was removed.
    expect(json(ok(s.run(['who', '--json', '--schedule', 'platform-primary', '--at', '2026-11-20T12:00:00Z'])))[0])
      .toEqual({ ...past, end: '2026-11-23T12:00:00Z', next: null });
    expect(answers(s)).toEqual(resolved(s));
  });
});
