// The PostgreSQL test harness itself: the tests of the `postgres` project really talk to a
// PostgreSQL server, and each session gets a database of its own, already migrated.

import { afterAll, expect, inject, test } from 'vitest';
import { cleanup, session } from '../cli/helpers.js';
import { psql } from './sql.js';

afterAll(cleanup);

const ask = (url: string, sql: string) => psql(inject('pg').bin, url, sql).trim();

test('the server is a real PostgreSQL, 14 or later', () => {
  const { db } = session();
  expect(ask(db, 'SELECT version()')).toMatch(/^PostgreSQL \d+/);
  expect(Number(ask(db, 'SHOW server_version_num'))).toBeGreaterThanOrEqual(140000);
});

test('two sessions get two separate databases, each a copy of the migrated template', () => {
  const [a, b] = [session(), session()];
  expect(a.db).toMatch(/^postgres:\/\//);
  const name = (url: string) => ask(url, 'SELECT current_database()');
  expect(name(a.db)).not.toBe(name(b.db));
  const tables = (url: string) => ask(url, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'");
  expect(tables(a.db)).toBe(tables(`${inject('pg').base}/${inject('pg').template}`));
  ask(a.db, 'CREATE TABLE only_in_a (x int)');
  expect(ask(b.db, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'")).toBe('0');
});
