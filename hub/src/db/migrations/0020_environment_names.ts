import { Kysely } from 'kysely';

/**
 * A human name for each environment (« Python — Mathématiques », « Fonctions affines »),
 * shown wherever its hash was: kernels, the « Environnement » panel, the administration.
 * Null for the environments made before, and until one is given: the hub then names
 * them after their Python and their date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('environments')
    .addColumn('name', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('environments').dropColumn('name').execute();
}
