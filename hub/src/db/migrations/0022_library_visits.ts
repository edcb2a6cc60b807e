import { Kysely } from 'kysely';

/**
 * `library_visits`: when a teacher last looked at their recommendations, and when the
 * visit before that began, so that « Nouveauté » marks only what was published or
 * updated since they last came (library/visitStore.ts). One row per user, made at their
 * first visit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('library_visits')
    .addColumn('user_id', 'text', col =>
      col.primaryKey().references('users.id').onDelete('cascade')
    )
    .addColumn('last_at', 'text', col => col.notNull())
    .addColumn('previous_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('library_visits').execute();
}
