import { Kysely } from 'kysely';

/**
 * Accounts at OpenID Connect providers linked to hub users. An identity is the pair
 * (issuer, subject): the same `sub` at two issuers is two identities.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identities')
    .addColumn('issuer', 'text', col => col.notNull())
    .addColumn('subject', 'text', col => col.notNull())
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('created_at', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('identities_pk', ['issuer', 'subject'])
    .execute();
  await db.schema
    .createIndex('identities_user_id')
    .on('identities')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('identities').execute();
}
