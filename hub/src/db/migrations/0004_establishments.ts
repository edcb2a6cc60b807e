import { Kysely } from 'kysely';

/**
 * Establishments (« établissements ») and the OneRoster identifiers that make a roster
 * import idempotent: `establishments`, `classes.establishment_id`, and a nullable
 * `source_id` (OneRoster `sourcedId`) on establishments, classes and users.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('establishments')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('name', 'text', col => col.notNull())
    .addColumn('uai', 'text')
    .addColumn('source_id', 'text', col => col.unique())
    .addColumn('created_at', 'text', col => col.notNull())
    .execute();
  await db.schema
    .alterTable('classes')
    .addColumn('establishment_id', 'text', col =>
      col.references('establishments.id').onDelete('set null')
    )
    .execute();
  await db.schema
    .alterTable('classes')
    .addColumn('source_id', 'text')
    .execute();
  await db.schema
    .createIndex('classes_source_id')
    .on('classes')
    .column('source_id')
    .unique()
    .execute();
  await db.schema.alterTable('users').addColumn('source_id', 'text').execute();
  await db.schema
    .createIndex('users_source_id')
    .on('users')
    .column('source_id')
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_source_id').execute();
  await db.schema.alterTable('users').dropColumn('source_id').execute();
  await db.schema.dropIndex('classes_source_id').execute();
  await db.schema.alterTable('classes').dropColumn('source_id').execute();
  await db.schema
    .alterTable('classes')
    .dropColumn('establishment_id')
    .execute();
  await db.schema.dropTable('establishments').execute();
}
