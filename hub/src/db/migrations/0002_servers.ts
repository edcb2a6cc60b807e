import { Kysely } from 'kysely';

/**
 * Running user servers, so that a restarted hub re-attaches to them instead of
 * orphaning them. The secret never leaves the hub and its server.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('servers')
    .addColumn('user_id', 'text', col =>
      col.primaryKey().references('users.id').onDelete('cascade')
    )
    .addColumn('url', 'text', col => col.notNull())
    .addColumn('pid', 'integer', col => col.notNull())
    .addColumn('secret', 'text', col => col.notNull())
    .addColumn('started_at', 'text', col => col.notNull())
    .addColumn('last_activity_at', 'text', col => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('servers').execute();
}
