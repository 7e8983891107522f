// Connecting as the PostgreSQL tools do, from the run's own environment (not process.env):
// PG* variables, .pgpass / PGPASSFILE and sslmode; every failure one line with the password
// masked.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RuntimeFailure, UserError } from '../../src/errors.js';
import { migratePgStore, openPgStore, pgStatus } from '../../src/storage/pg-store.js';
import { cleanup, tempDir } from './helpers.js';
import { pgAvailable, startPgServer, type PgServer } from './pg-server.js';

let server: PgServer;
const PASSWORD = 'pa:ss\\w0rd-S3cret';

/** A home with nothing in it, so the machine's own ~/.pgpass plays no part. */
const env = (more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ HOME: tempDir(), ...more });
const status = (url: string, more: NodeJS.ProcessEnv = {}) => pgStatus(url, env(more));

async function failure(work: Promise<unknown>): Promise<Error> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toContain('S3cret');
  expect(message).not.toContain('\n');
  return error as Error;
}

describe.skipIf(!pgAvailable())('PostgreSQL credentials', () => {
  beforeAll(async () => {
    server = await startPgServer();
    const url = await server.createDatabase('creds');
    await migratePgStore(url, { env: env(), lockTimeoutMs: 5000 });
    await server.admin(`CREATE ROLE teammate LOGIN PASSWORD '${PASSWORD.replaceAll("'", "''")}'`);
    await server.admin('GRANT SELECT ON ALL TABLES IN SCHEMA public TO teammate', 'creds');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    cleanup();
  });

  test('a password in the URL works and is masked wherever the database is named', async () => {
    const url = `postgres://teammate:${encodeURIComponent(PASSWORD)}@${server.host}:${server.port}/creds`;
    const store = await openPgStore(url, { env: env(), lockTimeoutMs: 1000 });
    try {
      expect(store.location).toBe(`postgres://teammate:***@${server.host}:${server.port}/creds`);
    } finally {
      await store.close();
    }
    expect(await status(url)).toMatchObject({ user: 'teammate', location: store.location });
  });

  test('PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE are read from the run\'s environment', async () => {
    const found = await status('postgres://', { PGHOST: server.host, PGPORT: String(server.port), PGUSER: 'teammate', PGPASSWORD: PASSWORD, PGDATABASE: 'creds' });
    expect(found).toMatchObject({ user: 'teammate', database: 'creds', version: found.known });
    // The URL wins over the variables, as for psql.
    expect(await status(server.url('creds'), { PGUSER: 'teammate', PGDATABASE: 'postgres' })).toMatchObject({ user: 'postgres', database: 'creds' });
  });

  test('.pgpass and PGPASSFILE give the password; a file others can read is ignored, as libpq does', async () => {
    const home = tempDir();
    const line = `${server.host}:${server.port}:creds:teammate:${PASSWORD.replaceAll('\\', '\\\\').replaceAll(':', '\\:')}\n`;
    fs.writeFileSync(path.join(home, '.pgpass'), `# mine\n*:*:other:*:wrong\n${line}`, { mode: 0o600 });
    const url = server.url('creds', 'teammate');
    expect(await pgStatus(url, { HOME: home })).toMatchObject({ user: 'teammate' });

    const elsewhere = path.join(tempDir(), 'passwords');
    fs.writeFileSync(elsewhere, `*:${server.port}:*:teammate:${line.split(':').slice(4).join(':')}`, { mode: 0o600 });
    expect(await status(url, { PGPASSFILE: elsewhere })).toMatchObject({ user: 'teammate' });

    fs.chmodSync(elsewhere, 0o644);
    const error = await failure(status(url, { PGPASSFILE: elsewhere }));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      `the server at ${url} asks for a password for user "teammate" and none was given: give it with PGPASSWORD, a line in ${elsewhere} (or the file PGPASSFILE names), or in the URL; ${elsewhere}: others can read it, so it was ignored as libpq ignores it: chmod 600 it`,
    );
  });

  test('a missing or wrong password is one line saying how to give it, without the password', async () => {
    const url = server.url('creds', 'teammate');
    const missing = await failure(status(url));
    expect(missing).toBeInstanceOf(UserError);
    expect(missing.message).toMatch(/asks for a password for user "teammate" and none was given: give it with PGPASSWORD, a line in .*\.pgpass/);
    const wrong = await failure(status(server.url('creds', 'teammate', 'not-the-S3cret')));
    expect(wrong).toBeInstanceOf(UserError);
    expect(wrong.message).toBe(
      `the server at postgres://teammate:***@${server.host}:${server.port}/creds refused the password of user "teammate": give the right one with PGPASSWORD, a line in ~/.pgpass (or the file PGPASSFILE names), or in the URL`,
    );
    const viaEnv = await failure(status(url, { PGPASSWORD: 'not-the-S3cret' }));
    expect(viaEnv.message).toMatch(/refused the password of user "teammate"/);
  });

  test('an unreachable server, a missing database and an unknown user are one line each', async () => {
    const closed = `postgres://teammate:S3cret@127.0.0.1:1/creds`;
    const down = await failure(status(closed));
    expect(down).toBeInstanceOf(RuntimeFailure);
    expect(down.message).toBe('cannot reach the database at postgres://teammate:***@127.0.0.1:1/creds (connection refused at 127.0.0.1:1); is the server running?');

    const nowhere = await failure(status(server.url('nowhere')));
    expect(nowhere).toBeInstanceOf(UserError);
    expect(nowhere.message).toBe(`database "nowhere" does not exist on the server at ${server.url('nowhere')}: create it with \`createdb nowhere\`, or name another in the URL`);

    const stranger = await failure(status(server.url('creds', 'stranger', 'S3cret')));
    expect(stranger).toBeInstanceOf(UserError);
    expect(stranger.message).toMatch(/^the server at postgres:\/\/stranger:\*\*\*@.* (refused the password of|does not let) user "stranger"/);
  });

  test('sslmode in the URL or PGSSLMODE is honoured: "require" refuses a server without SSL, "prefer" falls back', async () => {
    const requireSsl = await failure(status(`${server.url('creds')}?sslmode=require`));
    expect(requireSsl).toBeInstanceOf(UserError);
    expect(requireSsl.message).toMatch(/does not offer SSL/);
    expect((await failure(status(server.url('creds'), { PGSSLMODE: 'verify-full' }))).message).toMatch(/does not offer SSL/);
    expect(await status(`${server.url('creds')}?sslmode=prefer`)).toMatchObject({ user: 'postgres' });
    expect(await status(server.url('creds'), { PGSSLMODE: 'disable' })).toMatchObject({ user: 'postgres' });
    const bogus = await failure(status(`${server.url('creds')}?sslmode=sometimes`));
    expect(bogus.message).toMatch(/sslmode "sometimes" is not one PostgreSQL knows: use disable, allow, prefer, require, verify-ca, verify-full/);
  });

  test('a Unix socket works, from the URL\'s host parameter', async () => {
    const found = await status(`postgres:///creds?host=${encodeURIComponent(server.socketDir)}&port=${server.port}&user=postgres`);
    expect(found).toMatchObject({ user: 'postgres', database: 'creds' });
  });
});
