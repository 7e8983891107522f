// Writing a file so that a reader (a web server publishing the feed) never sees half of it:
// write a temporary file in the same folder, then rename it over the target. The temporary
// name is random and created exclusively (O_EXCL), so in a shared folder nobody can plant a
// link at it beforehand and have us write through it to a file elsewhere.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

/** A fresh temporary path next to `file`, for `fs.writeFileSync(temp, …, { flag: 'wx' })`. */
function exclusiveTempPath(file: string): string {
  return path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
}

/** Writes `text`, or its pieces one after the other (a feed is made as it is written). */
export function writeFileAtomic(file: string, text: string | Iterable<string>): void {
  const temp = exclusiveTempPath(file);
  let fd: number | undefined;
  try {
    fd = onDisk(file, () => fs.openSync(temp, 'wx', 0o644));
    for (const piece of typeof text === 'string' ? [text] : text) onDisk(file, () => fs.writeFileSync(fd!, piece));
    onDisk(file, () => fs.closeSync(fd!));
    fd = undefined;
    onDisk(file, () => fs.renameSync(temp, file));
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** A failure of the file system as the user's to fix; a failure making the pieces is not. */
function onDisk<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    throw new UserError(`cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  }
}

export function ensureDirectory(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UserError(`cannot create ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  }
}
