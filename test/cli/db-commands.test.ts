// Issue 15's first part that works on SQLite today: the config file that names the database
// (so engineers don't retype it), `oncall db status` (which database, what named it, its
// schema; changing nothing) and `oncall db migrate` (setting up or upgrading on purpose).

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, dbState, EXAMPLES, json, ok, run, tempDir, type Env } from './helpers.js';

afterAll(cleanup);

/** A home of its own: config and data folders in a temp dir, no ONCALL_DB. */
function home() {
  const dir = tempDir();
  const env: Env = { XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data'), ONCALL_DB: undefined };
  const config = (text: string) => {
    fs.mkdirSync(path.join(dir, 'config', 'oncall'), { recursive: true });
    const file = path.join(dir, 'config', 'oncall', 'config.yaml');
    fs.writeFileSync(file, text);
    return file;
  };
  return { dir, env, config, oncall: (args: string[], more: Env = {}) => run(args, { ...env, ...more }) };
}

/** Exit 2, one line naming the problem, nothing on stdout. */
function refused(result: ReturnType<typeof run>, message: string | RegExp): void {
  const what = `status ${result.status}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.status, what).toBe(2);
  expect(result.stdout, what).toBe('');
  expect(result.stderr.trimEnd().split('\n'), what).toHaveLength(1);
  if (typeof message === 'string') expect(result.stderr, what).toContain(message);
  else expect(result.stderr.trimEnd(), what).toMatch(message);
}

/** A copy of an up-to-date database stepped back to schema 7 (before migration 0007). */
function schemaSeven(file: string): void {
  const db = new Database(file);
  const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'kept_forget_%'").all() as { name: string }[];
  expect(triggers).toHaveLength(9);
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
  db.exec('DROP TABLE kept_shifts; DROP TABLE kept_horizons');
  const last = db.prepare('SELECT max(id) AS id FROM __drizzle_migrations').get() as { id: number };
  db.prepare('DELETE FROM __drizzle_migrations WHERE id = ?').run(last.id);
  db.pragma('user_version = 7');
  db.close();
}

describe('the config file', () => {
  test('db: names the database every command uses; relative to the config file, ~ is home', () => {
    const h = home();
    const file = h.config('db: team/oncall.db\n');
    fs.mkdirSync(path.join(path.dirname(file), 'team'));
    ok(h.oncall(['apply', '-f', EXAMPLES.acme]));
    const team = path.join(path.dirname(file), 'team', 'oncall.db');
    expect(dbState(team)).toContain('payments-primary');
    expect(fs.existsSync(path.join(h.dir, 'data', 'oncall', 'oncall.db'))).toBe(false);
    expect(json(ok(h.oncall(['who', '--json']))).map((r: { schedule: string }) => r.schedule)).toContain('payments-primary');
    expect(json(ok(h.oncall(['db', 'status', '--json'])))).toMatchObject({ location: team, setBy: 'config file', configFile: file });

    h.config('db: ~/somewhere/oncall.db\n');
    expect(json(ok(h.oncall(['db', 'status', '--json'], { HOME: h.dir }))).location).toBe(path.join(h.dir, 'somewhere', 'oncall.db'));
  });

  test('ONCALL_DB and --db win over it, and then it is not even read', () => {
    const h = home();
    h.config('db: [not yaml\n');
    const other = path.join(h.dir, 'other.db');
    expect(json(ok(h.oncall(['db', 'status', '--json'], { ONCALL_DB: other })))).toMatchObject({ location: other, setBy: 'ONCALL_DB', configFile: null });
    const flag = path.join(h.dir, 'flag.db');
    expect(json(ok(h.oncall(['db', 'status', '--json', '--db', flag], { ONCALL_DB: other })))).toMatchObject({ location: flag, setBy: '--db' });
  });

  test('without a config file (or with an empty one) the default location is used and its folders made', () => {
    const h = home();
    ok(h.oncall(['apply', '-f', EXAMPLES.acme]));
    expect(fs.existsSync(path.join(h.dir, 'data', 'oncall', 'oncall.db'))).toBe(true);
    h.config('');
    expect(json(ok(h.oncall(['db', 'status', '--json'])))).toMatchObject({ setBy: 'default', schema: { state: 'current' } });
  });

  test('a config file with a mistake is refused with file:line:col, exit 2, and nothing is created', () => {
    const h = home();
    const cases: [string, RegExp][] = [
      ['db: team.db\ndbb: x\n', /config\.yaml:2:1: unknown setting "dbb"; the config file may set: db$/],
      ['db:\n', /config\.yaml:1:1: "db" must be the path of the database file/],
      ['db: 42\n', /config\.yaml:1:1: "db" must be the path of the database file/],
      ['- db: x\n', /config\.yaml:1:1: the config file must be a mapping of settings/],
      ['db: [a\n', /config\.yaml:\d+:\d+: .*; the config file is YAML/],
    ];
    for (const [text, message] of cases) {
      const file = h.config(text);
      refused(h.oncall(['who']), message);
      expect(h.oncall(['who']).stderr).toContain(file);
    }
    expect(fs.existsSync(path.join(h.dir, 'data'))).toBe(false);
  });
});

describe('oncall db status', () => {
  test('before the first command: no schema yet, and status creates nothing', () => {
    const h = home();
    const r = ok(h.oncall(['db', 'status']));
    const location = path.join(h.dir, 'data', 'oncall', 'oncall.db');
    expect(r.stdout).toBe(
      `Backend:   SQLite\nLocation:  ${location} (set by default)\nSchema:    none yet: the first command sets it up (or "oncall db migrate")\n`,
    );
    expect(fs.existsSync(path.join(h.dir, 'data'))).toBe(false);
  });

  test('after apply: the schema is current, with its size; --json has the same as data', () => {
    const h = home();
    ok(h.oncall(['apply', '-f', EXAMPLES.acme]));
    const text = ok(h.oncall(['db', 'status'])).stdout;
    expect(text).toMatch(/^Schema: {4}8, up to date\nSize: {6}\d+\.\d KB\n$/m);
    const status = json(ok(h.oncall(['db', 'status', '--json'])));
    expect(status).toMatchObject({ backend: 'sqlite', setBy: 'default', configFile: null, schema: { version: 8, known: 8, state: 'current' }, folderMissing: false });
    expect(status.bytes).toBeGreaterThan(0);
  });

  test('an older database is reported as such and left as it is; a path in a missing folder says so', () => {
    const h = home();
    const file = path.join(h.dir, 'old.db');
    ok(h.oncall(['apply', '-f', EXAMPLES.acme, '--db', file]));
    schemaSeven(file);
    const before = fs.readFileSync(file);
    expect(ok(h.oncall(['db', 'status', '--db', file])).stdout).toContain(
      "Schema:    7, older than this oncall's 8: the next command upgrades it, keeping a copy (or \"oncall db migrate\")",
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}.schema-7.bak`)).toBe(false);

    const missing = path.join(h.dir, 'nowhere', 'x.db');
    expect(ok(h.oncall(['db', 'status', '--db', missing])).stdout).toContain(`Schema:    none: its folder ${path.dirname(missing)} does not exist; create it first`);
  });

  test('a newer database is reported, not refused', () => {
    const h = home();
    const file = path.join(h.dir, 'new.db');
    ok(h.oncall(['db', 'migrate', '--db', file]));
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(ok(h.oncall(['db', 'status', '--db', file])).stdout).toContain("Schema:    99, newer than this oncall's 8: upgrade oncall to use it");
    expect(h.oncall(['who', '--db', file]).status).toBe(1);
  });
});

