// Files no rota looks like: too large, alias bombs, bytes that are not UTF-8, tags that ask
// for code, nesting that would blow the stack. Each is refused with exit 2 and the place,
// quickly and without touching the database.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, dbState, EXAMPLES, ok, pending, session, tempDir, writeYaml, type Result, type Session } from './helpers.js';

const PERSON = 'version: 1\npeople:\n  - id: ann\n    name: ';

let s: Session;
let snapshot: string;
beforeAll(() => {
  s = session();
  ok(s.run(['apply', '-f', EXAMPLES.acme]));
  snapshot = dbState(s.db);
});
afterAll(cleanup);

function writeBytes(bytes: Buffer | string, name: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, bytes);
  return file;
}

function expectRefused(r: Result, message: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/unexpected error|^\s+at /m);
  expect(dbState(s.db)).toBe(snapshot);
}

describe('size', () => {
  test('a file over 10 MB is refused before it is parsed, with its size', () => {
    // 11 MB of comments: cheap to write, and a parser would take its time over it.
    const file = writeBytes(`version: 1\n${'# filler line for a file far larger than any rota\n'.repeat(230_000)}`, 'huge.yaml');
    const started = Date.now();
    expectRefused(s.run(['apply', '-f', file]), /huge\.yaml: the file is 11\.\d MB; oncall reads YAML files of up to 10\.0 MB, split it/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('an endless file (/dev/zero) is refused once the limit is read, not loaded whole', () => {
    expectRefused(s.run(['apply', '-f', '/dev/zero']), /\/dev\/zero is larger than 10 MB, the most apply reads/);
  });

  test('a 2 MB file, the size of the benchmark’s 200 schedules, is read', () => {
    const file = writeBytes(`${PERSON}Ann\n${'# comment\n'.repeat(200_000)}`, 'big.yaml');
    pending(s.run(['apply', '-f', file, '--dry-run']));
  });
});

describe('aliases', () => {
  test('an alias bomb is refused at its first alias', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const file = writeBytes(`version: 1\n${levels.join('\n')}\n`, 'bomb.yaml');
    expectRefused(s.run(['apply', '-f', file]), /bomb\.yaml:3:\d+: the aliases \(\*name\) expand to too much data/);
  });

  test('a few aliases, as a lead uses them to share a restriction, are fine', () => {
    const yaml = `${PERSON}&name Ann\n  - id: zed\n    name: *name\n`;
    const r = pending(s.run(['apply', '-f', writeYaml(yaml, 'anchors.yaml'), '--dry-run']));
    expect(r.stdout).toMatch(/\+ person zed +Ann/);
  });
});

describe('encoding', () => {
  const cases: [string, Buffer, RegExp][] = [
    ['a lone continuation byte', Buffer.from(`${PERSON}"A\x80nn"\n`, 'latin1'), /:4:13: the file is not UTF-8 here/],
    ['Latin-1 text', Buffer.from(`${PERSON}"Jürgen"\n`, 'latin1'), /:4:13: the file is not UTF-8 here/],
    ['a truncated sequence at the end', Buffer.concat([Buffer.from(`${PERSON}"Ann`), Buffer.from([0xe2, 0x82])]), /:4:15: the file is not UTF-8 here/],
    ['an overlong encoding', Buffer.concat([Buffer.from(`${PERSON}"A`), Buffer.from([0xc0, 0xaf]), Buffer.from('"\n')]), /:4:13: /],
    ['a UTF-16 surrogate encoded as UTF-8', Buffer.concat([Buffer.from(`${PERSON}"A`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"\n')]), /:4:13: /],
    [
      'a byte-order mark, a real U+FFFD, then a bad byte',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${PERSON}"A\uFFFDn`), Buffer.from([0xff]), Buffer.from('"\n')]),
      /:4:15: the file is not UTF-8 here/,
    ],
  ];
  test.each(cases)('%s is refused at its line and column', (_name, bytes, message) => {
    expectRefused(s.run(['apply', '-f', writeBytes(bytes, 'latin.yaml')]), message);
  });

  test('a byte-order mark and a real U+FFFD are kept as they are', () => {
    const file = writeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${PERSON}"A\uFFFDnn"\n`)]), 'bom.yaml');
    expect(pending(s.run(['apply', '-f', file, '--dry-run'])).stdout).toContain('A\uFFFDnn');
  });
});

describe('tags and nesting', () => {
  const cases: [string, string, RegExp][] = [
    ['!!js/function', `${PERSON}!!js/function "function () { return 1 }"\n`, /:4:11: the tag !!js\/function is not allowed; remove it/],
    ['!!js/undefined', `${PERSON}!!js/undefined ''\n`, /:4:11: the tag !!js\/undefined is not allowed/],
    ['!!python/object', `${PERSON}!!python/object:os.system [ls]\n`, /:4:11: the tag !!python\/object:os\.system is not allowed/],
    ['a local tag', 'version: 1\npeople:\n  - id: !person ann\n    name: Ann\n', /:3:9: the tag !person is not allowed/],
    ['100 000 nested lists', `version: 1\npeople: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /:2:\d+: nested too deeply; flatten the file/],
  ];
  test.each(cases)('%s is refused at its place', (_name, text, message) => {
    expectRefused(s.run(['apply', '-f', writeYaml(text, 'tags.yaml')]), message);
  });

  test('the standard tags of YAML are still read', () => {
    const r = pending(s.run(['apply', '-f', writeYaml(`${PERSON}!!str 1234\n`, 'str.yaml'), '--dry-run']));
    expect(r.stdout).toMatch(/\+ person ann +1234/);
  });
});
