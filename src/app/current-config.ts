// The current definition of everything, as `export yaml` writes it.

import type { Config } from '../core/index.js';
import { loadConfig } from '../storage/state.js';
import type { AppContext } from './context.js';

export async function currentConfig(ctx: AppContext): Promise<Config> {
  const store = await ctx.store();
  return loadConfig(store);
}
