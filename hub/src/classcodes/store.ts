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
 * SQL of the class codes module (table `class_codes`).
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
}
