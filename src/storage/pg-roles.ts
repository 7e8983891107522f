// `oncall db roles`: three NOLOGIN group roles whose grants PostgreSQL enforces, so a teammate
// logged in with one of them cannot do more whatever client they use. Each role is a member of
// the one below it (admin of respond, respond of read) and gets only what it adds, so `\du`
// shows the ladder and a grant added to read reaches everyone. Running it again brings the
// roles up to date and revokes whatever else was granted to them on oncall's tables.

import type pg from 'pg';
import { RuntimeFailure, UserError } from '../errors.js';
import { withPgConnection, type ConnectOptions } from './pg-connect.js';
import { LADDER, RESPOND_WRITES, ROLES, refreshGrants } from './pg-grants.js';
import { MIGRATE_LOCK } from './pg-locks.js';
import { pgKnownVersion, pgSchemaVersion } from './pg-migrate.js';

export interface RolesSummary {
  /** The schema whose tables were granted. */
  schema: string;
  /** One line per role: created or updated, and what it may do. */
  lines: string[];
}

/** Creates the three roles, or brings them up to date, and grants them oncall's tables. */
export async function setUpRoles(client: pg.Client, location: string): Promise<RolesSummary> {
  try {
    const version = await pgSchemaVersion(client, location);
    if (version !== pgKnownVersion()) {
      throw new RuntimeFailure(`the database at ${location} has schema ${version}, this oncall needs ${pgKnownVersion()}: run \`oncall db migrate\` before \`oncall db roles\``);
    }
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    const found = await client.query<{ rolname: string; plain: boolean }>(
      `SELECT rolname, NOT (rolcanlogin OR rolsuper OR rolcreatedb OR rolcreaterole) AND rolinherit AS plain
         FROM pg_roles WHERE rolname = ANY($1)`,
      [LADDER],
    );
    const existing = new Set(found.rows.map((r) => r.rolname));
    const plain = new Set(found.rows.filter((r) => r.plain).map((r) => r.rolname));
    for (const role of LADDER) {
      // NOLOGIN: people log in as themselves and are granted a role (GRANT oncall_read TO alice).
      // A role already as it should be is left alone: PostgreSQL lets only a superuser say
      // NOSUPERUSER, even when nothing would change, and a second run must work for the owner.
      if (!existing.has(role)) await client.query(`CREATE ROLE ${role} NOLOGIN`);
      else if (!plain.has(role)) await client.query(`ALTER ROLE ${role} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT`);
    }
    // The ladder, and no membership the other way round.
    await client.query(`REVOKE ${ROLES.respond}, ${ROLES.admin} FROM ${ROLES.read}`);
    await client.query(`REVOKE ${ROLES.admin} FROM ${ROLES.respond}`);
    await client.query(`GRANT ${ROLES.read} TO ${ROLES.respond}`);
    await client.query(`GRANT ${ROLES.respond} TO ${ROLES.admin}`);
    const grants = await refreshGrants(client);
    await client.query('COMMIT');
    const schema = grants.schema;
    return {
      schema,
      lines: [
        `${ROLES.read}: ${existing.has(ROLES.read) ? 'updated' : 'created'}; reads every table in schema ${schema} (${grants.tables} tables): every read command, export and report`,
        `${ROLES.respond}: ${existing.has(ROLES.respond) ? 'updated' : 'created'}; ${ROLES.read}, plus adding and changing ${RESPOND_WRITES.join(', ')}: overrides, swaps, time off and incidents`,
        `${ROLES.admin}: ${existing.has(ROLES.admin) ? 'updated' : 'created'}; ${ROLES.respond}, plus every change to oncall's tables: apply, people, teams, schedules, layers, policies and --prune`,
      ],
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if ((error as { code?: unknown }).code === '42501') {
      const { rows } = await client.query<{ user: string }>('SELECT current_user AS user').catch(() => ({ rows: [{ user: '?' }] }));
      throw new UserError(
        `user "${rows[0].user}" cannot set up roles in the database at ${location} (${(error as Error).message}): run \`oncall db roles\` as the owner of oncall's tables with the CREATEROLE privilege (or a superuser)`,
      );
    }
    throw error;
  }
}

/** `oncall db roles` against the database at `url`: connects, sets the roles up, disconnects. */
export async function setUpPgRoles(url: string, options: ConnectOptions): Promise<RolesSummary & { location: string }> {
  return withPgConnection(url, options, async ({ client, settings }) => ({ ...(await setUpRoles(client, settings.location)), location: settings.location }));
}
