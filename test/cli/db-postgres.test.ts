// `oncall db status` and `db migrate` on a shared PostgreSQL database, through the CLI: a new
// database is set up only on purpose, a command refuses a schema it does not know and says
// what to run, and the password in the URL never shows.

import { afterAll, describe, expect, test } from 'vitest';
import { inject } from 'vitest';
import { cleanup, EXAMPLES, json, ok, onPostgres, run, tempDb } from './helpers.js';
import { psql } from '../pg/sql.js';

afterAll(cleanup);

/** A database with no schema at all: what `createdb` leaves. */
function emptyDatabase(name: string): string {
  const pg = inject('pg');
  psql(pg.bin, `${pg.base}/postgres`, `DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name};`);
  return `${pg.base}/${name}`;
}

describe.runIf(onPostgres)('a shared PostgreSQL database', () => {
  test('an empty database is refused until `db migrate`, which sets it up once', () => {
    const url = emptyDatabase('oncall_cli_empty');
    const refused = run(['who'], { ONCALL_DB: url });
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/has no oncall schema yet: run `oncall db migrate`/)]);
    expect(json(run(['db', 'status', '--json'], { ONCALL_DB: url })).schema).toMatchObject({ version: 0, state: 'none' });
    expect(ok(run(['db', 'migrate'], { ONCALL_DB: url })).stdout).toMatch(/^Created .* at schema 2\.$/m);
    expect(ok(run(['db', 'migrate'], { ONCALL_DB: url })).stdout).toMatch(/is at schema 2: up to date\./);
    ok(run(['apply', '-f', EXAMPLES.acme], { ONCALL_DB: url }));
    expect(json(run(['who', '--json'], { ONCALL_DB: url })).map((w: any) => w.schedule)).toContain('payments-primary');
  });

  test('db migrate from schema 1 adds the kept shifts and keeps them for who at once', () => {
    const url = tempDb();
    const pg = inject('pg');
    ok(run(['apply', '-f', EXAMPLES.acme], { ONCALL_DB: url }));
    const who = ok(run(['who', '--json'], { ONCALL_DB: url })).stdout;
    psql(pg.bin, url, `DROP TABLE kept_shifts; DROP TABLE kept_horizons;
      DROP TRIGGER kept_forget_layers ON layers; DROP TRIGGER kept_forget_overrides ON overrides;
      DROP TRIGGER kept_forget_schedules ON schedules; DROP FUNCTION kept_forget_schedule();
      UPDATE oncall_schema SET version = 1;`);
    expect(run(['who'], { ONCALL_DB: url }).stderr).toMatch(/run `oncall db migrate`/);
    expect(json(ok(run(['db', 'migrate', '--json'], { ONCALL_DB: url })))).toMatchObject({ before: 1, after: 2 });
    expect(psql(pg.bin, url, 'SELECT count(*) FROM kept_horizons;').trim()).toBe('3');
    expect(ok(run(['who', '--json'], { ONCALL_DB: url })).stdout).toBe(who);
  });

  test('a database at another schema version is refused with what to run; nothing is migrated silently', () => {
    const url = tempDb();
    const pg = inject('pg');
    psql(pg.bin, url, 'UPDATE oncall_schema SET version = version + 1;');
    const newer = run(['who'], { ONCALL_DB: url });
    expect(newer.status).toBe(1);
    expect(newer.stderr).toMatch(/has schema 3, newer than this oncall knows \(2\): upgrade oncall/);
    psql(pg.bin, url, 'UPDATE oncall_schema SET version = 0;');
    const older = run(['override', 'list'], { ONCALL_DB: url });
    expect(older.status).toBe(1);
    expect(older.stderr).toMatch(/run `oncall db migrate`/);
    expect(psql(pg.bin, url, 'SELECT version FROM oncall_schema;').trim()).toBe('0');
  });

  test('db status names the backend, the masked location, the user and the schema', () => {
    const url = tempDb();
    const withPassword = url.replace('://', '://postgres:s3cret-pw@');
    const human = ok(run(['db', 'status'], { ONCALL_DB: withPassword }));
    expect(human.stdout).toMatch(/^Backend: {3}PostgreSQL \d+/m);
    expect(human.stdout).toMatch(/^Location: {2}postgres:\/\/postgres:\*\*\*@.* \(set by ONCALL_DB\)$/m);
    expect(human.stdout).toMatch(/^User: {6}postgres$/m);
    expect(human.stdout).toMatch(/^Schema: {4}2, up to date$/m);
    const data = json(run(['db', 'status', '--json', '--db', withPassword]));
    expect(data).toMatchObject({ backend: 'postgres', setBy: '--db', user: 'postgres', schema: { version: 2, known: 2, state: 'current' } });
    expect(JSON.stringify(data) + human.stdout + human.stderr).not.toContain('s3cret-pw');
  });

  test('db roles on a SQLite file says roles are PostgreSQL\'s; a URL of another kind is refused, masked', () => {
    const sqlite = run(['db', 'roles', '--db', `${process.env.TMPDIR ?? '/tmp'}/no-such-oncall.db`]);
    expect(sqlite.status).toBe(2);
    expect(sqlite.stderr).toMatch(/roles are enforced by PostgreSQL/);
    const mysql = run(['who', '--db', 'mysql://me:hunter2@db/oncall']);
    expect(mysql.status).toBe(2);
    expect(mysql.stderr).toContain('mysql://me:***@db/oncall');
    expect(mysql.stderr).not.toContain('hunter2');
  });
});
