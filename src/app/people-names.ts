// Display names for person ids, for commands that print people.

import { listPeople } from '../storage/read.js';
import type { AppContext } from './context.js';

/** Every person's id and display name. */
export async function peopleNames(ctx: AppContext): Promise<Map<string, string>> {
  return new Map((await listPeople(await ctx.store())).map((p) => [p.id, p.name]));
}
