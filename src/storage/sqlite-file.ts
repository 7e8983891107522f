// Opening a SQLite file with better-sqlite3, whose compiled addon is handed to it. The built
// CLI bundles better-sqlite3's JavaScript (so that the code cache holds it); left to itself it
// would look for its addon with the `bindings` package, which starts from its caller's file:
// in the bundle that is dist/oncall.cjs, not better-sqlite3's folder.

import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';

let addon: string | object | undefined;

/**
 * The addon's path where better-sqlite3 builds it (passing it also skips the search of a dozen
 * candidate paths on every start); anywhere else (a debug build), that search, from
 * better-sqlite3's own folder.
 */
function nativeBinding(): string | object {
  if (addon) return addon;
  const require = createRequire(import.meta.url);
  try {
    addon = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    const root = path.dirname(require.resolve('better-sqlite3/package.json'));
    const bindings = createRequire(`${root}/`)('bindings') as (options: object) => object;
    addon = bindings({ bindings: 'better_sqlite3.node', module_root: root });
  }
  return addon;
}

/** `new Database(file, options)` with the addon found as above. */
export function openSqlite(file: string | Buffer, options: Database.Options = {}): Database.Database {
  // better-sqlite3 takes the addon itself as well as its path; its type names only the path.
  return new Database(file, { ...options, nativeBinding: nativeBinding() } as Database.Options);
}
