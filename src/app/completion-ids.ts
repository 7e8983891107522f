// Ids for shell completion, read while the user presses TAB: a database that does not exist
// yet is not created for it, and any failure is an empty list (the CLI prints nothing).

import fs from 'node:fs';
import { isPostgresUrl } from '../storage/open-store.js';
import { currentIds, type IdKind } from '../storage/read-ids.js';
import type { AppContext } from './context.js';

export type { IdKind };

export async function completionIds(ctx: AppContext, kind: IdKind): Promise<string[]> {
  if (!isPostgresUrl(ctx.dbPath) && !fs.existsSync(ctx.dbPath)) return [];
  try {
    return await currentIds(await ctx.store(), kind);
  } catch {
    return [];
  }
}
