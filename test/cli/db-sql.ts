// SQL straight into a test's database, for tests that set up what no command can make (rows
// an older version wrote) or check how rows are kept. The same SQL text on both backends,
// as in the app: it must read the same on SQLite and PostgreSQL.

import Database from 'better-sqlite3';
import { pgExec, pgQuery, type Row } from '../pg/databases.js';

const isUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** The rows of one SELECT. */
export function queryDb(location: string, select: string): Row[] {
  if (isUrl(location)) return pgQuery(location, select);
  const db = new Database(location, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(select).all() as Row[];
  } finally {
    db.close();
  }
}

/** Runs statements (no result), all or none. */
export function execDb(location: string, statements: string): void {
  if (isUrl(location)) return pgExec(location, statements);
  const db = new Database(location, { fileMustExist: true });
  try {
    db.transaction(() => db.exec(statements))();
  } finally {
    db.close();
  }
}

/** `text` as an SQL string literal (both backends quote alike). */
export const literal = (text: string | null) => (text === null ? 'NULL' : `'${text.replace(/'/g, "''")}'`);
