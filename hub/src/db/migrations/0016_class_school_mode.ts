import { Kysely } from 'kysely';

/**
 * The school mode of a class (issue 18): a row means its teacher turned it on, and the
 * class's learners get the simplified JupyterLab of `@candyce/school-ui` (`/me` answers
 * `schoolMode: true`). Owned by the classes module; a class without a row is in the full
 * JupyterLab, so existing classes are unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('class_school_mode')
    .addColumn('class_id', 'text', col =>
      col.primaryKey().references('classes.id').onDelete('cascade')
    )
    .addColumn('turned_on_at', 'text', col => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('class_school_mode').execute();
}
