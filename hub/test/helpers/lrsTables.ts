import { Kysely, sql } from 'kysely';

import { openDatabase } from '../../src/db/connect';
import { IDatabase } from '../../src/db/schema';

/**
 * Every row of every LRS table (`lrs_*`) of a hub's database, read with a connection
 * of its own, as JSON text: what an erasure test searches for a user's traces. The
 * tables are listed from the database itself, so that a table added later is searched
 * too.
 */
export async function lrsRows(url: string): Promise<Map<string, string[]>> {
  const db: Kysely<IDatabase> = openDatabase(url);
  try {
    const tables = url.startsWith('sqlite:')
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name like 'lrs\\_%' escape '\\'`.execute(
          db
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name like 'lrs\\_%'`.execute(
          db
        );
    const rows = new Map<string, string[]>();
    for (const { name } of tables.rows) {
      const content = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(name)}`.execute(db);
      rows.set(
        name,
        content.rows.map(row => JSON.stringify(row))
      );
    }
    return rows;
  } finally {
    await db.destroy();
  }
}

/** How many rows of each table contain one of `needles`; tables without any left out. */
export function rowsContaining(
  rows: Map<string, string[]>,
  needles: readonly string[]
): Record<string, number> {
  const found: Record<string, number> = {};
  for (const [table, texts] of rows) {
    const count = texts.filter(text =>
      needles.some(needle => text.includes(needle))
    ).length;
    if (count) {
      found[table] = count;
    }
  }
  return found;
}
