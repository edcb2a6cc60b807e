import { Kysely } from 'kysely';

/**
 * Users and roles, sessions, classes. Portable types only (text, integer): the same
 * migration runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('name', 'text', col => col.notNull().unique())
    .addColumn('display_name', 'text', col => col.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('failed_logins', 'integer', col => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', col => col.notNull())
    .execute();
  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('role', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', col => col.primaryKey())
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('xsrf_token', 'text', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('last_seen_at', 'text', col => col.notNull())
    .addColumn('expires_at', 'text', col => col.notNull())
    .execute();
  await db.schema
    .createIndex('sessions_user_id')
    .on('sessions')
    .column('user_id')
    .execute();
  await db.schema
    .createTable('classes')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('name', 'text', col => col.notNull())
    .addColumn('level', 'text')
    .addColumn('created_at', 'text', col => col.notNull())
    .execute();
  await db.schema
    .createTable('class_members')
    .addColumn('class_id', 'text', col =>
      col.notNull().references('classes.id').onDelete('cascade')
    )
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('membership', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('class_members_pk', ['class_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'class_members',
    'classes',
    'sessions',
    'user_roles',
    'users'
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
