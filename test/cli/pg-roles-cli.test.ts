// The three oncall roles through the CLI, with real logins (issue 15, items 3 and 6): the owner
// migrates, applies and runs `oncall db roles`; then a reader, a responder and an admin each
// log in with a password given as PGPASSWORD, in a .pgpass file named by PGPASSFILE, or in the
// URL. PostgreSQL refuses what a role may not do; the CLI says in one line which role the
// command needs, and nothing changes. No password is ever printed, logged or stored.
//
// Runs in the `postgres` project only, on a server of its own (test/storage/pg-server.ts),
// whose TCP logins other than `postgres` need a password (scram-sha-256).

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pgAvailable, startPgServer, type PgServer } from '../storage/pg-server.js';
import { cleanup, EXAMPLES, json, ok, run, spawnRun, tempDir, writeYaml, type Result } from './helpers.js';

type Login = 'reader' | 'responder' | 'admin';
type How = 'PGPASSWORD' | 'PGPASSFILE' | 'URL';
const HOWS: How[] = ['PGPASSWORD', 'PGPASSFILE', 'URL'];

// Characters a URL and a .pgpass line must escape, so each way of giving one is really exercised.
const PASSWORDS: Record<Login, string> = { reader: 'rd:S3cret/p@ss', responder: 'rs#S3cret\\word', admin: 'ad%S3cret word' };
const ROLE: Record<Login, string> = { reader: 'oncall_read', responder: 'oncall_respond', admin: 'oncall_admin' };
/** Every form a password could leak in: as typed, URL-encoded, and .pgpass-escaped. */
const SECRETS = Object.values(PASSWORDS).flatMap((p) => [p, encodeURIComponent(p), p.replaceAll('\\', '\\\\').replaceAll(':', '\\:')]);

let server: PgServer;
let owner: string;
let passfile: string;
const outputs: { what: string; text: string }[] = [];

const UTC = { ONCALL_TZ: 'UTC', HOME: '' };

/** `oncall ARGS` connected as `login`, its password given `how`; every output kept for the leak check. */
function as(login: Login, how: How, args: string[]): Result {
  const env =
    how === 'URL'
      ? { ONCALL_DB: server.url('team', login, PASSWORDS[login]) }
      : how === 'PGPASSWORD'
        ? { ONCALL_DB: server.url('team', login), PGPASSWORD: PASSWORDS[login] }
        : { ONCALL_DB: server.url('team', login), PGPASSFILE: passfile };
  return keep(`${login} (${how}): oncall ${args.join(' ')}`, run(args, { ...UTC, HOME: tempDir(), ONCALL_USER: login, ...env }));
}

function asOwner(args: string[]): Result {
  return keep(`owner: oncall ${args.join(' ')}`, run(args, { ...UTC, HOME: tempDir(), ONCALL_USER: 'owner', ONCALL_DB: owner }));
}

function keep(what: string, result: Result): Result {
  outputs.push({ what, text: `${result.stdout}\n${result.stderr}` });
  return result;
}

/** Every row of every table, as text: what "nothing changed" compares, and where a password could hide. */
async function dump(): Promise<string> {
  const tables = await server.admin<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", 'team');
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await server.admin<{ rows: string | null }>(`SELECT json_agg(t ORDER BY t::text)::text AS rows FROM "${name}" t`, 'team');
    parts.push(`${name}: ${row.rows ?? '[]'}`);
  }
  return parts.join('\n');
}

