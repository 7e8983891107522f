// Display names for person ids, loaded once per command.

import type { AppContext } from '../app/context.js';
import { peopleNames } from '../app/people-names.js';

/** A person's display name from their id (the id itself when unknown; null stays null). */
export type Names = (id: string | null) => string | null;

export async function nameLookup(ctx: AppContext): Promise<Names> {
  const names = await peopleNames(ctx);
  return (id) => (id === null ? null : (names.get(id) ?? id));
}
