// `oncall db status` and `oncall db migrate`: which database this is, and bringing its schema
// to this oncall's on purpose rather than as a side effect of the next command.

import fs from 'node:fs';
import path from 'node:path';
import { copyInto } from '../storage/copy.js';
import type { SqliteStore } from '../storage/open.js';
import { UserError } from '../errors.js';
import { schemaStatus, type SchemaStatus } from '../storage/schema-status.js';
import type { AppContext } from './context.js';
import type { DatabaseSetting } from './database-setting.js';

export type SchemaState = 'none' | 'current' | 'older' | 'newer';

export interface DatabaseStatus extends SchemaStatus {
  backend: 'sqlite';
  location: string;
  setBy: DatabaseSetting['setBy'];
  configFile?: string;
  state: SchemaState;
  /** No file, and no folder to make it in: only the default location's folders are created. */
  folderMissing: boolean;
}

export function databaseStatus(setting: DatabaseSetting): DatabaseStatus {
  const location = path.resolve(setting.location);
  const found = schemaStatus(location);
  const folderMissing = !found.exists && setting.setBy !== 'default' && !fs.existsSync(path.dirname(location));
  return { backend: 'sqlite', ...setting, location, ...found, state: stateOf(found), folderMissing };
}

function stateOf({ version, known }: SchemaStatus): SchemaState {
  if (!version) return 'none';
  if (version === known) return 'current';
  return version < known ? 'older' : 'newer';
}

export interface Migrated {
  location: string;
  /** The schema before: 0 for a file that did not exist or was empty. */
  before: number;
  after: number;
  /** The copy of the file as it was, kept beside it by an upgrade. */
  backup?: string;
}

/** Sets up or upgrades the database (opening it does both), and says what it did. */
export async function migrateDatabase(ctx: AppContext, setting: DatabaseSetting): Promise<Migrated> {
  const location = path.resolve(setting.location);
  const before = schemaStatus(location).version ?? 0;
  await ctx.store();
  const after = schemaStatus(location).version ?? 0;
  const upgraded = before > 0 && after > before;
  return { location, before, after, ...(upgraded && { backup: `${location}.schema-${before}.bak` }) };
}

export interface Copied {
  from: string;
  to: string;
  schema: number;
  bytes: number;
}

/** Copies the whole database (definitions with their history, audit log, time off, incidents, calendar targets) into a new file. */
export async function copyDatabase(ctx: AppContext, setting: DatabaseSetting, target: string): Promise<Copied> {
  const store = await ctx.store();
  if (store.backend !== 'sqlite') throw new UserError('oncall db copy from PostgreSQL is not available in this oncall');
  const bytes = copyInto(store as SqliteStore, target);
  return { from: path.resolve(setting.location), to: path.resolve(target), schema: schemaStatus(path.resolve(target)).version ?? 0, bytes };
}
