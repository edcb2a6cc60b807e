import { Kysely } from 'kysely';

/**
 * Group workspaces (issue 19, point 2), owned by `hub/src/groups`. A workspace is run
 * by an account of its own (`account_id`, a `users` row with no role, no password and
 * no identity: nobody logs in as it), so that its server is spawned, proxied, culled and
 * given a uid (`server_accounts`) exactly as a user's, with one home shared by its
 * members. A deleted workspace keeps its row (`deleted_at`) and its home: its files are
 * archived, never removed.
 *
 * `class_group_settings`: a row means the class's teachers let its pupils create
 * workspaces themselves; without one only teachers do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_workspaces')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('class_id', 'text', col =>
      col.notNull().references('classes.id').onDelete('cascade')
    )
    .addColumn('account_id', 'text', col =>
      col.notNull().unique().references('users.id')
    )
    .addColumn('name', 'text', col => col.notNull())
    .addColumn('created_by', 'text', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('group_workspaces_class')
    .on('group_workspaces')
    .columns(['class_id', 'deleted_at'])
    .execute();
  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', col =>
      col.notNull().references('group_workspaces.id').onDelete('cascade')
    )
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('group_members_user')
    .on('group_members')
    .column('user_id')
    .execute();
  await db.schema
    .createTable('class_group_settings')
    .addColumn('class_id', 'text', col =>
      col.primaryKey().references('classes.id').onDelete('cascade')
    )
    .addColumn('learners_create_at', 'text', col => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('class_group_settings').execute();
  await db.schema.dropTable('group_members').execute();
  await db.schema.dropTable('group_workspaces').execute();
}
