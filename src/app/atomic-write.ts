// Writing a file so that a reader (a web server publishing the feed) never sees half of it:
// write a temporary file in the same folder, then rename it over the target.

import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, text, { mode: 0o644 });
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
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
