// Which database a command uses, and who said so: `--db`, else $ONCALL_DB, else `db:` in the
// config file ($XDG_CONFIG_HOME/oncall/config.yaml), else the default file. The config file
// saves a team's engineers from retyping a shared location; it is read only when neither the
// option nor the variable names one, so `oncall who` with ONCALL_DB set never touches it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { defaultDbPath } from '../storage/open-store.js';
import { isPostgresUrl, isUrl, maskedUrl } from './database-url.js';

export type SetBy = '--db' | 'ONCALL_DB' | 'config file' | 'default';

export interface DatabaseSetting {
  location: string;
  setBy: SetBy;
  /** The config file that named it, when one did. */
  configFile?: string;
}

export function configFilePath(env: Record<string, string | undefined>): string {
  const configHome = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(configHome, 'oncall', 'config.yaml');
}

export async function databaseSetting(given: string | undefined, env: Record<string, string | undefined>): Promise<DatabaseSetting> {
  const setting = await namedSetting(given, env);
  refuseUrl(setting);
  return setting;
}

async function namedSetting(given: string | undefined, env: Record<string, string | undefined>): Promise<DatabaseSetting> {
  if (given !== undefined) return { location: given, setBy: '--db' };
  if (env.ONCALL_DB) return { location: env.ONCALL_DB, setBy: 'ONCALL_DB' };
  const file = configFilePath(env);
  if (fs.statSync(file, { throwIfNoEntry: false })) {
    // The YAML reader loads only when there is a config file to read.
    const { readConfig } = await import('./config-file.js');
    const db = (await readConfig(file, env.HOME || os.homedir())).db;
    if (db !== undefined) return { location: db, setBy: 'config file', configFile: file };
  }
  return { location: defaultDbPath(env), setBy: 'default' };
}

/**
 * A postgres:// URL names a shared server; any other URL is not a file either: read as a path
 * it would end in an error that repeats its password. It is refused with the password masked.
 */
function refuseUrl(setting: DatabaseSetting): void {
  if (!isUrl(setting.location) || isPostgresUrl(setting.location)) return;
  const by = setting.setBy === 'config file' ? `db: in ${setting.configFile}` : setting.setBy;
  throw new UserError(`${by} is a URL oncall cannot open (${maskedUrl(setting.location)}); give the path of a SQLite file or a postgres:// URL`);
}
