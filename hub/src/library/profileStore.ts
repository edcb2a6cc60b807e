import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';

/**
 * What a teacher teaches: the disciplines and levels of their library profile.
 */
export interface ILibraryProfile {
  disciplines: string[];
  levels: string[];
}

/**
 * The SQL of teachers' library profiles (`library_profiles`).
 */
export class ProfileStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /**
   * A teacher's profile: the disciplines and levels they teach, or null.
   */
  async profile(userId: string): Promise<ILibraryProfile | null> {
    const row = await this._db
      .selectFrom('library_profiles')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row
      ? {
          disciplines: JSON.parse(row.disciplines),
          levels: JSON.parse(row.levels)
        }
      : null;
  }

  /** The profiles of these users, by user id (those who saved one). */
  async profiles(
    userIds: readonly string[]
  ): Promise<Map<string, ILibraryProfile>> {
    const found = new Map<string, ILibraryProfile>();
    for (let at = 0; at < userIds.length; at += 500) {
      const rows = await this._db
        .selectFrom('library_profiles')
        .selectAll()
        .where('user_id', 'in', userIds.slice(at, at + 500))
        .execute();
      for (const row of rows) {
        found.set(row.user_id, {
          disciplines: JSON.parse(row.disciplines),
          levels: JSON.parse(row.levels)
        });
      }
    }
    return found;
  }

  /**
   * Set a teacher's profile.
   */
  async setProfile(
    userId: string,
    profile: ILibraryProfile,
    at: string
  ): Promise<void> {
    const values = {
      disciplines: JSON.stringify(profile.disciplines),
      levels: JSON.stringify(profile.levels),
      updated_at: at
    };
    await this._db
      .insertInto('library_profiles')
      .values({ user_id: userId, ...values })
      .onConflict(oc => oc.column('user_id').doUpdateSet(values))
      .execute();
  }
}
