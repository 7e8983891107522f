// Options every command shares (--db, --now, --tz, --json, --no-color) and the context
// built from them and the environment.

import type { Command } from 'commander';
import { terminalSafeLines } from '../core/index.js';
import { RuntimeFailure, UserError } from '../errors.js';
import { DEFAULT_LOCK_TIMEOUT_MS, makeContext, PermissionDenied, type AppContext } from '../app/context.js';
import { roleFor } from './roles.js';
import { databaseSetting, type DatabaseSetting } from '../app/database-setting.js';
import { isPostgresUrl } from '../app/database-url.js';
import type { Io } from './io.js';
import { colorsFor, terminalWidth, wantColor, type Colors } from './output.js';
import { forTerminal, jsonText, type Shown } from './terminal-text.js';
import { parseSinceOption, parseTimeOption } from './time-option.js';
import { viewerZone } from './viewer-zone.js';

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
  /** Which database this run uses, and what named it (--db, ONCALL_DB, the config file). */
  database: DatabaseSetting;
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
  /** A --since: a time up to now, where "7d" means 7 days ago. */
  since(text: string, option: string): Promise<number>;
  /**
   * Human output on stdout: a plain string is one line, its controls shown as symbols; a
   * TerminalText (a table, `term`…`` with line breaks, colours) as it was built.
   */
  print(text: Shown): void;
  /** The same on stderr. */
  note(text: Shown): void;
  /** A value as JSON on stdout: strings exact, written so that none of them acts on a terminal. */
  printJson(value: unknown, indent?: number): void;
  /**
   * A machine format (YAML, CSV, iCalendar) on stdout, exactly as given when stdout is a pipe or
   * a file; on a terminal, its control characters are shown as symbols (line breaks and tabs kept).
   * A final newline is added when missing.
   */
  printData(text: string): void;
}

/** What one `main` call shares with its commands: its io, and the databases to close. */
interface RunState {
  io: Io;
  contexts: AppContext[];
  /** The command that ran, by name (["override", "add"]), once it started. */
  path?: string[];
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

/** What the run's reads had to leave out (usable.ts), one message per schedule. */
export function setAsideIn(program: Command): string[] {
  const messages = new Map<string, string>();
  for (const ctx of runs.get(program)?.contexts ?? []) for (const [id, message] of ctx.setAside) messages.set(id, message);
  return [...messages.values()];
}

/** Whether the run committed a change: its exit status then says that the change landed. */
export function changedIn(program: Command): boolean {
  return (runs.get(program)?.contexts ?? []).some((ctx) => ctx.changed());
}

/**
 * The failure to report for `error`: a database error that escaped a command becomes the
 * one-line message it means, naming the database the run opened.
 */
export function explainFailure(program: Command, error: unknown): unknown {
  const state = runs.get(program);
  if (error instanceof PermissionDenied && state?.path) {
    const command = `oncall ${state.path.join(' ')}`;
    const role = roleFor(state.path);
    return new RuntimeFailure(
      `${error.user} may not run "${command}" on this database: it needs the ${role} role; nothing was changed (an admin can run: GRANT ${role} TO "${error.user}")`,
    );
  }
  return state?.contexts.reduce((explained, ctx) => ctx.explain(explained), error) ?? error;
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

function commandPath(command: Command): string[] {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names;
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
    .option('--db <path|url>', 'SQLite database file or postgres:// URL (default: $ONCALL_DB, else db: in $XDG_CONFIG_HOME/oncall/config.yaml, else $XDG_DATA_HOME/oncall/oncall.db)')
    .option('--now <time>', 'pin "now" for scripts and tests (default: $ONCALL_NOW, else the clock)')
    .option('--tz <zone>', 'show and read times in this IANA zone (default: $ONCALL_TZ, else $TZ or the system zone)')
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colour (also: NO_COLOR, or stdout not a terminal)')
    .option('--as <name>', 'who is making a change, for the audit log (default: $ONCALL_USER, else $USER)')
    .option('--debug', 'show stack traces of unexpected errors');
}

/** Commands that do not open the database as soon as they start. */
const NO_PREFETCH = new Set(['db', 'import', 'completion', '__complete']);

export async function invocation(command: Command): Promise<Invocation> {
  const state = runOf(command);
  const { io } = state;
  state.path = commandPath(command);
  const env = io.env;
  const opts = command.optsWithGlobals() as GlobalOptions;
  const zone = viewerZone(opts.tz, env);
  const clock = Date.now();
  // An empty ONCALL_NOW is unset; an empty --now is a mistake, refused like any bad time.
  const nowText = opts.now ?? (env.ONCALL_NOW || undefined);
  const nowOption = opts.now === undefined ? 'ONCALL_NOW' : '--now';
  const now = nowText === undefined ? clock : await parseTimeOption(nowText, nowOption, clock, zone);
  const lockTimeoutMs = lockTimeout(env);
  const database = await databaseSetting(opts.db, env);
  const ctx = makeContext({
    dbPath: database.location,
    env,
    // Only the default location gets its folders made; a named one must be where it is said to be.
    createFolders: database.setBy === 'default',
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
  // A shared server takes a round trip or two and a process fork to say hello: start now, while
  // the command's own modules load. `db` commands open their connections themselves, and
  // `import` and completion do not need one (or not often).
  if (isPostgresUrl(database.location) && !NO_PREFETCH.has(state.path[0])) ctx.prefetch();
  const color = wantColor(opts.color, env, io.stdout);
  return {
    ctx,
    database,
    io,
    json: Boolean(opts.json),
    color,
    colors: colorsFor(color),
    width: terminalWidth(io.stdout, env),
    time: (text, option) => parseTimeOption(text, option, now, zone),
    pastTime: (text, option) => parseTimeOption(text, option, now, zone, true),
    since: (text, option) => parseSinceOption(text, option, now, zone),
    print: (text) => io.stdout.write(`${forTerminal(text)}\n`),
    note: (text) => io.stderr.write(`${forTerminal(text)}\n`),
    printJson: (value, indent) => io.stdout.write(`${jsonText(value, indent)}\n`),
    printData: (text) => {
      const shown = io.stdout.isTTY ? terminalSafeLines(text) : text;
      io.stdout.write(shown.endsWith('\n') ? shown : `${shown}\n`);
    },
  };
}

/** Collects a repeatable option that also accepts comma-separated lists. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

export function positiveInteger(option: string) {
  return (value: string): number => {
    // Digits only: Number() would also take 1e9, 0x10 and 1.0.
    const n = /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 1) throw new UserError(`${option} "${value}" must be a whole number of 1 or more`);
    return n;
  };
}
