import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';

/**
 * A stored class code (never the code itself).
 */
export interface IClassCodeRecord {
  userId: string;
  classId: string;
  salt: string;
  codeHash: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/**
 * SQL of the class codes module (tables `class_codes` and `class_keys`).
 */
export class ClassCodeStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  async forClass(classId: string): Promise<IClassCodeRecord[]> {
    const rows = await this._db
      .selectFrom('class_codes')
      .selectAll()
      .where('class_id', '=', classId)
      .execute();
    return rows.map(row => ({
      userId: row.user_id,
      classId: row.class_id,
      salt: row.salt,
      codeHash: row.code_hash,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at
    }));
  }

  /** The class a user's code was made in (revoked or expired included), if any. */
  async classOfUser(userId: string): Promise<string | null> {
    const row = await this._db
      .selectFrom('class_codes')
      .select('class_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.class_id ?? null;
  }

  /** Insert or replace the code of a pupil. */
  async put(record: IClassCodeRecord): Promise<void> {
    const values = {
      class_id: record.classId,
      salt: record.salt,
      code_hash: record.codeHash,
      created_at: record.createdAt,
      expires_at: record.expiresAt,
      revoked_at: record.revokedAt
    };
    await this._db
      .insertInto('class_codes')
      .values({ user_id: record.userId, ...values })
      .onConflict(oc => oc.column('user_id').doUpdateSet(values))
      .execute();
  }

  async revoke(classId: string, userId: string, now: string): Promise<boolean> {
    const result = await this._db
      .updateTable('class_codes')
      .set({ revoked_at: now })
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setExpiry(
    classId: string,
    userId: string,
    expiresAt: string
  ): Promise<boolean> {
    const result = await this._db
      .updateTable('class_codes')
      .set({ expires_at: expiresAt })
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The short key of a class, if it has one. */
  async keyOf(classId: string): Promise<string | null> {
    const row = await this._db
      .selectFrom('class_keys')
      .select('key')
      .where('class_id', '=', classId)
      .executeTakeFirst();
    return row?.key ?? null;
  }

  /** The class a short key belongs to, if any. */
  async classOfKey(key: string): Promise<string | null> {
    const row = await this._db
      .selectFrom('class_keys')
      .select('class_id')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.class_id ?? null;
  }

  /**
   * Give a class `key` unless it has a key or `key` is taken (then nothing is written:
   * `ON CONFLICT DO NOTHING` on either unique column, SQLite and PostgreSQL alike).
   */
  async putKeyIfFree(
    classId: string,
    key: string,
    createdAt: string
  ): Promise<void> {
    await this._db
      .insertInto('class_keys')
      .values({ class_id: classId, key, created_at: createdAt })
      .onConflict(oc => oc.doNothing())
      .execute();
  }
}
