// The benchmark's PostgreSQL side: puts the SQLite bench database, row for row, into a
// PostgreSQL database that `oncall db migrate` created, so both backends answer from the same
// two years of history. Applying the nine versions again on PostgreSQL would give the same rows
// but takes many minutes on a busy machine; copying takes seconds. A bench-only loader, not
// `oncall db copy` (the user-facing copy): it only has to be exact for the bench's data, and
// the bench checks that afterwards by comparing `who --json` on both backends.
import Database from 'better-sqlite3';
import pg from 'pg';

// Parents before children, so every foreign key finds its row.
const TABLES = ['people', 'teams', 'team_members', 'schedules', 'layers', 'overrides', 'time_off',
  'escalation_policies', 'incidents', 'calendar_targets', 'audit_log',
  // Derived rows last: the triggers on the tables above would forget them.
  'kept_horizons', 'kept_shifts'];
// Migration bookkeeping is the target's own (`db migrate` wrote it).
const NOT_COPIED = new Set(['__drizzle_migrations']);
// PostgreSQL accepts at most 65 535 parameters per statement.
const MAX_PARAMS = 60_000;

/** The same URL naming another database on that server. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Drops and creates `database` on the server at `url` (connecting to the URL's own database). */
export async function recreateDatabase(url, database) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url, database) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Copies every oncall table of the SQLite file into the migrated, empty database at `url`. */
export async function copySqliteToPg(sqlitePath, url) {
  const source = new Database(sqlitePath, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = {};
  try {
    const present = source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
      .map((r) => r.name).filter((name) => !NOT_COPIED.has(name));
    const unknown = present.filter((name) => !TABLES.includes(name));
    if (unknown.length) throw new Error(`bench-pg: tables this loader does not know: ${unknown.join(', ')}`);
    await client.query('BEGIN');
    for (const table of TABLES) {
      const { rows: columns } = await client.query(
        `SELECT column_name AS name, data_type AS type, is_identity = 'YES' AS identity FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [table]);
      const names = columns.map((c) => c.name);
      const rows = source.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${table}"`).raw().all();
      // SQLite keeps booleans as 0/1; PostgreSQL wants true/false.
      const booleans = columns.flatMap((c, i) => (c.type === 'boolean' ? [i] : []));
      for (const row of rows) for (const i of booleans) if (row[i] !== null) row[i] = Boolean(row[i]);
      const perBatch = Math.max(1, Math.floor(MAX_PARAMS / names.length));
      for (let from = 0; from < rows.length; from += perBatch) {
        const batch = rows.slice(from, from + perBatch);
        let n = 0;
        const values = batch.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`, batch.flat());
      }
      // Identity columns continue after the copied ids, as they would after real inserts.
      for (const c of columns.filter((col) => col.identity)) {
        await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT MAX("${c.name}") FROM "${table}"), 1))`, [table, c.name]);
      }
      counts[table] = rows.length;
    }
    await client.query('COMMIT');
    // Fresh statistics, as autovacuum would have gathered on a database used for two years.
    await client.query('ANALYZE');
  } finally {
    source.close();
    await client.end();
  }
  return counts;
}
