// Reading a file the user names, up to a limit: a huge file, /dev/zero or a runaway pipe is
// refused after reading just past the limit, never loaded whole.

import fs from 'node:fs';
import { UserError } from '../errors.js';

const CHUNK = 1 << 20;

/** "16 MB" (binary megabytes, as the limits are set). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** The file's bytes; a UserError naming the file when it cannot be read or is larger than `maxBytes`. */
export function readBounded(file: string, maxBytes: number, whatFor: string): Buffer {
  const cannot = (error: unknown) => new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw cannot(error);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    // Each round reads at least one byte or ends, and stops one byte past the limit.
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw new UserError(`${file} is larger than ${megabytes(maxBytes)}, the most ${whatFor} reads; nothing was changed`);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    throw error instanceof UserError ? error : cannot(error);
  } finally {
    fs.closeSync(fd);
  }
}
