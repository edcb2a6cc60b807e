import { Kysely } from 'kysely';

/**
 * Servers no longer share a secret with the hub: the hub signs identities with its
 * Ed25519 private key (kept in `<dataDir>/secrets`), servers hold only its public key, and
 * the hub reaches each server through a Unix socket only it can open (the `url` column
 * then reads `http+unix://…`). The column goes, so that nothing secret is kept per server.
 *
 * Rows written before this migration name servers on a loopback port: the next hub does
 * not take them back (their `url` is not a socket), and ends them as servers left
 * without a record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('servers').dropColumn('secret').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Rows kept through the migration have no secret any more: none was ever given to
  // their servers.
  await db.schema
    .alterTable('servers')
    .addColumn('secret', 'text', col => col.notNull().defaultTo(''))
    .execute();
}
