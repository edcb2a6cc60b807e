import { Kysely, sql } from 'kysely';

import { isPostgres } from '../portable';

/**
 * An administration that administers (issue 21, point 5):
 *
 * - `users.deactivated_at`: when an administrator deactivated the account (null: active).
 *   A deactivated user logs in by no way and keeps no session.
 * - `password_resets`: one-time codes an administrator issued, by the SHA-256 of the
 *   code (the code itself is shown once and never stored), with their expiry and the
 *   time they were used.
 * - `audit_events`: every administrative action: who (`actor_id`), what (`action`), on
 *   whom (`target_id`), when (`at`), and `details` (JSON of fixed fields: roles, never
 *   free text). Read newest first, whole or by action: the indexes `(at, id)` and
 *   `(action, at, id)` answer a page by walking an index from one end.
 * - On PostgreSQL, an index of user names in byte order (`COLLATE "C"`, the order of the
 *   admin's pages of users): SQLite's unique index of names is already in that order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('deactivated_at', 'text')
    .execute();
  if (isPostgres(db)) {
    await sql`CREATE INDEX users_name_bytes ON users (name COLLATE "C")`.execute(
      db
    );
  }

  await db.schema
    .createTable('password_resets')
    .addColumn('code_hash', 'text', col => col.primaryKey())
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('created_by', 'text', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('expires_at', 'text', col => col.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('password_resets_user')
    .on('password_resets')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('at', 'text', col => col.notNull())
    .addColumn('actor_id', 'text', col => col.notNull())
    .addColumn('action', 'text', col => col.notNull())
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', col => col.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('audit_events_order')
    .on('audit_events')
    .columns(['at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_action')
    .on('audit_events')
    .columns(['action', 'at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
  await db.schema.dropTable('password_resets').execute();
  if (isPostgres(db)) {
    await sql`DROP INDEX users_name_bytes`.execute(db);
  }
  await db.schema.alterTable('users').dropColumn('deactivated_at').execute();
}