describe('oncall db migrate', () => {
  test('creates a database, then says it is up to date', () => {
    const h = home();
    const location = path.join(h.dir, 'data', 'oncall', 'oncall.db');
    expect(ok(h.oncall(['db', 'migrate'])).stdout).toBe(`Created ${location} at schema 8.\n`);
    expect(ok(h.oncall(['db', 'migrate'])).stdout).toBe(`${location} is at schema 8: up to date.\n`);
    expect(json(ok(h.oncall(['db', 'migrate', '--json'])))).toEqual({ location, before: 8, after: 8, backup: null });
  });

  test('upgrades an older database, keeping a copy of it as it was, and loses nothing', () => {
    const h = home();
    const file = path.join(h.dir, 'old.db');
    ok(h.oncall(['apply', '-f', EXAMPLES.acme, '--db', file]));
    const shifts = ok(h.oncall(['shifts', '--schedule', 'payments-primary', '--days', '30', '--json', '--db', file])).stdout;
    schemaSeven(file);
    const r = json(ok(h.oncall(['db', 'migrate', '--json', '--db', file])));
    expect(r).toEqual({ location: file, before: 7, after: 8, backup: `${file}.schema-7.bak` });
    expect(fs.existsSync(`${file}.schema-7.bak`)).toBe(true);
    expect(json(ok(h.oncall(['db', 'status', '--json', '--db', file]))).schema).toEqual({ version: 8, known: 8, state: 'current' });
    // The upgrade keeps the final shifts `who` reads (migration 0007 brought their tables).
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT schedule_id AS id FROM kept_horizons ORDER BY 1').all()).toEqual(
      ['payments-primary', 'payments-secondary', 'platform-primary'].map((id) => ({ id })));
    db.close();
    expect(ok(h.oncall(['shifts', '--schedule', 'payments-primary', '--days', '30', '--json', '--db', file])).stdout).toBe(shifts);
  });

  test('a path in a missing folder is refused with exit 2 and nothing made', () => {
    const h = home();
    const missing = path.join(h.dir, 'nowhere', 'x.db');
    refused(h.oncall(['db', 'migrate', '--db', missing]), `folder ${path.dirname(missing)} does not exist`);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });
});

