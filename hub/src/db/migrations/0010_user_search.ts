import { Kysely, sql } from 'kysely';

import { userSearchKey } from '../../users/searchKey';

/**
 * Users found by a few letters of their name without reading every account (the admin
 * page, the class page's enrolment search): `search_key` holds the display name and
 * identifier without accents nor case; the users store keeps it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('search_key', 'text', col => col.notNull().defaultTo(''))
    .execute();
  const { rows } = await sql<{
    id: string;
    name: string;
    display_name: string;
  }>`SELECT id, name, display_name FROM users`.execute(db);
  for (const user of rows) {
    const key = userSearchKey(user.name, user.display_name);
    await sql`UPDATE users SET search_key = ${key} WHERE id = ${user.id}`.execute(
      db
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('search_key').execute();
}
