// Reading YAML files with source positions, so that every problem can be reported as
// file:line:col, whether the YAML itself is malformed or its content is wrong. Most files
// are read first without positions (yaml-quick.ts, several times faster); `yaml` reads them
// again with positions only when there is a problem to report.

import { isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import type { Path } from '../core/config-schema.js';
import type { FileIssue } from '../core/normalize.js';
import { UserError } from '../errors.js';
import { plural } from '../core/index.js';
import { readYamlText } from './yaml-text.js';
import { quickYaml } from './yaml-quick.js';

export interface LoadedFile {
  file: string;
  data: unknown;
  text: string;
  /** Where each node is in `text`; absent when the file was read without positions. */
  source?: { doc: Document; lines: LineCounter };
}

/** Parses every file; syntax errors of all files are collected and thrown together. */
export function loadYamlFiles(files: string[]): LoadedFile[] {
  const loaded: LoadedFile[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const read = readYamlText(file);
    if ('problem' in read) problems.push(read.problem);
    else addParsed(loaded, problems, file, read.text, quickYaml(read.text));
  }
  if (problems.length > 0) throw yamlErrors(problems);
  return loaded;
}

/**
 * The error for problems that `check` finds in the files' content, each at its
 * file:line:col. Files read without positions are parsed again with them, and checked
 * again as `yaml` reads them: the problems are those a read with positions finds.
 */
export function contentErrors(files: LoadedFile[], check: (files: LoadedFile[]) => FileIssue[]): UserError {
  if (files.every((f) => f.source)) return yamlErrors(locateAll(files, check(files)));
  const located: LoadedFile[] = [];
  const problems: string[] = [];
  for (const f of files) {
    if (f.source) located.push(f);
    else addParsed(located, problems, f.file, f.text, undefined);
  }
  if (problems.length > 0) return yamlErrors(problems);
  return yamlErrors(locateAll(located, check(located)));
}

/** Adds the file as the quick read found it, or else as `yaml` reads it with positions (or its problems). */
function addParsed(loaded: LoadedFile[], problems: string[], file: string, text: string, quick: { value: unknown } | undefined): void {
  if (quick) {
    loaded.push({ file, text, data: quick.value });
    return;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  // Warnings are refused too: an unknown tag (`!!js/function`) would otherwise be read
  // as a plain string, and a file must mean exactly what it says.
  const found = [...doc.errors, ...doc.warnings];
  if (found.length > 0) {
    for (const error of found) problems.push(`${where(file, error.linePos?.[0])}: ${yamlMessage(error.message)}`);
    return;
  }
  const data = toData(doc, lines, file);
  if ('problem' in data) problems.push(data.problem);
  else loaded.push({ file, text, data: data.value, source: { doc, lines } });
}

const where = (file: string, pos?: { line: number; col: number }) => (pos ? `${file}:${pos.line}:${pos.col}` : file);

function yamlMessage(message: string): string {
  // yaml repeats the position at the end of its first line; we already lead with it.
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (first.includes('Maximum call stack size exceeded')) return 'nested too deeply; flatten the file';
  const tag = /^Unresolved tag: (.*)$/.exec(first);
  return tag ? `the tag ${tag[1].replace('tag:yaml.org,2002:', '!!')} is not allowed; remove it` : first;
}

// Aliases are expanded here; yaml stops after 100 of them, which a rota never needs but an
// alias bomb (a few lines that expand to gigabytes) reaches at once.
function toData(doc: Document, lines: LineCounter, file: string): { value: unknown } | { problem: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    let first: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        first = node.range?.[0];
        return visit.BREAK;
      },
    });
    const pos = first === undefined ? undefined : lines.linePos(first);
    return { problem: `${where(file, pos)}: the aliases (*name) expand to too much data; write the values out instead` };
  }
}

/** The most alias expansions (`*name`) one file may need. */
const MAX_ALIASES = 100;

export function yamlErrors(lines: string[]): UserError {
  const count = plural(lines.length, 'error');
  return new UserError(`${count}; nothing was changed. Fix the file and run apply again.`, lines);
}

/** "file:line:col: message" for each problem, in file order and then source order. */
function locateAll(files: LoadedFile[], problems: FileIssue[]): string[] {
  return problems
    .map((problem) => {
      const index = files.findIndex((f) => f.file === problem.file);
      const { doc, lines } = files[index].source!;
      const pos = lines.linePos(offsetOf(doc, problem.path, problem.atKey ?? false));
      return { index, pos, text: `${problem.file}:${pos.line}:${pos.col}: ${problem.message}` };
    })
    .sort((a, b) => a.index - b.index || a.pos.line - b.pos.line || a.pos.col - b.pos.col)
    .map((p) => p.text);
}

/** Source offset of the deepest node on `path` that exists (the key itself for unknown keys). */
function offsetOf(doc: Document, path: Path, atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p: Pair) => keyOf(p) === step);
      if (!pair) break;
      const key = pair.key as Node | null;
      if (last && atKey && key?.range) return key.range[0];
      node = pair.value;
      const range = (pair.value as Node | null)?.range ?? key?.range;
      if (range) offset = range[0];
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      const range = (node as Node | null)?.range;
      if (!range) break;
      offset = range[0];
    } else {
      break;
    }
  }
  return offset;
}

function keyOf(pair: Pair): unknown {
  const key = pair.key as { value?: unknown } | null;
  return key && typeof key === 'object' && 'value' in key ? key.value : key;
}
