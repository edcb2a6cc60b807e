import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';

/**
 * A pause longer than this starts a new visit: reloading the page, or coming back
 * after a few minutes, is the same visit (what was new stays marked new).
 */
export const VISIT_GAP_MS = 30 * 60_000;

/**
 * The SQL of teachers' visits to their recommendations (`library_visits`).
 */
export class VisitStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /**
   * Record that a user looks at their recommendations at `at`, and answer when their
   * previous visit was (null on their first): what was published or updated since is
   * new to them.
   */
  async visit(userId: string, at: string): Promise<string | null> {
    return this._db.transaction().execute(async trx => {
      const row = await trx
        .selectFrom('library_visits')
        .select(['last_at', 'previous_at'])
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!row) {
        await trx
          .insertInto('library_visits')
          .values({ user_id: userId, last_at: at, previous_at: null })
          .execute();
        return null;
      }
      const newVisit = Date.parse(at) - Date.parse(row.last_at) > VISIT_GAP_MS;
      const previous = newVisit ? row.last_at : row.previous_at;
      await trx
        .updateTable('library_visits')
        .set({ last_at: at, previous_at: previous })
        .where('user_id', '=', userId)
        .execute();
      return previous;
    });
  }
}
