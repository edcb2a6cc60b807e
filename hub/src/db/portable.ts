import {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  PostgresAdapter,
  QueryResult,
  RawBuilder,
  RootOperationNode,
  sql,
  UnknownRow
} from 'kysely';

import { DomainError, trans } from '../errors';

/**
 * What stores need so that the same queries behave the same on SQLite and PostgreSQL.
 */

/**
 * Compare two texts in French alphabetical order (« a, B, é, Z »), then by UTF-16 code
 * unit so that no two different texts tie.
 *
 * `ORDER BY` on text follows the database's collation: byte order on SQLite (« B, Z, a,
 * é »), the server's locale on PostgreSQL. Stores sort the lists people read with this
 * instead, for one order everywhere, and the one a French reader expects.
 */
export function compareText(a: string, b: string): number {
  return Private.french.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Whether the database is PostgreSQL (else SQLite). */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A text column compared byte by byte: SQLite's default, PostgreSQL's `C` collation.
 * For pages of a list, which must be cut in SQL, alike on both databases.
 */
export function byteOrder<DB>(
  db: Kysely<DB>,
  column: string
): RawBuilder<unknown> {
  return isPostgres(db) ? sql`${sql.ref(column)} COLLATE "C"` : sql.ref(column);
}

/**
 * Whether an error is a unique or primary key violation (SQLite or PostgreSQL).
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Run writes that may break a unique constraint; on such a violation undo them and
 * answer `onConflict(error)`, leaving a caller's transaction usable.
 *
 * PostgreSQL aborts the whole transaction at the first failed statement (every later
 * query fails until rollback), SQLite only the statement: a savepoint makes both
 * behave like SQLite. Outside a transaction, the writes get their own.
 */
export async function writeUnlessConflict<DB, T>(
  db: Kysely<DB>,
  write: (trx: Kysely<DB>) => Promise<T>,
  onConflict: (error: unknown) => Promise<T>
): Promise<T> {
  if (!db.isTransaction) {
    try {
      return await db.transaction().execute(write);
    } catch (error) {
      if (isUniqueViolation(error)) {
        return onConflict(error);
      }
      throw error;
    }
  }
  await sql`savepoint candyce_write`.execute(db);
  try {
    const result = await write(db);
    await sql`release savepoint candyce_write`.execute(db);
    return result;
  } catch (error) {
    try {
      await sql`rollback to savepoint candyce_write`.execute(db);
      await sql`release savepoint candyce_write`.execute(db);
    } catch {
      // The database ended the transaction itself (SQLite on a full disk): the
      // first error says why.
      throw error;
    }
    if (isUniqueViolation(error)) {
      return onConflict(error);
    }
    throw error;
  }
}

/**
 * Refuse, on every database, a query whose text holds a NUL character (U+0000).
 *
 * PostgreSQL cannot hold one in text and fails the query (a 500 for
 * `/hub/classes/%00/login`); SQLite would quietly look it up. Nothing valid contains
 * one, so both answer 400 before the query runs.
 */
export class RejectNulPlugin implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (Private.holdsNul(node)) {
      throw new DomainError(
        'invalid_text',
        trans.__('Invalid request: it contains a null character.')
      );
    }
    return node;
  }

  async transformResult({
    result
  }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

namespace Private {
  /** French alphabetical order, as readers of hub pages expect. */
  export const french = new Intl.Collator('fr');

  /** Whether any string in a query's tree (values, names) holds U+0000. */
  export function holdsNul(node: unknown): boolean {
    if (typeof node === 'string') {
      return node.includes('\0');
    }
    if (Array.isArray(node)) {
      return node.some(holdsNul);
    }
    if (
      node !== null &&
      typeof node === 'object' &&
      !ArrayBuffer.isView(node)
    ) {
      return Object.values(node).some(holdsNul);
    }
    return false;
  }
}
