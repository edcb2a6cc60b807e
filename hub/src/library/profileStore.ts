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
