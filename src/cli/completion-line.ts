// What to offer at the cursor, given the words typed before it: subcommands, options, or the
// values of the option or argument being typed. One implementation for every shell: the
// scripts (completion-scripts.ts) pass the line to `oncall __complete` and show what it prints.

import type { CommandSpec, ValueKind } from './completion-spec.js';

export interface Offer {
  /** Words to offer (the shell filters them by what is typed). */
  words: string[];
  /** What the words are, when they come from elsewhere: ids from the database, file names. */
  kind?: ValueKind;
}

/**
 * `typed`: the words after `oncall` before the cursor; `current`: the word being typed.
 * Bounded by the number of words typed (one pass).
 */
export function offerAt(specs: CommandSpec[], typed: string[], current: string): Offer {
  const byPath = new Map(specs.map((s) => [s.path, s]));
  let spec = byPath.get('')!;
  let args = 0;
  let pending: ValueKind | undefined;
  for (const word of typed) {
    // bash splits `--db=x` into `--db`, `=` and `x`: the value still follows.
    if (word === '=') continue;
    if (pending !== undefined) {
      pending = undefined;
      continue;
    }
    if (word === '--') break;
    if (word.startsWith('-')) {
      if (word.includes('=')) continue;
      pending = optionOf(spec, word)?.value;
      continue;
    }
    const deeper = args === 0 && spec.subcommands.includes(word) ? byPath.get(spec.path ? `${spec.path} ${word}` : word) : undefined;
    if (deeper) spec = deeper;
    else args++;
  }
  if (pending !== undefined) return { words: [], kind: pending };
  if (current.startsWith('--') && current.includes('=')) {
    const [name] = current.split('=', 1);
    const value = optionOf(spec, name)?.value;
    return { words: [], kind: value ?? 'none' };
  }
  if (current.startsWith('-')) return { words: spec.options.map((o) => o.long) };
  if (args === 0 && spec.subcommands.length > 0) return { words: spec.subcommands };
  return { words: [], kind: spec.args[args] ?? 'none' };
}

function optionOf(spec: CommandSpec, word: string) {
  return spec.options.find((o) => o.long === word || o.short === word);
}

/** The --db the line names, if it does: ids are then read from that database. */
export function databaseOnLine(typed: string[]): string | undefined {
  let db: string | undefined;
  for (let i = 0; i < typed.length; i++) {
    if (typed[i] === '--db' && i + 1 < typed.length) db = typed[++i];
    else if (typed[i].startsWith('--db=')) db = typed[i].slice('--db='.length);
  }
  return db;
}
