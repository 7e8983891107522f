// What shell completion knows about oncall, read from the commander program itself so that it
// never falls behind a new command or option: each command's subcommands, options and
// arguments, and what kind of value each option and argument takes. The shells' scripts
// (completion-bash.ts, completion-fish.ts) are rendered from this.

import type { Command } from 'commander';
import { PROBLEM_KINDS } from '../core/index.js';

/** What a value is completed with: ids from the database, time words, file names, or fixed words. */
export type ValueKind = 'schedule' | 'person' | 'team' | 'policy' | 'time' | 'file' | 'zone' | 'none' | { words: string[] };

export interface OptionSpec {
  long: string;
  short?: string;
  /** Undefined for a flag that takes no value. */
  value?: ValueKind;
}

export interface CommandSpec {
  /** "override add"; "" for oncall itself. */
  path: string;
  subcommands: string[];
  options: OptionSpec[];
  /** One per positional argument, in order. */
  args: ValueKind[];
}

/** Words offered for a time option (any time oncall reads is accepted; these are the common ones). */
export const TIME_WORDS = ['now', 'today', 'tomorrow', 'yesterday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const BY_OPTION: Record<string, ValueKind> = {
  '--schedule': 'schedule',
  '--team': 'team',
  '--person': 'person',
  '--policy': 'policy',
  '--with': 'person',
  '--shift-of': 'person',
  '--replaces': 'person',
  '--by': 'person',
  '--members': 'person',
  '--add': 'person',
  '--remove': 'person',
  '--at': 'time',
  '--from': 'time',
  '--to': 'time',
  '--until': 'time',
  '--since': 'time',
  '--effective': 'time',
  '--now': 'time',
  '--tz': 'zone',
  '--db': 'file',
  '--file': 'file',
  '--output': 'file',
  '--out-dir': 'file',
  '--split-by': { words: ['person', 'schedule'] },
  '--ignore': { words: [...PROBLEM_KINDS] },
  '--provider': { words: ['google', 'outlook'] },
};

/** `db copy --to` takes a file or a URL; `import` has a window, not ids. */
const BY_COMMAND_OPTION: Record<string, ValueKind> = {
  'db copy --to': 'file',
};

/** Positional arguments, by the group they belong to and their name. */
function argumentKind(path: string, name: string): ValueKind {
  const [group, action] = path.split(' ');
  if (name === 'schedule') return 'schedule';
  if (name === 'person') return 'person';
  if (name === 'policy') return 'policy';
  if (name === 'file') return 'file';
  if (name === 'vendor') return { words: ['pagerduty', 'opsgenie', 'grafana'] };
  if (name === 'provider') return { words: ['google', 'outlook'] };
  // `person show <id>` names an existing person; `person add <id>` a new one.
  if (name === 'id' && action !== 'add') {
    if (group === 'person' || group === 'team' || group === 'schedule' || group === 'policy') return group;
  }
  return 'none';
}

export function completionSpec(program: Command): CommandSpec[] {
  const specs: CommandSpec[] = [];
  const globals = optionsOf(program, '');
  // Bounded by the program's own tree (a few dozen commands, two levels deep at most here).
  const walk = (command: Command, path: string) => {
    const visible = command.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
    specs.push({
      path,
      subcommands: visible.map((c) => c.name()),
      options: path === '' ? globals : [...optionsOf(command, path), ...globals],
      args: command.registeredArguments.map((a) => argumentKind(path, a.name())),
    });
    for (const sub of visible) walk(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  walk(program, '');
  return specs;
}

function optionsOf(command: Command, path: string): OptionSpec[] {
  return command.options
    .filter((o) => !o.hidden && o.long)
    .map((o) => {
      const long = o.long!;
      const takesValue = o.required || o.optional;
      const value = takesValue ? (BY_COMMAND_OPTION[`${path} ${long}`] ?? BY_OPTION[long] ?? 'none') : undefined;
      return { long, ...(o.short && { short: o.short }), ...(value && { value }) };
    });
}
