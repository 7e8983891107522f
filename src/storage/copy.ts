// A whole database copied into a new file: one consistent snapshot (SQLite's VACUUM INTO reads
// inside one transaction, so a command writing meanwhile lands entirely before or after it),
// written beside the target first and put in place only when complete, never over a file.

import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { SqliteStore } from './open.js';

export function copyInto(store: SqliteStore, target: string): number {
  const to = path.resolve(target);
  if (to === path.resolve(store.location)) throw new UserError(`${target} is the database being copied; give --to another path`);
  if (fs.statSync(to, { throwIfNoEntry: false })) {
    throw new UserError(`${target} already exists; oncall db copy never writes over a file: remove it or give --to another path`);
  }
  const dir = path.dirname(to);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`folder ${dir} does not exist; create it, or give --to a path in an existing folder`);
  const partial = path.join(dir, `.${path.basename(to)}.partial-${process.pid}-${Date.now()}`);
  try {
    store.sqlite.prepare('VACUUM INTO ?').run(partial);
    fs.chmodSync(partial, 0o600);
    // A hard link does not replace a file that appeared meanwhile, as a rename would.
    fs.linkSync(partial, to);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return fs.statSync(to).size;
}
