// `oncall db roles` against a real server, with real logins in each role: PostgreSQL itself
// refuses what a role may not do, and the refusal names the connected user, never a password.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PermissionDenied } from '../../src/storage/pg-failures.js';
import { setUpPgRoles } from '../../src/storage/pg-roles.js';
import { migratePgStore, openPgStore, type PgStoreHandle } from '../../src/storage/pg-store.js';
import type { Store } from '../../src/storage/store.js';
import { cleanup, tempDir } from './helpers.js';
import { pgAvailable, startPgServer, type PgServer } from './pg-server.js';

let server: PgServer;
let url: string;
const PASSWORDS = { reader: 'r3ad-S3cret', responder: 'resp0nd-S3cret', administrator: 'adm1n-S3cret' };
type Login = keyof typeof PASSWORDS;

const env = (): NodeJS.ProcessEnv => ({ HOME: tempDir() });

/** Opens the database as `user`, the password given the way a teammate would: PGPASSWORD. */
function openAs(user: Login): Promise<PgStoreHandle> {
  return openPgStore(server.url('team', user), { env: { ...env(), PGPASSWORD: PASSWORDS[user] }, lockTimeoutMs: 5000 });
}

async function refusal(work: Promise<unknown>): Promise<PermissionDenied> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PermissionDenied);
  for (const password of Object.values(PASSWORDS)) expect((error as Error).message).not.toContain(password);
  return error as PermissionDenied;
}

const addOverride = (store: Store) =>
  store.write(() => store.sql.run('INSERT INTO overrides (schedule_id, person_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?)', ['ops', 'ana', 1, 2, 3]));
const changeLayers = (store: Store) => store.write(() => store.sql.run('UPDATE layers SET valid_to = ? WHERE layer_id = ?', [5, 'primary']));

