// Options every command shares (--db, --now, --tz, --json, --no-color) and the context
// built from them and the environment.

import type { Command } from 'commander';
import { isValidTimeZone } from '../core/index.js';
import { UserError } from '../errors.js';
import { databasePath, DEFAULT_LOCK_TIMEOUT_MS, isDefaultLocation, makeContext, type AppContext } from '../app/context.js';
import type { Io } from './io.js';
import { colorsFor, terminalWidth, wantColor, type Colors } from './output.js';
import { parseTimeOption } from './time-option.js';

export interface GlobalOptions {
  db?: string;
  now?: string;
  tz?: string;
  json?: boolean;
  color: boolean;
  debug?: boolean;
  as?: string;
}

export interface Invocation {
  ctx: AppContext;
  /** The streams and environment this run was given (never `process` directly). */
  io: Io;
  json: boolean;
  /** Whether output may use colour (a terminal, no NO_COLOR, no --no-color). */
  color: boolean;
  colors: Colors;
  width: number;
  /** Parses a time option in the viewer's zone relative to "now". */
  time(text: string, option: string): Promise<number>;
  /** The same, for a time that has already happened: "12:40" is the latest 12:40 up to now. */
  pastTime(text: string, option: string): Promise<number>;
  print(text: string): void;
  /** One line on stderr, as it is. */
  note(text: string): void;
}

/** What one `main` call shares with its commands: its io, and the databases to close. */
interface RunState {
  io: Io;
  contexts: AppContext[];
}
const runs = new WeakMap<Command, RunState>();

/** Ties `io` to a program before it parses; commands find it through their root command. */
export function startRun(program: Command, io: Io): void {
  runs.set(program, { io, contexts: [] });
}

/** Closes every database the run opened, so an in-process caller leaks no handle. */
export async function closeRun(program: Command): Promise<void> {
  const state = runs.get(program);
  if (!state) return;
  runs.delete(program);
  await Promise.all(state.contexts.splice(0).map((ctx) => ctx.close()));
}

/**
 * The failure to report for `error`: a database error that escaped a command becomes the
 * one-line message it means, naming the database the run opened.
 */
export function explainFailure(program: Command, error: unknown): unknown {
  return runs.get(program)?.contexts.reduce((explained, ctx) => ctx.explain(explained), error) ?? error;
}

/** The longest wait for another command's write lock: ONCALL_LOCK_TIMEOUT seconds, else one minute. */
const MAX_LOCK_TIMEOUT_S = 3600;
function lockTimeout(env: Record<string, string | undefined>): number {
  const text = env.ONCALL_LOCK_TIMEOUT;
  if (text === undefined || text === '') return DEFAULT_LOCK_TIMEOUT_MS;
  const seconds = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!(seconds <= MAX_LOCK_TIMEOUT_S)) {
    throw new UserError(`ONCALL_LOCK_TIMEOUT "${text}" must be a number of seconds from 0 to ${MAX_LOCK_TIMEOUT_S}`);
  }
  return Math.round(seconds * 1000);
}

function runOf(command: Command): RunState {
  let root = command;
  while (root.parent) root = root.parent;
  const state = runs.get(root);
  if (!state) throw new Error('a command ran outside main(): no io was given');
  return state;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--db <path>', 'database file (default: $ONCALL_DB, else $XDG_DATA_HOME/oncall/oncall.db)')
    .option('--now <time>', 'pin "now" for scripts and tests (default: $ONCALL_NOW, else the clock)')
    .option('--tz <zone>', 'show and read times in this IANA zone (default: $ONCALL_TZ, else the system zone)')
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colour (also: NO_COLOR, or stdout not a terminal)')
    .option('--as <name>', 'who is making a change, for the audit log (default: $ONCALL_USER, else $USER)')
    .option('--debug', 'show stack traces of unexpected errors');
}

export async function invocation(command: Command): Promise<Invocation> {
  const state = runOf(command);
  const { io } = state;
  const env = io.env;
  const opts = command.optsWithGlobals() as GlobalOptions;
  const zone = opts.tz ?? env.ONCALL_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  if (!isValidTimeZone(zone)) {
    throw new UserError(`time zone "${zone}" is not an IANA zone name; use one like Europe/Berlin or America/New_York`);
  }
  const clock = Date.now();
  const nowText = opts.now ?? env.ONCALL_NOW;
  const now = nowText ? await parseTimeOption(nowText, '--now', clock, zone) : clock;
  const lockTimeoutMs = lockTimeout(env);
  const ctx = makeContext({
    dbPath: databasePath(opts.db, env),
    createFolders: isDefaultLocation(opts.db, env),
    now,
    zone,
    actor: opts.as || env.ONCALL_USER || env.USER || 'unknown',
    lockTimeoutMs,
    // Only someone watching a terminal needs telling why nothing happens yet.
    onWait: io.stderr.isTTY
      ? () => io.stderr.write(`oncall: waiting for another oncall command to finish (up to ${lockTimeoutMs / 1000} s)…\n`)
      : undefined,
  });
  state.contexts.push(ctx);
  const color = wantColor(opts.color, env, io.stdout);
  return {
    ctx,
    io,
    json: Boolean(opts.json),
    color,
    colors: colorsFor(color),
    width: terminalWidth(io.stdout),
    time: (text, option) => parseTimeOption(text, option, now, zone),
    pastTime: (text, option) => parseTimeOption(text, option, now, zone, true),
    print: (text) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    note: (text) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}

/** Collects a repeatable option that also accepts comma-separated lists. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

export function positiveInteger(option: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UserError(`${option} "${value}" must be a whole number of 1 or more`);
    return n;
  };
}
