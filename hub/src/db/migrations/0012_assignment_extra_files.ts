import { Kysely } from 'kysely';

/**
 * The files a pupil may hand in beyond the assignment's own: patterns the teacher
 * declares (`*.png`, `rapport.pdf`), as a JSON array of strings. None by default, and
 * for the assignments made before: a submission then carries the assignment's files
 * only, so that no pupil's module (`numpy.py`) travels with their work.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('assignments')
    .addColumn('extra_files', 'text', col => col.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assignments').dropColumn('extra_files').execute();
}
