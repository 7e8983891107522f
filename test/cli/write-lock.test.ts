// Writers wait for each other (issue 13, class 5): while another connection holds the write
// lock, changes queue up behind it and all land; readers are not held up; a wait longer than
// the limit (ONCALL_LOCK_TIMEOUT) ends in one clear line, exit 1, nothing changed.

import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, dbState } from './helpers.js';
import { acme, log, overrides, runAsync } from './manage-helpers.js';

afterAll(cleanup);

/** Another connection takes the write lock now and lets it go after `ms`; resolves with when it did. */
function holdWriteLock(db: string, ms: number): Promise<number> {
  const other = new Database(db);
  other.exec('BEGIN IMMEDIATE');
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec('COMMIT');
      other.close();
      resolve(Date.now());
    }, ms),
  );
}

const timed = async <T>(work: Promise<T>) => ({ ...(await work), at: Date.now() });

describe('writers wait for the write lock', () => {
  test('20 override adds while another connection holds the lock for 3 s: all 20 wait and land', async () => {
    const s = acme();
    const days = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0'));
    const logged = () => log(s).filter((e) => e.action === 'add' && e.entity === 'override:payments-primary').length;
    const loggedBefore = logged();
    // 20 threads with the CLI loaded first, so that the 20 runs below cost only their command.
    await Promise.all(days.map(() => runAsync(s.db, ['--version'])));
    const released = holdWriteLock(s.db, 3000);
    const outcomes = await Promise.all(
      days.map((day) =>
        timed(runAsync(s.db, ['override', 'add', '--schedule', 'payments-primary', '--person', 'alice', '--from', `2026-12-${day}T01:00Z`, '--to', `2026-12-${day}T02:00Z`])),
      ),
    );
    const releasedAt = await released;
    for (const o of outcomes) {
      expect(o.status, o.stderr).toBe(0);
      // They waited (none could have written while the lock was held) and said nothing about
      // it: stderr is not a terminal.
      expect(o.at).toBeGreaterThanOrEqual(releasedAt);
      expect(o.stderr).not.toMatch(/waiting|locked/);
    }
    const added = overrides(s, ['--schedule', 'payments-primary']).filter((o) => o.person === 'alice' && o.start.startsWith('2026-12-'));
    expect(added.map((o) => o.start.slice(8, 10)).sort()).toEqual(days);
    expect(logged()).toBe(loggedBefore + 20);
  });

  test('reading is not held up by a writer: who answers while the lock is held', async () => {
    const s = acme();
    const released = holdWriteLock(s.db, 3000);
    const who = await timed(runAsync(s.db, ['who']));
    const releasedAt = await released;
    expect(who.status, who.stderr).toBe(0);
    expect(who.stdout).toContain('payments-primary');
    expect(who.at).toBeLessThan(releasedAt);
  });

  test.each(['0.5', '0'])('ONCALL_LOCK_TIMEOUT=%s: a longer wait ends in one line, exit 1, nothing changed', async (limit) => {
    const s = acme();
    const before = dbState(s.db);
    const started = Date.now();
    const released = holdWriteLock(s.db, 3000);
    const r = await timed(runAsync(s.db, ['person', 'add', 'zed', '--name', 'Zed'], { ONCALL_LOCK_TIMEOUT: limit }));
    const releasedAt = await released;
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `oncall: ${s.db} is locked by another oncall command or program (waited ${limit} s); nothing was changed: try again when it has finished, or wait longer with ONCALL_LOCK_TIMEOUT=SECONDS\n`,
    );
    // It gave up at its limit, not when the lock came free.
    expect(r.at - started).toBeGreaterThanOrEqual(Number(limit) * 1000 - 50);
    expect(r.at).toBeLessThan(releasedAt);
    expect(dbState(s.db)).toBe(before);
  });

  test.each(['abc', '-1', '3601', '1e3', ' ', '60s'])('ONCALL_LOCK_TIMEOUT=%j is refused (exit 2) before anything runs', async (limit) => {
    const s = acme();
    const before = dbState(s.db);
    const r = await runAsync(s.db, ['person', 'add', 'zed', '--name', 'Zed'], { ONCALL_LOCK_TIMEOUT: limit });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`oncall: ONCALL_LOCK_TIMEOUT "${limit}" must be a number of seconds from 0 to 3600\n`);
    expect(dbState(s.db)).toBe(before);
  });
});
