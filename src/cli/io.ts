// What a run of the CLI talks to: its output streams, its input, its environment. `main`
// takes these as an argument instead of reaching for `process`, so the tests can run the
// whole CLI in-process and a command never writes to streams it was not given.

import type { Readable } from 'node:stream';

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
 * The real process's streams and environment (the bin file's `main` call). stdin is looked up
 * when a command reads it: Node builds process.stdin on first use, loading its stream modules
 * (about 3 ms of every `who`, which never reads it).
 */
export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
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
