// What a run of the CLI talks to: its output streams, its input, its environment. `main`
// takes these as an argument instead of reaching for `process`, so the tests can run the
// whole CLI in-process and a command never writes to streams it was not given.

import type { Readable } from 'node:stream';
import { fdOutput } from './fd-output.js';

/** The part of a writable stream the CLI uses; a terminal has `isTTY` and `columns`. */
export interface Output {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/**
 * The real process's streams and environment (the bin file's `main` call). Node builds each of
 * process.stdin, stdout and stderr on first use, loading its stream modules: stdin is looked up
 * when a command reads it, and a pipe or a file is written without a stream (fd-output.ts).
 */
export function processIo(): Io {
  return {
    stdout: fdOutput(1, () => process.stdout),
    stderr: fdOutput(2, () => process.stderr),
    get stdin() {
      return process.stdin;
    },
    env: process.env,
  };
}

/** Whether `oncall` may take over the terminal (raw keys, redraws): both ends are a TTY, not CI. */
export function isInteractive(io: Io): boolean {
  const ci = Boolean(io.env.CI) && io.env.CI !== 'false';
  return !ci && Boolean(io.stdout.isTTY) && Boolean(io.stdin.isTTY);
}
