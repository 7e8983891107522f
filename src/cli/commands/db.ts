// oncall db status | migrate | roles | copy --to PATH|URL

import path from 'node:path';
import type { Command } from 'commander';
import { invocation } from '../globals.js';
import { term } from '../terminal-text.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('the database: which one, its schema version, upgrading it');
  db.command('status')
    .description('which database this is (and what named it), its schema version and size; changes nothing')
    .action(async (_o, command: Command) => {
      const run = await invocation(command);
      const { databaseStatus } = await import('../../app/database-status.js');
      const s = await databaseStatus(run.database, run.io.env);
      const by = s.setBy === 'config file' ? `config file ${s.configFile}` : s.setBy;
      if (s.backend === 'postgres') {
        if (run.json) {
          return run.printJson({
            backend: s.backend, location: s.location, setBy: s.setBy, configFile: s.configFile ?? null,
            schema: { version: s.version, known: s.known, state: s.state }, server: s.server, user: s.user, database: s.database,
          });
        }
        run.print(term`Backend:   PostgreSQL ${s.server}`);
        run.print(term`Location:  ${s.location} (set by ${by})`);
        run.print(term`User:      ${s.user}`);
        run.print(term`Schema:    ${sharedSchemaLine(s.state, s.version, s.known)}`);
        return;
      }
      if (run.json) {
        return run.printJson({
          backend: s.backend, location: s.location, setBy: s.setBy, configFile: s.configFile ?? null,
          schema: { version: s.version ?? null, known: s.known, state: s.state }, bytes: s.bytes ?? null, folderMissing: s.folderMissing,
        });
      }
      run.print('Backend:   SQLite');
      run.print(term`Location:  ${s.location} (set by ${by})`);
      const schema = s.folderMissing
        ? `none: its folder ${path.dirname(s.location)} does not exist; create it first`
        : schemaLine(s.state, s.version ?? 0, s.known);
      run.print(term`Schema:    ${schema}`);
      if (s.bytes !== undefined) run.print(`Size:      ${size(s.bytes)}`);
    });
  db.command('migrate')
    .description('create the database\'s schema, or upgrade it to this oncall\'s (on SQLite any command does this; a shared PostgreSQL database only here)')
    .action(async (_o, command: Command) => {
      const run = await invocation(command);
      const { migrateDatabase } = await import('../../app/database-status.js');
      const m = await migrateDatabase(run.ctx, run.database, run.io.env);
      if (run.json) return run.printJson({ location: m.location, before: m.before, after: m.after, backup: m.backup ?? null });
      if (m.before === 0) run.print(term`Created ${m.location} at schema ${String(m.after)}.`);
      else if (m.before === m.after) run.print(term`${m.location} is at schema ${String(m.after)}: up to date.`);
      else if (m.backup) run.print(term`Upgraded ${m.location} from schema ${String(m.before)} to ${String(m.after)}; the file as it was is kept as ${m.backup}.`);
      else run.print(term`Upgraded ${m.location} from schema ${String(m.before)} to ${String(m.after)}.`);
    });
  db.command('roles')
    .description('PostgreSQL: create, or bring up to date, the roles oncall_read, oncall_respond and oncall_admin (run as the owner of oncall\'s tables)')
    .action(async (_o, command: Command) => {
      const run = await invocation(command);
      const { setUpRoles } = await import('../../app/database-status.js');
      const r = await setUpRoles(run.ctx, run.database, run.io.env);
      if (run.json) return run.printJson({ location: r.location, schema: r.schema, roles: r.lines });
      run.print(term`Roles in ${r.location}:`);
      for (const line of r.lines) run.print(term`  ${line}`);
      run.print('Grant one to each person: GRANT oncall_respond TO alice;');
    });
  db.command('copy')
    .description('copy the whole database into a new file or an empty PostgreSQL database: definitions with their history, audit log, time off, incidents, calendar targets')
    .requiredOption('--to <path|url>', 'a new SQLite file (never an existing one), or a postgres:// URL of a database holding no oncall data')
    .action(async (o, command: Command) => {
      const run = await invocation(command);
      const { copyDatabase } = await import('../../app/database-status.js');
      const c = await copyDatabase(run.ctx, run.database, o.to, run.io.env);
      if (run.json) return run.printJson(c);
      run.print(term`Copied ${c.from} to ${c.to} (schema ${String(c.schema)}, ${String(c.rows)} rows).`);
    });
}

function schemaLine(state: string, version: number, known: number): string {
  switch (state) {
    case 'none':
      return `none yet: the first command sets it up (or "oncall db migrate")`;
    case 'current':
      return `${version}, up to date`;
    case 'older':
      return `${version}, older than this oncall's ${known}: the next command upgrades it, keeping a copy (or "oncall db migrate")`;
    default:
      return `${version}, newer than this oncall's ${known}: upgrade oncall to use it`;
  }
}

function sharedSchemaLine(state: string, version: number, known: number): string {
  switch (state) {
    case 'none':
      return 'none yet: run "oncall db migrate" (a shared database is set up and upgraded only on purpose)';
    case 'current':
      return `${version}, up to date`;
    case 'older':
      return `${version}, older than this oncall's ${known}: run "oncall db migrate" (commands refuse it until then)`;
    default:
      return `${version}, newer than this oncall's ${known}: upgrade oncall to use it`;
  }
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
