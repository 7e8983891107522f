// A PostgreSQL database as the target of `oncall db copy`. Copying into it is an explicit
// request, so a database without oncall's schema is set up first (as `oncall db migrate`
// would); one at another schema version is refused with what to run there, and one holding
// any oncall rows is refused by copy-tables.ts, under the write lock, before anything is written.

import { UserError } from '../errors.js';
import { copyTables } from './copy-tables.js';
import type { CopyOptions, CopyResult } from './copy.js';
import { migratePgStore, openPgStore, pgStatus } from './pg-store.js';
import type { Store } from './store.js';

export async function copyIntoPg(source: Store, url: string, options: CopyOptions): Promise<CopyResult> {
  const status = await pgStatus(url, options.env);
  if (status.version === 0) await migratePgStore(url, options);
  else if (status.version < status.known) {
    throw new UserError(`the database at ${status.location} has schema ${status.version}, this oncall's is ${status.known}: run \`oncall db migrate --db ${status.location}\` first, then copy again`);
  } else if (status.version > status.known) {
    throw new UserError(`the database at ${status.location} has schema ${status.version}, newer than this oncall knows (${status.known}): upgrade oncall, then copy again`);
  }
  const target = await openPgStore(url, { env: options.env, lockTimeoutMs: options.lockTimeoutMs });
  try {
    if (source.backend === 'postgres' && (await serverDatabase(source)) === (await serverDatabase(target))) {
      throw new UserError(`${status.location} is the database being copied; give --to another database`);
    }
    const rows = await copyTables(source, target, `the database at ${status.location}`);
    return { to: status.location, schema: status.known, rows };
  } finally {
    await target.close();
  }
}

/**
 * Which database on which server a store is connected to, however its URL spells the host:
 * the server's start time tells servers apart without any privilege.
 */
async function serverDatabase(store: Store): Promise<string> {
  const row = await store.sql.get<{ id: string }>(`SELECT current_database() || ' ' || pg_postmaster_start_time()::text AS id`);
  return row?.id ?? '';
}
