import { defineConfig } from 'vitest/config';
import { missingServer } from './test/pg/server.js';

// Test files about SQLite itself (its files, folders, locks and handles), or that never open
// the user's database, which mean nothing on PostgreSQL: the `postgres` project leaves them out.
const SQLITE_ONLY = [
  // Database file paths, folders and permissions; the default file location.
  'test/cli/database-files.test.ts',
  'test/smoke/**',
  // The SQLite write lock (busy file, lock timeout on a file).
  'test/cli/write-lock.test.ts',
  // db status/migrate/copy of SQLite files and the config file's `db:` path.
  'test/cli/db-commands.test.ts',
  // Opening, migrating and failing SQLite files.
  'test/storage/open.test.ts',
  'test/storage/failures.test.ts',
  // The adapter's own tests start a server of their own and run in the sqlite project.
  'test/storage/pg-*.test.ts',
  'test/storage/schema-pg.test.ts',
  // db copy between SQLite files and databases on a server of its own.
  'test/cli/db-copy-pg.test.ts',
  // `oncall import` never opens the user's database (its check uses a scratch SQLite file).
  'test/cli/import*.test.ts',
];

// The PostgreSQL run needs Debian's postgresql package. A missing server is one clear line and
// no `postgres` project locally; CI sets ONCALL_TEST_PG=required, so there it fails the run.
const missing = missingServer();
if (missing && process.env.ONCALL_TEST_PG === 'required') throw new Error(`PostgreSQL tests cannot run (ONCALL_TEST_PG=required): ${missing}`);
if (missing) console.warn(`PostgreSQL tests skipped: ${missing}`);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Vitest's default on 2 cores is one file at a time; several test files mostly wait (on
    // tmux, fake servers, retries and other processes), so a third worker keeps both cores busy.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          // The harness's own tests need the server; so do the end-to-end tests of PostgreSQL
          // itself (many writers at once, roles with real logins), which run once, there.
          exclude: ['test/pg/**', 'test/cli/pg-*.test.ts'],
        },
      },
      ...(missing
        ? []
        : [
            {
              extends: true,
              test: {
                name: 'postgres',
                include: ['test/storage/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/pg/**/*.test.ts'],
                exclude: SQLITE_ONLY,
                env: { ONCALL_TEST_BACKEND: 'postgres' },
                globalSetup: ['test/pg/global-setup.ts'],
              },
            },
          ]),
    ],
  },
});
