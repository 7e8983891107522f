// The command-line entry point: commander wiring, and the one place where errors become
// exit statuses (0 ok, 1 failure at run time, 2 invalid input, 3 problems found, 130 Ctrl-C).

import { Command, CommanderError } from 'commander';
import { terminalSafe, terminalSafeLines } from '../core/index.js';
import { ChangesPending, Interrupted, ProblemsFound, RuntimeFailure, UserError } from '../errors.js';
import { addGlobalOptions, changedIn, closeRun, explainFailure, setAsideIn, startRun } from './globals.js';
import { processIo, type Io, type Output } from './io.js';
import { registerWho } from './commands/who.js';
import { registerShifts } from './commands/shifts.js';
import { registerNext } from './commands/next.js';
import { registerApply } from './commands/apply.js';
import { registerExport } from './commands/export.js';
import { registerTimeline } from './commands/timeline.js';
import { registerCalendar } from './commands/calendar.js';
import { registerPeople } from './commands/people.js';
import { registerSchedules } from './commands/schedules.js';
import { registerOverrides } from './commands/overrides.js';
import { registerLog } from './commands/log.js';
import { registerPolicies } from './commands/policies.js';
import { registerEscalate } from './commands/escalate.js';
import { registerIncidents } from './commands/incidents.js';
import { registerTimeOff } from './commands/time-off.js';
import { registerCheck } from './commands/check.js';
import { registerReport } from './commands/report.js';
import { registerCover } from './commands/cover.js';
import { registerDb } from './commands/db.js';
import { registerImport } from './commands/import.js';
import { registerCompletion } from './commands/completion.js';

/** Which function registers each top-level command (test/cli/lazy-commands.test.ts keeps it whole). */
export const REGISTER: Record<string, (program: Command) => void> = {
  who: registerWho,
  shifts: registerShifts,
  next: registerNext,
  timeline: registerTimeline,
  apply: registerApply,
  export: registerExport,
  calendar: registerCalendar,
  person: registerPeople,
  team: registerPeople,
  schedule: registerSchedules,
  layer: registerSchedules,
  override: registerOverrides,
  swap: registerOverrides,
  log: registerLog,
  policy: registerPolicies,
  escalate: registerEscalate,
  incident: registerIncidents,
  timeoff: registerTimeOff,
  check: registerCheck,
  report: registerReport,
  cover: registerCover,
  db: registerDb,
  import: registerImport,
};
const ALL = [...new Set(Object.values(REGISTER)), registerCompletion];
/**
 * The command a line runs, when only its registration is needed: building every command
 * costs a run 5-7 ms. Help, completion, an unknown name or none at all get every command.
 */
export function commandNamed(argv: string[], program: Command): string | undefined {
  // Global options that take a value (--db, --now…): what follows them is not the name.
  const takeValue = new Set(program.options.filter((o) => o.required || o.optional).map((o) => o.long));
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i];
    if (takeValue.has(word)) i++;
    else if (!word.startsWith('-')) return Object.hasOwn(REGISTER, word) ? word : undefined;
  }
  return undefined;
}

/** The program for `argv` (default: every command, as for help). */
export function buildProgram(io: Io, argv: string[] = []): Command {
  const program = new Command('oncall')
    .description('Who is on call, from the terminal: rotations, overrides and schedules kept in SQLite, or shared by a team on PostgreSQL.')
    .version('0.1.0')
    .exitOverride()
    .showSuggestionAfterError()
    // Commander's own errors (unknown option, missing value) read like ours: one line, a hint.
    // They quote what was typed, so they are made safe for the terminal like every message.
    .configureOutput({
      writeOut: (text) => io.stdout.write(terminalSafeLines(text)),
      writeErr: (text) => io.stderr.write(terminalSafeLines(text)),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      outputError: (text, write) => write(`oncall: ${terminalSafe(text.replace(/^error: /, '').trimEnd())}; see "oncall help"\n`),
    });
  addGlobalOptions(program);
  const only = commandNamed(argv, program);
  for (const register of only ? [REGISTER[only]] : ALL) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs one command line and returns its exit status. Everything it reads and writes goes
 * through `io`; it never exits the process, and it closes the database it opened.
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const program = buildProgram(io, argv);
  startRun(program, io);
  let status: number;
  try {
    await program.parseAsync(argv);
    status = 0;
  } catch (error) {
    status = report(explainFailure(program, error), io.stderr, argv.includes('--debug'));
  }
  // Schedules whose stored rotation cannot be computed were left out of the answer: say so,
  // and do not let the answer pass for a whole one (or for a clean `check`). A change that
  // landed still exits 0, so that a script does not make it twice.
  const setAside = setAsideIn(program);
  for (const message of setAside) io.stderr.write(`oncall: ${terminalSafe(message)}\n`);
  if (setAside.length > 0 && !changedIn(program) && (status === 0 || status === 3)) status = 1;
  await closeRun(program);
  return status;
}

function report(error: unknown, output: Output, debug: boolean): number {
  // Messages quote ids, names, file contents and provider replies: each is one line, made safe.
  const say = (text: string) => output.write(`${terminalSafe(text)}\n`);
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help text).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
      return 0;
    }
    return 2;
  }
  if (error instanceof Interrupted) return error.exitCode;
  if (error instanceof ChangesPending) return error.exitCode;
  if (error instanceof UserError) {
    for (const detail of error.details) say(detail);
    say(`oncall: ${error.message}`);
    return 2;
  }
  if (error instanceof ProblemsFound) {
    say(`oncall: ${error.message}`);
    return 3;
  }
  if (error instanceof RuntimeFailure) {
    say(`oncall: ${error.message}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`oncall: unexpected error: ${message}`);
  if (debug && error instanceof Error) output.write(`${terminalSafeLines(String(error.stack))}\n`);
  else say('Run again with --debug for details.');
  return 1;
}