describe.skipIf(!pgAvailable())('oncall db roles', () => {
  beforeAll(async () => {
    server = await startPgServer();
    url = await server.createDatabase('team');
    await migratePgStore(url, { env: env(), lockTimeoutMs: 5000 });
    await server.admin(
      "INSERT INTO layers (schedule_id, layer_id, position, timezone, start, members) VALUES ('ops', 'primary', 0, 'UTC', '2030-01-01T00:00', '[]')",
      'team',
    );
    const summary = await setUpPgRoles(url, { env: env(), lockTimeoutMs: 5000 });
    expect(summary.lines.map((l) => l.split(';')[0])).toEqual(['oncall_read: created', 'oncall_respond: created', 'oncall_admin: created']);
    const roles = { reader: 'oncall_read', responder: 'oncall_respond', administrator: 'oncall_admin' };
    for (const [user, role] of Object.entries(roles)) {
      await server.admin(`CREATE ROLE ${user} LOGIN PASSWORD '${PASSWORDS[user as Login]}' IN ROLE ${role}`);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    cleanup();
  });

  test('the three roles are group roles, each a member of the one below', async () => {
    const rows = await server.admin<{ rolname: string; rolcanlogin: boolean; member_of: string[] }>(
      `SELECT r.rolname, r.rolcanlogin, ARRAY(SELECT b.rolname::text FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid WHERE m.member = r.oid) AS member_of
         FROM pg_roles r WHERE r.rolname LIKE 'oncall\\_%' ORDER BY r.rolname`,
    );
    expect(rows).toEqual([
      { rolname: 'oncall_admin', rolcanlogin: false, member_of: ['oncall_respond'] },
      { rolname: 'oncall_read', rolcanlogin: false, member_of: [] },
      { rolname: 'oncall_respond', rolcanlogin: false, member_of: ['oncall_read'] },
    ]);
  });

  test('oncall_read reads everything and changes nothing', async () => {
    const store = await openAs('reader');
    try {
      expect(store.user).toBe('reader');
      expect(await store.sql.all('SELECT layer_id AS "layerId" FROM layers')).toEqual([{ layerId: 'primary' }]);
      const denied = await refusal(addOverride(store));
      expect(denied).toMatchObject({ user: 'reader', table: 'overrides' });
      expect(denied.message).toContain(`the database at ${server.url('team', 'reader')}`);
      expect(store.committed()).toBe(false);
    } finally {
      await store.close();
    }
  });

  test('oncall_respond adds overrides, time off and incidents, but cannot change definitions', async () => {
    const store = await openAs('responder');
    try {
      expect(await addOverride(store)).toBe(1);
      await store.write(async () => {
        await store.sql.run('INSERT INTO time_off (person_id, start, "end", created_at) VALUES (?, ?, ?, ?)', ['ana', 1, 2, 3]);
        await store.sql.run("INSERT INTO incidents (title, policy_id, severity, opened_at, opened_by, chain) VALUES (?, ?, ?, ?, ?, '[]')", ['down', 'p', 'high', 1, 'ana']);
        await store.sql.run('UPDATE incidents SET acknowledged_at = ?, acknowledged_by = ?', [2, 'ana']);
        await store.sql.run('INSERT INTO audit_log (at, actor, entity, action) VALUES (?, ?, ?, ?)', [1, 'ana', 'override', 'add']);
      });
      expect((await refusal(changeLayers(store))).table).toBe('layers');
      await refusal(store.write(() => store.sql.run('DELETE FROM overrides')));
      await refusal(store.write(() => store.sql.run("INSERT INTO people (id, name, created_at) VALUES ('x', 'X', 1)")));
    } finally {
      await store.close();
    }
  });

  test('oncall_admin changes everything but the schema bookkeeping', async () => {
    const store = await openAs('administrator');
    try {
      expect(await changeLayers(store)).toBe(1);
      expect(await store.write(() => store.sql.run('DELETE FROM overrides'))).toBeGreaterThanOrEqual(0);
      await refusal(store.write(() => store.sql.run('UPDATE oncall_schema SET version = 99')));
    } finally {
      await store.close();
    }
  });

  test('running it again brings the roles up to date, revoking grants that should not be there', async () => {
    await server.admin('GRANT DELETE, UPDATE ON layers TO oncall_read', 'team');
    await server.admin('ALTER ROLE oncall_respond LOGIN', 'team');
    const summary = await setUpPgRoles(url, { env: env(), lockTimeoutMs: 5000 });
    expect(summary.lines.map((l) => l.split(';')[0])).toEqual(['oncall_read: updated', 'oncall_respond: updated', 'oncall_admin: updated']);
    expect(await server.admin("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'oncall_respond'")).toEqual([{ rolcanlogin: false }]);
    const store = await openAs('reader');
    try {
      await refusal(changeLayers(store));
    } finally {
      await store.close();
    }
  });

  test('the tables\' owner, not a superuser, can run it again (for this database or a second one)', async () => {
    await server.admin(`CREATE ROLE keeper LOGIN CREATEROLE PASSWORD '${PASSWORDS.reader}'`);
    await server.admin('CREATE DATABASE kept OWNER keeper');
    const asKeeper = { env: { ...env(), PGPASSWORD: PASSWORDS.reader }, lockTimeoutMs: 5000 };
    await migratePgStore(server.url('kept', 'keeper'), asKeeper);
    for (let run = 0; run < 2; run += 1) {
      const summary = await setUpPgRoles(server.url('kept', 'keeper'), asKeeper);
      expect(summary.lines.map((l) => l.split(';')[0])).toEqual(['oncall_read: updated', 'oncall_respond: updated', 'oncall_admin: updated']);
    }
  });

  test('db migrate grants the roles a new database\'s tables in the same transaction', async () => {
    const other = await server.createDatabase('second');
    await migratePgStore(other, { env: env(), lockTimeoutMs: 5000 });
    const store = await openPgStore(server.url('second', 'responder'), { env: { ...env(), PGPASSWORD: PASSWORDS.responder }, lockTimeoutMs: 5000 });
    try {
      expect(await addOverride(store)).toBe(1);
      await refusal(changeLayers(store));
    } finally {
      await store.close();
    }
  });

  test('a user without a role is told so, and one without CREATEROLE cannot set roles up', async () => {
    await server.admin("CREATE ROLE outsider LOGIN PASSWORD 'out-S3cret'");
    const outsider = { env: { ...env(), PGPASSWORD: 'out-S3cret' }, lockTimeoutMs: 5000 };
    const denied = await openPgStore(server.url('team', 'outsider'), outsider).then(() => undefined, (e: unknown) => e);
    expect(denied).toBeInstanceOf(PermissionDenied);
    expect(denied).toMatchObject({ user: 'outsider', table: 'oncall_schema' });
    await expect(setUpPgRoles(server.url('team', 'outsider'), outsider)).rejects.toThrow(/user "outsider" cannot set up roles .*run `oncall db roles` as the owner/);
  });
});
