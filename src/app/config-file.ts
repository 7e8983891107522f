// The config file, $XDG_CONFIG_HOME/oncall/config.yaml: settings an engineer would otherwise
// retype on every command. Today it names the database (`db:`). Anything wrong in it is
// refused with file:line:col, like a YAML file given to `apply`.

import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import { readBounded } from './bounded-file.js';
import { isUrl } from './database-url.js';

/** A config file is a few lines; anything larger is not one. */
const MAX_CONFIG_BYTES = 64 * 1024;
const KEYS = ['db'];

export interface ConfigFile {
  db?: string;
}

/** `home` is where `~` leads ($HOME). */
export async function readConfig(file: string, home: string): Promise<ConfigFile> {
  const text = readBounded(file, MAX_CONFIG_BYTES, 'a config file').toString('utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const { line, col } = lines.linePos(offset ?? 0);
    return `${file}:${line}:${col}`;
  };
  const [problem] = doc.errors;
  if (problem) throw new UserError(`${at(problem.pos[0])}: ${problem.message.split('\n')[0]}; the config file is YAML, e.g. "db: ~/oncall/team.db"`);
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) throw new UserError(`${at(doc.contents.range?.[0])}: the config file must be a mapping of settings, e.g. "db: ~/oncall/team.db"`);
  const config: ConfigFile = {};
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyAt = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (!KEYS.includes(key)) throw new UserError(`${keyAt}: unknown setting "${key}"; the config file may set: ${KEYS.join(', ')}`);
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new UserError(`${keyAt}: "db" must be the path of the database file, e.g. "db: ~/oncall/team.db"`);
    }
    config.db = resolveFrom(path.dirname(file), value.trim(), home);
  }
  return config;
}

/** `~/x` is in the home folder; a relative path is relative to the config file's folder. */
function resolveFrom(folder: string, value: string, home: string): string {
  if (isUrl(value)) return value;
  if (value === '~' || value.startsWith('~/')) return path.join(home, value.slice(1));
  return path.resolve(folder, value);
}
