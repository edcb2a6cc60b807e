import { Kysely } from 'kysely';

/**
 * Short class keys: the `ABCDE` of a class's short login address `/c/ABCDE`, printed
 * and encoded in a QR code on pupils' cards. One per class, made the first time a
 * teacher needs it; unique; from the class codes' alphabet (no 0/O/1/I/L). The class
 * codes module owns the table (the `classes` table stays the classes module's).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('class_keys')
    .addColumn('class_id', 'text', col =>
      col.primaryKey().references('classes.id').onDelete('cascade')
    )
    .addColumn('key', 'text', col => col.notNull().unique())
    .addColumn('created_at', 'text', col => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('class_keys').execute();
}
