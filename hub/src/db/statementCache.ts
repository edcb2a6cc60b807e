import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct statements kept prepared (the hub's queries, with a margin). */
const MAX_STATEMENTS = 500;

/**
 * A SQLite database for Kysely that keeps its prepared statements: Kysely prepares
 * every query it runs, and preparing costs as much as running a small insert (an
 * import of 100,000 resources spent a fifth of its time preparing the same dozen
 * statements). A statement still being read (`iterate`) is not shared: the next
 * caller gets a fresh one. Least recently used statements are dropped past
 * `MAX_STATEMENTS` (queries with lists of values have a text per list length).
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: text => {
      let statement = cache.get(text);
      if (statement && !statement.busy) {
        // Most recently used last.
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
      }
      cache.set(text, statement);
      if (cache.size > MAX_STATEMENTS) {
        cache.delete(cache.keys().next().value!);
      }
      return statement;
    }
  };
}
