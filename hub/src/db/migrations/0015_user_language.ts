import { Kysely } from 'kysely';

/**
 * The language a user chose for the hub's pages and JupyterLab (`fr` or `en`); null
 * until they choose, and for every account made before: their browser's
 * `Accept-Language` then decides, French by default.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('language', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('language').execute();
}
