// `main` builds only the command a line names (REGISTER in src/cli/main.ts). This keeps that
// table whole: every top-level command can be built alone, exactly as in the full program.
import type { Command } from 'commander';
import { expect, test } from 'vitest';
import { buildProgram, commandNamed, REGISTER } from '../../src/cli/main.js';

const io = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: process.stdin, env: {} };

/** A command as names: its options and, recursively, its subcommands. */
function shape(command: Command): unknown {
  return {
    name: command.name(),
    options: command.options.map((o) => o.flags),
    args: command.registeredArguments.map((a) => a.name()),
    commands: command.commands.map(shape),
  };
}

test('every top-level command is in the table, and built alone it is the same command', () => {
  const full = buildProgram(io);
  const names = full.commands.map((c) => c.name()).filter((name) => !['completion', '__complete'].includes(name));
  expect(Object.keys(REGISTER).sort()).toEqual([...names].sort());
  for (const name of names) {
    const alone = buildProgram(io, ['node', 'oncall', name]);
    const built = alone.commands.find((c) => c.name() === name);
    expect(built && shape(built), name).toEqual(shape(full.commands.find((c) => c.name() === name)!));
    expect(alone.commands.length, name).toBeLessThan(full.commands.length);
  }
});

test('the command is found past global options; help, completion and unknown names get everything', () => {
  const program = buildProgram(io);
  const line = (...words: string[]) => commandNamed(['node', 'oncall', ...words], program);
  expect(line('who')).toBe('who');
  expect(line('--db', 'who.db', '--tz', 'UTC', '--json', 'shifts', '--schedule', 'x')).toBe('shifts');
  expect(line('--db=x.db', 'override', 'add')).toBe('override');
  expect(line('--as', 'apply', 'who')).toBe('who'); // "apply" is --as's value here
  expect(line('help', 'who')).toBeUndefined();
  expect(line('completion', 'bash')).toBeUndefined();
  expect(line('__complete', '--', 'who')).toBeUndefined();
  expect(line('whoo')).toBeUndefined();
  expect(line('--version')).toBeUndefined();
  expect(line()).toBeUndefined();
});
