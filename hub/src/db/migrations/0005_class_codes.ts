import { Kysely } from 'kysely';

/**
 * Class codes (« codes de classe »): the personal login code of a pupil without SSO,
 * valid only on the login page of one class. Only a salted SHA-256 of the code is kept
 * (see classcodes/service.ts for why not scrypt).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('class_codes')
    .addColumn('user_id', 'text', col =>
      col.primaryKey().references('users.id').onDelete('cascade')
    )
    .addColumn('class_id', 'text', col =>
      col.notNull().references('classes.id').onDelete('cascade')
    )
    .addColumn('salt', 'text', col => col.notNull())
    .addColumn('code_hash', 'text', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('expires_at', 'text', col => col.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('class_codes_class_id')
    .on('class_codes')
    .column('class_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('class_codes_class_id').execute();
  await db.schema.dropTable('class_codes').execute();
}
