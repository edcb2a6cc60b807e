import { Kysely } from 'kysely';

/**
 * Consent and privacy of learning traces (issue 20, point 2).
 *
 * - `privacy_choices` (owned by privacy): a user's own answer to « optional traces? »;
 *   no row means they never answered (the default of their situation applies).
 * - `class_trace_policies` (owned by privacy): what a class's teacher chose for its
 *   learners, `none` (« aucune trace facultative ») or `consent` (« avec l'accord de
 *   chacun »); no row means the default of the class's level.
 * - `lrs_erasures` (owned by lrs): each erasure and purge of traces, with counts only:
 *   nothing in it says whose traces they were.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('privacy_choices')
    .addColumn('user_id', 'text', col =>
      col.primaryKey().references('users.id').onDelete('cascade')
    )
    .addColumn('optional_traces', 'integer', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .execute();
  await db.schema
    .createTable('class_trace_policies')
    .addColumn('class_id', 'text', col =>
      col.primaryKey().references('classes.id').onDelete('cascade')
    )
    .addColumn('policy', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .execute();
  await db.schema
    .createTable('lrs_erasures')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('at', 'text', col => col.notNull())
    .addColumn('statements', 'integer', col => col.notNull())
    .addColumn('documents', 'integer', col => col.notNull())
    .addColumn('attachments', 'integer', col => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'lrs_erasures',
    'class_trace_policies',
    'privacy_choices'
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
