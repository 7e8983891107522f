// Feed files are written through a temporary file in the target folder. In a shared folder
// someone may plant a link where that file will be: it must never be written through.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { writeFileAtomic } from '../../src/app/atomic-write.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-atomic-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a link planted at the old predictable temp name is not followed; the target is written whole', () => {
  const victim = path.join(dir, 'victim.txt');
  fs.writeFileSync(victim, 'precious\n');
  const feed = path.join(dir, 'feed.ics');
  // The name oncall used to write through: .<name>.<pid>.tmp
  fs.symlinkSync(victim, path.join(dir, `.feed.ics.${process.pid}.tmp`));
  writeFileAtomic(feed, 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
  expect(fs.readFileSync(feed, 'utf8')).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  expect(fs.lstatSync(feed).isSymbolicLink()).toBe(false);
});

test('no temporary file is left behind, and each write uses a name of its own', () => {
  const feed = path.join(dir, 'twice.ics');
  writeFileAtomic(feed, 'one');
  writeFileAtomic(feed, 'two');
  expect(fs.readFileSync(feed, 'utf8')).toBe('two');
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('.twice.ics.'))).toEqual([]);
});

test('an unwritable folder is a one-line UserError naming the file', () => {
  expect(() => writeFileAtomic(path.join(dir, 'missing', 'feed.ics'), 'x')).toThrow(/^cannot write .*missing\/feed\.ics \(ENOENT\); check the path$/);
});