/** A command the login's role may not run: one line naming the role it needs and the user; nothing changed. */
async function refused(login: Login, how: How, args: string[], role: string): Promise<void> {
  const before = await dump();
  const r = as(login, how, args);
  const what = `${login}: oncall ${args.join(' ')} → ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, what).not.toBe(0);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, what).toHaveLength(1);
  expect(lines[0], what).toMatch(/^oncall: /);
  expect(lines[0], what).toContain(role);
  expect(lines[0], what).toContain(login);
  expect(lines[0], what).toContain('nothing was changed');
  expect(await dump(), `${what}\n(the database changed)`).toBe(before);
}

const SHIFTS = ['shifts', '--schedule', 'payments-primary', '--from', '2026-11-23', '--to', '2026-11-30', '--json'];
const overrideAdd = (from: string, to: string) => ['override', 'add', '--schedule', 'payments-primary', '--person', 'erin', '--from', from, '--to', to];
const overrideCount = async () => (await server.admin<{ n: number }>('SELECT count(*)::int AS n FROM overrides', 'team'))[0].n;

describe.skipIf(!pgAvailable())('the oncall roles through the CLI, with real logins', () => {
  beforeAll(async () => {
    server = await startPgServer();
    owner = await server.createDatabase('team');
    ok(asOwner(['db', 'migrate']));
    ok(asOwner(['apply', '-f', EXAMPLES.acme, '-f', path.join(path.dirname(EXAMPLES.acme), 'escalation.yaml')]));
    ok(asOwner(['db', 'roles']));
    for (const login of Object.keys(PASSWORDS) as Login[]) {
      await server.admin(`CREATE ROLE ${login} LOGIN PASSWORD '${PASSWORDS[login].replaceAll("'", "''")}'`);
      await server.admin(`GRANT ${ROLE[login]} TO ${login}`);
    }
    // One .pgpass for all three, 0600 as libpq insists, its fields escaped as libpq reads them.
    passfile = path.join(tempDir(), 'pgpass');
    const escape = (p: string) => p.replaceAll('\\', '\\\\').replaceAll(':', '\\:');
    const lines = (Object.keys(PASSWORDS) as Login[]).map((login) => `${server.host}:${server.port}:team:${login}:${escape(PASSWORDS[login])}`);
    fs.writeFileSync(passfile, `${lines.join('\n')}\n`, { mode: 0o600 });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    cleanup();
  });

  test('a reader reads, exports and reports with each way of giving the password, and may change nothing', async () => {
    const expected = json(ok(asOwner(SHIFTS)));
    for (const how of HOWS) {
      expect(json(ok(as('reader', how, SHIFTS))), how).toEqual(expected);
      expect(ok(as('reader', how, ['who'])).stdout).toMatch(/payments-primary/);
    }
    expect(ok(as('reader', 'PGPASSWORD', ['export', 'ics', '--schedule', 'payments-primary'])).stdout).toMatch(/^BEGIN:VCALENDAR/);
    expect(ok(as('reader', 'PGPASSFILE', ['report', '--from', '2026-11-01', '--to', '2026-11-23'])).stdout).toMatch(/Alice Liddell +\d/);
    expect(json(ok(as('reader', 'URL', ['log', '--json'])))).toEqual(json(ok(asOwner(['log', '--json']))));
    ok(as('reader', 'URL', ['override', 'list', '--json']));
    ok(as('reader', 'PGPASSWORD', ['escalate', 'payments-critical']));

    await refused('reader', 'PGPASSWORD', overrideAdd('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'), 'oncall_respond');
    await refused('reader', 'PGPASSFILE', ['timeoff', 'add', 'alice', '--from', '2026-12-21', '--to', '2026-12-24'], 'oncall_respond');
    await refused('reader', 'URL', ['incident', 'open', 'Checkout down', '--policy', 'payments-critical'], 'oncall_respond');
    await refused('reader', 'PGPASSWORD', ['person', 'add', 'zed'], 'oncall_admin');
  });

  test('a responder adds overrides, swaps, time off and handles incidents, but may not change definitions', async () => {
    const overrides = await overrideCount();
    ok(as('responder', 'PGPASSFILE', overrideAdd('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z')));
    // A swap of whoever has the weekly turn on Tuesday night with the next of the others.
    const night = '2026-11-24T22:00:00Z';
    const turn = json<{ start: string; end: string; person: string }[]>(ok(asOwner(SHIFTS))).find((x) => x.start <= night && night < x.end)!.person;
    const other = ['alice', 'bob', 'carol'].find((p) => p !== turn)!;
    ok(as('responder', 'PGPASSWORD', ['swap', '--schedule', 'payments-primary', '--shift-of', turn, '--with', other, '--at', night]));
    expect(await overrideCount()).toBeGreaterThan(overrides + 1);
    ok(as('responder', 'URL', ['timeoff', 'add', 'carol', '--from', '2026-12-21', '--to', '2026-12-24']));
    ok(as('responder', 'PGPASSFILE', ['incident', 'open', 'Checkout down', '--policy', 'payments-critical']));
    ok(as('responder', 'PGPASSWORD', ['incident', 'ack', '1', '--by', 'alice']));
    ok(as('responder', 'URL', ['incident', 'resolve', '1', '--by', 'alice']));
    expect(json(ok(as('responder', 'URL', ['incident', 'show', '1', '--json'])))).toMatchObject({ status: 'resolved', acknowledgedBy: 'alice', resolvedBy: 'alice' });
    const entries = json<{ actor: string; action: string; entity: string }[]>(ok(asOwner(['log', '--json']))).filter((e) => e.actor === 'responder');
    // Newest first: time off is logged against the person, a swap as the two overrides it adds.
    expect(entries.map((e) => `${e.action} ${e.entity}`)).toEqual([
      'resolve incident:1',
      'acknowledge incident:1',
      'open incident:1',
      'change person:carol',
      'swap schedule:payments-primary',
      'add override:payments-primary',
      'add override:payments-primary',
      'add override:payments-primary',
    ]);

    const changed = writeYaml('version: 1\npeople:\n  - id: zed\n    name: Zed Shaw\n', 'zed.yaml');
    await refused('responder', 'PGPASSWORD', ['apply', '-f', changed], 'oncall_admin');
    await refused('responder', 'URL', ['apply', '-f', EXAMPLES.acme], 'oncall_admin');
    await refused('responder', 'PGPASSFILE', ['person', 'add', 'zed'], 'oncall_admin');
    await refused('responder', 'PGPASSWORD', ['layer', 'edit', 'payments-primary', 'weekly', '--members', 'alice,bob'], 'oncall_admin');
    await refused('responder', 'URL', ['apply', '-f', EXAMPLES.acme, '--prune'], 'oncall_admin');
  });

  test('an admin does everything: apply, people, layers, --prune, and what responders do', async () => {
    ok(as('admin', 'URL', ['person', 'add', 'zed', '--name', 'Zed Shaw']));
    ok(as('admin', 'PGPASSWORD', ['layer', 'edit', 'payments-primary', 'weekly', '--members', 'alice,bob,carol,zed']));
    ok(as('admin', 'PGPASSFILE', overrideAdd('2026-12-03T00:00:00Z', '2026-12-04T00:00:00Z')));
    ok(as('admin', 'URL', ['apply', '-f', EXAMPLES.acme, '-f', path.join(path.dirname(EXAMPLES.acme), 'escalation.yaml'), '--prune']));
    const people = json<{ id: string }[]>(ok(as('admin', 'PGPASSWORD', ['person', 'list', '--json']))).map((p) => p.id);
    expect(people).not.toContain('zed');
    ok(as('admin', 'PGPASSFILE', ['incident', 'open', 'Queue stuck', '--policy', 'payments-critical']));
  });

  test('no password is printed, logged or stored, not even when the login fails', async () => {
    // db status names the database with the password masked, whichever way it was given.
    for (const how of HOWS) {
      const status = ok(as('reader', how, ['db', 'status']));
      expect(status.stdout).toContain(`127.0.0.1:${server.port}/team`);
    }
    expect(ok(as('admin', 'URL', ['db', 'status'])).stdout).toContain(`postgres://admin:***@127.0.0.1:${server.port}/team`);
    // Failures: a wrong password, in the URL and in PGPASSWORD, and a server that is not there.
    // These run the real binary: anything the driver itself wrote to the process's stderr shows too.
    const wrongUrl = keep('wrong password in URL', spawnRun(['who'], { ...UTC, HOME: tempDir(), ONCALL_DB: server.url('team', 'reader', PASSWORDS.responder) }));
    expect(wrongUrl.status).not.toBe(0);
    expect(wrongUrl.stderr).toMatch(/refused the password of user "reader"/);
    const wrongEnv = keep('wrong PGPASSWORD', spawnRun(['who'], { ...UTC, HOME: tempDir(), ONCALL_DB: server.url('team', 'reader'), PGPASSWORD: PASSWORDS.admin }));
    expect(wrongEnv.stderr).toMatch(/refused the password of user "reader"/);
    const down = keep('unreachable server', spawnRun(['who'], { ...UTC, HOME: tempDir(), ONCALL_DB: `postgres://admin:${encodeURIComponent(PASSWORDS.admin)}@127.0.0.1:1/team` }));
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/^oncall: cannot reach the database at postgres:\/\/admin:\*\*\*@127\.0\.0\.1:1\/team/);
    for (const r of [wrongUrl, wrongEnv, down]) expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);

    keep('log --json', ok(asOwner(['log', '--json'])));
    outputs.push({ what: 'every row of every table', text: await dump() });
    expect(outputs.length).toBeGreaterThan(40);
    for (const { what, text } of outputs) for (const secret of SECRETS) expect(text.includes(secret), `${what} shows a password`).toBe(false);
  });
});
