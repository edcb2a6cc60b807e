import { Kysely, sql } from 'kysely';

/**
 * Administrators of establishments and academies (issue 21, point 5):
 *
 * - `establishments.academy`: the academy (« Créteil ») an establishment belongs to,
 *   indexed: an academy administrator's establishments are found by it.
 * - `administrators`: grants of the administration of one establishment or of every
 *   establishment of one academy; exactly one of `establishment_id` and `academy` is
 *   set (a CHECK). Each pair (user, establishment) and (user, academy) once: a unique
 *   index on each (NULLs are distinct, so each index only bites on its own kind).
 * - `establishment_users`: a user attached to an establishment directly. A user's
 *   establishments are those of their classes and these. The direct attachment is
 *   needed because an account an establishment administrator creates belongs to no
 *   class yet (the administrator would lose sight of it at once), and because staff
 *   (a teacher before the rentrée, an inspector, a librarian) may have no class at all.
 * - `classes(establishment_id)`: the classes of a set of establishments, the first step
 *   from an administrator's establishments to their users; `class_members(user_id)`:
 *   the classes of one user, the first step from a user to their establishments.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('establishments')
    .addColumn('academy', 'text')
    .execute();
  await db.schema
    .createIndex('establishments_academy')
    .on('establishments')
    .column('academy')
    .execute();
  await db.schema
    .createIndex('classes_establishment')
    .on('classes')
    .columns(['establishment_id', 'id'])
    .execute();
  await db.schema
    .createIndex('class_members_user')
    .on('class_members')
    .columns(['user_id', 'class_id'])
    .execute();

  await db.schema
    .createTable('administrators')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('establishment_id', 'text', col =>
      col.references('establishments.id').onDelete('cascade')
    )
    .addColumn('academy', 'text')
    .addColumn('granted_by', 'text', col => col.notNull())
    .addColumn('granted_at', 'text', col => col.notNull())
    .addCheckConstraint(
      'administrators_one_scope',
      sql`(establishment_id IS NULL) <> (academy IS NULL)`
    )
    .execute();
  await db.schema
    .createIndex('administrators_establishment')
    .on('administrators')
    .columns(['user_id', 'establishment_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('administrators_academy')
    .on('administrators')
    .columns(['user_id', 'academy'])
    .unique()
    .execute();

  await db.schema
    .createTable('establishment_users')
    .addColumn('establishment_id', 'text', col =>
      col.notNull().references('establishments.id').onDelete('cascade')
    )
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('created_at', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('establishment_users_pk', [
      'establishment_id',
      'user_id'
    ])
    .execute();
  await db.schema
    .createIndex('establishment_users_user')
    .on('establishment_users')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('establishment_users').execute();
  await db.schema.dropTable('administrators').execute();
  await db.schema.dropIndex('class_members_user').execute();
  await db.schema.dropIndex('classes_establishment').execute();
  await db.schema.dropIndex('establishments_academy').execute();
  await db.schema.alterTable('establishments').dropColumn('academy').execute();
}
