// Display names for person ids, loaded once per command.

import type { AppContext } from '../app/context.js';
import { peopleNames } from '../app/people-names.js';

export async function nameLookup(ctx: AppContext): Promise<(id: string | null) => string | null> {
  const names = await peopleNames(ctx);
  return (id) => (id === null ? null : (names.get(id) ?? id));
}
