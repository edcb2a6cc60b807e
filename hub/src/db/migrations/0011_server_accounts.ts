import { Kysely } from 'kysely';

/**
 * The system account (uid) each user's server runs as, when the hub runs as root. A
 * user keeps theirs for good, and a uid is never given to anyone else: no foreign key,
 * so that deleting a user does not free their uid (their home may still hold files
 * owned by it). A bigint: uids go up to 2³² − 3, beyond PostgreSQL's integer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_accounts')
    .addColumn('user_id', 'text', col => col.primaryKey())
    .addColumn('uid', 'bigint', col => col.notNull().unique())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_accounts').execute();
}
