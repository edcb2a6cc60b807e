import { Kysely } from 'kysely';

import { IDatabase } from '../../db/schema';

/**
 * The `identities` table: (issuer, subject) → user id.
 */
export class IdentityStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /** The user linked to an identity, or null. */
  async findUserId(issuer: string, subject: string): Promise<string | null> {
    const row = await this._db
      .selectFrom('identities')
      .select('user_id')
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row?.user_id ?? null;
  }

  /** Whether a user is linked to any identity. */
  async hasAny(userId: string): Promise<boolean> {
    const row = await this._db
      .selectFrom('identities')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Link an identity to a user. */
  async link(
    issuer: string,
    subject: string,
    userId: string,
    now: string
  ): Promise<void> {
    await this._db
      .insertInto('identities')
      .values({ issuer, subject, user_id: userId, created_at: now })
      .execute();
  }
}
