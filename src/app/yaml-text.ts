// The raw text of a YAML file, refused before parsing when it is too large to be a rota or
// is not UTF-8: both would otherwise cost minutes or be stored as U+FFFD.

import fs from 'node:fs';
import { UserError } from '../errors.js';
import { readBounded } from './bounded-file.js';

/** Files above this size are refused: the benchmark's 500 people and 200 schedules take 2 MB. */
export const MAX_YAML_BYTES = 10 * 1024 * 1024;

export type YamlText = { text: string } | { problem: string };

export function readYamlText(file: string): YamlText {
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_YAML_BYTES) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      return { problem: `${file}: the file is ${mb(size)}; oncall reads YAML files of up to ${mb(MAX_YAML_BYTES)}, split it into several files` };
    }
    // stat says 0 for /dev/zero or a pipe: the read itself stops just past the limit.
    bytes = readBounded(file, MAX_YAML_BYTES, 'apply');
  } catch (e) {
    if (e instanceof UserError) return { problem: e.message };
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? (e as Error).message);
    return { problem: `${file}: cannot read (${reason})` };
  }
  // ignoreBOM keeps a byte-order mark in the text, so decoded and byte offsets stay aligned.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = firstInvalidByte(bytes, text);
  if (bad) return { problem: `${file}:${bad.line}:${bad.col}: the file is not UTF-8 here; save it as UTF-8` };
  return { text };
}

// The decoder writes U+FFFD for each invalid sequence; a U+FFFD that the file really
// contains is the three bytes EF BF BD at the matching byte offset. Until the first invalid
// sequence, decoded text and bytes agree, so byte offsets can be counted as we go.
function firstInvalidByte(bytes: Buffer, text: string): { line: number; col: number } | undefined {
  let offset = 0;
  let counted = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    offset += Buffer.byteLength(text.slice(counted, i));
    counted = i;
    if (bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd) {
      const before = text.slice(0, i);
      return { line: before.split('\n').length, col: i - before.lastIndexOf('\n') };
    }
  }
  return undefined;
}
