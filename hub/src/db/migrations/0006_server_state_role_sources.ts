import { Kysely, sql } from 'kysely';

/**
 * Two additions, each one column per `ALTER TABLE` (SQLite accepts no more):
 *
 * - `servers.base_url` and `servers.spawner_state` (JSON): what a restarted hub needs to
 *   take back a user server that outlived it (for the local spawner, the identity of its
 *   process: boot id and start time, so that a reused pid is never taken for it). Rows
 *   written before have neither: their servers died with the hub, and the next start
 *   forgets them.
 * - `user_roles.granted_by`: `local` (an administrator, the command line, a roster
 *   import, a class code) or `sso` (the claims of an OpenID Connect login, which each
 *   login recomputes). Until now roles of users who log in through OpenID Connect came
 *   only from their claims at first login: those rows become `sso`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('servers').addColumn('base_url', 'text').execute();
  await db.schema
    .alterTable('servers')
    .addColumn('spawner_state', 'text')
    .execute();
  await db.schema
    .alterTable('user_roles')
    .addColumn('granted_by', 'text', col => col.notNull().defaultTo('local'))
    .execute();
  await sql`update user_roles set granted_by = 'sso'
    where user_id in (select user_id from identities)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('user_roles').dropColumn('granted_by').execute();
  await db.schema.alterTable('servers').dropColumn('spawner_state').execute();
  await db.schema.alterTable('servers').dropColumn('base_url').execute();
}