describe('oncall db copy', () => {
  test('copies everything losslessly: a year of shifts, the log, definitions, incidents and time off read the same', () => {
    const h = home();
    const file = path.join(h.dir, 'team.db');
    const at = (args: string[]) => ok(h.oncall([...args, '--db', file]));
    at(['apply', '-f', EXAMPLES.acme]);
    at(['apply', '-f', path.join(path.dirname(EXAMPLES.acme), 'escalation.yaml')]);
    at(['layer', 'edit', 'payments-secondary', 'weekly', '--members', 'bob,carol,alice,erin']);
    at(['override', 'add', '--schedule', 'platform-primary', '--person', 'heidi', '--from', '2026-12-03T00:00:00Z', '--to', '2026-12-04T00:00:00Z', '--reason', 'cover']);
    at(['swap', '--schedule', 'payments-primary', '--shift-of', 'alice', '--with', 'bob', '--at', '2026-12-09T03:00']);
    at(['timeoff', 'add', 'erin', '--from', '2026-12-08', '--to', '2026-12-08', '--reason', 'Dentist']);
    at(['incident', 'open', 'Checkout down', '--policy', 'payments-critical']);
    at(['incident', 'ack', '1', '--by', 'carol']);

    const copy = path.join(h.dir, 'copy.db');
    const r = json(at(['db', 'copy', '--to', copy, '--json']));
    expect(r).toMatchObject({ from: file, to: copy, schema: 8 });
    expect(r.bytes).toBeGreaterThan(0);
    expect(fs.statSync(copy).mode & 0o777).toBe(0o600);

    const views = [
      ...['payments-primary', 'payments-secondary', 'platform-primary'].map((s) => ['shifts', '--schedule', s, '--from', '2026-01-01', '--to', '2027-01-01', '--json']),
      ['log', '--json'],
      ['export', 'yaml'],
      ['incident', 'list', '--json'],
      ['timeoff', 'list', '--json'],
      ['layer', 'show', 'payments-secondary', 'weekly', '--json'],
    ];
    for (const view of views) {
      expect(ok(h.oncall([...view, '--db', copy])).stdout, view.join(' ')).toBe(at(view).stdout);
    }
  });

  test('never writes over a file, nor copies a database onto itself, nor into a missing folder', () => {
    const h = home();
    const file = path.join(h.dir, 'team.db');
    ok(h.oncall(['apply', '-f', EXAMPLES.acme, '--db', file]));
    const existing = path.join(h.dir, 'existing.db');
    fs.writeFileSync(existing, 'keep me');
    refused(h.oncall(['db', 'copy', '--to', existing, '--db', file]), 'already exists; oncall db copy never writes over a file');
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    refused(h.oncall(['db', 'copy', '--to', file, '--db', file]), 'is the database being copied');
    refused(h.oncall(['db', 'copy', '--to', path.join(h.dir, 'nowhere', 'x.db'), '--db', file]), 'does not exist');
    expect(fs.readdirSync(h.dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});

describe('a connection URL', () => {
  test('of a kind oncall cannot open is refused from --db, ONCALL_DB or the config file, naming where it came from, never showing the password', () => {
    const h = home();
    const cases: [string[], Env, string][] = [
      [['--db', 'mysql://ann:s3cr@t@db.example:3306/oncall'], {}, '--db is a URL oncall cannot open (mysql://ann:***@db.example:3306/oncall)'],
      [[], { ONCALL_DB: 'https://ann:hunter2@db/oncall' }, 'ONCALL_DB is a URL oncall cannot open (https://ann:***@db/oncall)'],
      [[], { ONCALL_DB: 'sqlite://db/oncall?user=ann&password=hunter2' }, 'ONCALL_DB is a URL oncall cannot open (sqlite://db/oncall?user=ann&password=***)'],
    ];
    for (const [args, env, message] of cases) {
      for (const command of [['who'], ['db', 'status'], ['apply', '-f', EXAMPLES.acme]]) {
        const r = h.oncall([...command, ...args], env);
        refused(r, message);
        expect(r.stderr).not.toMatch(/s3cr|hunter2/);
      }
    }
    const file = h.config('db: mysql://bob:hunter2@db/oncall\n');
    const r = h.oncall(['db', 'status']);
    refused(r, `db: in ${file} is a URL oncall cannot open (mysql://bob:***@db/oncall); give the path of a SQLite file or a postgres:// URL`);
    expect(r.stderr).not.toContain('hunter2');
    expect(fs.readdirSync(h.dir).sort()).toEqual(['config']);
  });

  test('postgres:// names a server: one that cannot be reached is one line, exit 1, the password masked, nothing written', () => {
    const h = home();
    for (const [args, env] of [
      [['--db', 'postgres://ann:s3cr3t@127.0.0.1:1/oncall'], {}],
      [[], { ONCALL_DB: 'postgresql://ann:hunter2@127.0.0.1:1/oncall' }],
    ] as [string[], Env][]) {
      const r = h.oncall(['who', ...args], env);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^oncall: cannot reach the database at postgres(ql)?:\/\/ann:\*\*\*@127\.0\.0\.1:1\/oncall .*is the server running\?$/)]);
      expect(r.stderr).not.toMatch(/s3cr3t|hunter2/);
    }
    expect(fs.readdirSync(h.dir)).toEqual([]);
  });
});
