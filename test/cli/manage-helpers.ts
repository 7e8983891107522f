// Shared by the test/cli/manage-*.test.ts files (issue 6: changing things from the command
// line). Sessions run with a pinned now (2026-11-23T12:00:00Z, a Monday, 07:00 in New York),
// the viewer in America/New_York and ONCALL_USER=lead.

import path from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { dbState, EXAMPLES, json, ok, run, session, tempDir, testEnv, type Env, type Result, type Session, type Shift } from './helpers.js';
import { runInOwnThread } from './in-process.js';

export const VIEWER = { ONCALL_TZ: 'America/New_York', ONCALL_USER: 'lead' };

/** A session on an existing database, a file or a postgres:// URL (e.g. one that other processes write too). */
export function sessionAt(db: string, env: Env = {}): Session {
  return { db, dir: /^postgres(ql)?:\/\//.test(db) ? tempDir() : path.dirname(db), run: (args: string[], more: Env = {}) => run(args, { ...VIEWER, ONCALL_DB: db, ...env, ...more }) };
}

/** An empty database. */
export function fresh(env: Env = {}): Session {
  return session({ ...VIEWER, ...env });
}

/** A database with examples/acme.yaml applied at NOW (or at env.ONCALL_NOW, for that run only). */
export function acme(env: Env = {}): Session {
  const s = fresh();
  ok(s.run(['apply', '-f', EXAMPLES.acme], env));
  return s;
}

/** Everything a user could see change (definitions, history, audit log), read from the database. */
export function snapshot(s: Session): string {
  return dbState(s.db);
}

export function exported(s: Session, env: Env = {}): any {
  return parse(ok(s.run(['export', 'yaml'], env)).stdout);
}

/**
 * Runs a command that must be refused as bad input: exit 2, nothing on stdout, one line
 * "oncall: …" on stderr that matches `message`, and nothing changed (export and log).
 */
export function refused(s: Session, args: string[], message: RegExp | string, env: Env = {}): Result {
  const before = snapshot(s);
  const r = s.run(args, env);
  const what = `oncall ${args.join(' ')}\nstatus ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, what).toBe(2);
  expect(r.stdout, what).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, what).toHaveLength(1);
  expect(lines[0], what).toMatch(/^oncall: /);
  if (typeof message === 'string') expect(lines[0], what).toContain(message);
  else expect(lines[0], what).toMatch(message);
  expect(snapshot(s), `${what}\n(the database changed)`).toBe(before);
  return r;
}

export function shifts(s: Session, schedule: string, from: string, to: string, env: Env = {}): Shift[] {
  return json<Shift[]>(ok(s.run(['shifts', '--schedule', schedule, '--from', from, '--to', to, '--json'], env)));
}

/** "start end person source" per shift, compact enough to compare whole lists. */
export function brief(list: Shift[]): string[] {
  return list.map((x) => `${x.start} ${x.end} ${x.person} ${x.source}`);
}

export interface Entry {
  at: string;
  actor: string;
  entity: string;
  action: string;
  old: any;
  new: any;
  /** When the change takes effect (UTC); null in entries older than that record. */
  effective: string | null;
}

export function log(s: Session, args: string[] = [], env: Env = {}): Entry[] {
  return json<Entry[]>(ok(s.run(['log', ...args, '--json'], env)));
}

export interface OverrideRow {
  id: number;
  schedule: string;
  person: string;
  start: string;
  end: string;
  replaces: string | null;
  reason: string | null;
}

export function overrides(s: Session, args: string[] = [], env: Env = {}): OverrideRow[] {
  return json<OverrideRow[]>(ok(s.run(['override', 'list', ...args, '--json'], env)));
}

/**
 * Runs `oncall ARGS` in a thread and connection of its own, without waiting: several started
 * together write at the same time (test/smoke has the same with separate processes).
 */
export async function runAsync(db: string, args: string[], env: Env = {}): Promise<Result & { args: string[] }> {
  const result = await runInOwnThread(args, testEnv({ ...VIEWER, ONCALL_DB: db, ...env }));
  return { args, ...result };
}
