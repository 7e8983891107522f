// App errors name inputs in domain words; the command that ran knows which flag carried each
// input and says so, so the user sees the flag to change.

import { InputError } from '../errors.js';

/** Awaits `work`; an InputError about one of `flags`' inputs comes back naming its flag. */
export async function withFlags<T>(work: Promise<T>, flags: Record<string, string>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof InputError && Object.hasOwn(flags, error.input)) throw error.withFlag(flags[error.input]);
    throw error;
  }
}
