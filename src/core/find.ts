// Looking a definition up by id, with one message per kind when it is not there.

import { UserError } from '../errors.js';

/** The command that lists each kind of definition, for the hint in "unknown …" messages. */
const LIST_COMMAND = {
  person: 'oncall person list',
  team: 'oncall team list',
  schedule: 'oncall schedule list',
  'escalation policy': 'oncall policy list',
} as const;

export type IdKind = keyof typeof LIST_COMMAND;

/** `unknown schedule "x"; "oncall schedule list" shows them`. */
export function unknownId(kind: IdKind, id: string): UserError {
  return new UserError(`unknown ${kind} "${id}"; "${LIST_COMMAND[kind]}" shows them`);
}

/** The item with this id; an unknown id is the user's mistake. */
export function findById<T extends { id: string }>(list: readonly T[], id: string, kind: IdKind): T {
  const found = list.find((item) => item.id === id);
  if (!found) throw unknownId(kind, id);
  return found;
}
