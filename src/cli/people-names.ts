// Display names for person ids, loaded once per command.

import { listPeople } from '../storage/read.js';
import type { AppContext } from '../app/context.js';

export async function nameLookup(ctx: AppContext): Promise<(id: string | null) => string | null> {
  const names = new Map(listPeople(await ctx.db()).map((p) => [p.id, p.name]));
  return (id) => (id === null ? null : (names.get(id) ?? id));
}
