import { Kysely, sql } from 'kysely';

import { IDatabase } from '../db/schema';
import { isUniqueViolation } from '../db/portable';
import { ISystemAccount } from '../spawner/types';

/**
 * The highest uid handed out: Linux uids are 32-bit, and (uid_t)-1 and -2 have meanings
 * of their own (« no change », `nobody` on some systems).
 */
export const MAX_SERVER_UID = 4_294_967_293;

/**
 * The key of the account grading runs use, one for all (each run has its own sandbox and
 * work folder). Users' keys are UUIDs: this one cannot be a user's.
 */
export const GRADING_ACCOUNT = 'candyce:grading';

/**
 * The system account each user's server runs as when the hub runs as root: one uid per
 * user (its own group, same number), from `base` up, kept for good and never given to
 * anyone else.
 */
export class ServerAccounts {
  constructor(
    private readonly _db: Kysely<IDatabase>,
    private readonly _base: number
  ) {}

  /**
   * The account of a user's server (or of `GRADING_ACCOUNT`), given out at their first
   * start.
   *
   * @throws Error if every uid of the range is taken.
   */
  async of(userId: string): Promise<ISystemAccount> {
    // The next uid is chosen by the insert itself: one statement, so two first starts
    // at once cannot both take it on SQLite. PostgreSQL may still see the same highest
    // uid in two transactions: the unique constraint refuses the second, which tries
    // again. Past the last uid the insert adds nothing.
    const next = sql<number>`CASE WHEN MAX(uid) IS NULL OR MAX(uid) < ${this._base} THEN ${this._base} ELSE MAX(uid) + 1 END`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const known = await this._db
        .selectFrom('server_accounts')
        .select('uid')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (known) {
        const uid = Number(known.uid);
        return { uid, gid: uid };
      }
      let inserted: bigint;
      try {
        const result = await this._db
          .insertInto('server_accounts')
          .columns(['user_id', 'uid'])
          .expression(
            this._db
              .selectFrom('server_accounts')
              .select([
                sql<string>`CAST(${userId} AS TEXT)`.as('user_id'),
                next.as('uid')
              ])
              .having(next, '<=', MAX_SERVER_UID)
          )
          .executeTakeFirst();
        inserted = result.numInsertedOrUpdatedRows ?? 0n;
      } catch (error) {
        if (!isUniqueViolation(error)) {
          throw error;
        }
        continue;
      }
      if (inserted === 0n) {
        throw new Error(
          `No uid left for users' servers above sandboxUidBase ${this._base}`
        );
      }
    }
    throw new Error(`Could not give a uid to the server of user ${userId}`);
  }
}
