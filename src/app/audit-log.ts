// The audit log as `oncall log` shows it: newest first, filtered by time and entity.

import { auditEntries, type AuditEntry } from '../storage/read.js';
import type { AppContext } from './context.js';

export type { AuditEntry } from '../storage/read.js';

export async function auditLog(ctx: AppContext, filter: { since?: number; entity?: string }): Promise<AuditEntry[]> {
  return await auditEntries(await ctx.store(), filter);
}
