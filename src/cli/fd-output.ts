// Output to a pipe or a file without Node's stream: process.stdout and process.stderr are
// streams, and making the first one loads Node's stream modules (and `net` for a socket pair,
// which is what a parent's spawn gives): 5-20 ms of a `who` that writes a few hundred bytes. To a pipe or a file oncall writes the descriptor itself, synchronously,
// as Node's stream does on Linux for both. A terminal (a character device, which /dev/null
// also is) gets Node's stream, which knows its width and its colours.

import fs from 'node:fs';
import type { Output } from './io.js';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** `fd` as an Output: written directly when it is a pipe or a file, else through `stream()`. */
export function fdOutput(fd: number, stream: () => NodeJS.WriteStream): Output {
  let direct: boolean;
  try {
    const stat = fs.fstatSync(fd);
    direct = stat.isFIFO() || stat.isFile() || stat.isSocket();
  } catch {
    direct = false;
  }
  if (!direct) return stream();
  let closed = false;
  return {
    isTTY: false,
    write(text: string): boolean {
      if (closed) return false;
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) {
        try {
          at += fs.writeSync(fd, bytes, at);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          // The reader left (`oncall … | head -1`): the rest has nowhere to go, and that is
          // not an error. The command still finishes what it was doing.
          if (code === 'EPIPE') {
            closed = true;
            return false;
          }
          // A descriptor another program left non-blocking, with its reader behind: wait for it.
          if (code === 'EAGAIN') Atomics.wait(sleeper, 0, 0, 1);
          else throw error;
        }
      }
      return true;
    },
  };
}
