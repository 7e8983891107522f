// App errors name inputs in domain words; the command that ran knows which flag carried each
// input and says so, so the user sees the flag to change.

import { InputError } from '../errors.js';

export type FlagNames = Record<string, string>;

/** The error to show: an InputError about one of `flags`' inputs comes back naming its flag. */
export function namingFlag(error: unknown, flags: FlagNames): unknown {
  return error instanceof InputError && Object.hasOwn(flags, error.input) ? error.withFlag(flags[error.input]) : error;
}

/** Wraps a command's action so that the errors it throws name this command's flags. */
export function withFlags<A extends unknown[]>(flags: FlagNames, action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      throw namingFlag(error, flags);
    }
  };
}
