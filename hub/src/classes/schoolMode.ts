import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import type { IUser } from '../users/service';

/**
 * The school mode of classes (table `class_school_mode`, migration 0016): a teacher
 * turns it on for a class, and its learners get `@candyce/school-ui`'s simplified
 * JupyterLab. Whether the caller may change a class is the policy's job, checked by the
 * route before calling.
 */
export class ClassSchoolMode {
  constructor(
    private readonly _db: Kysely<IDatabase>,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /**
   * Whether school mode is on for a class.
   */
  async isOn(classId: string): Promise<boolean> {
    const row = await this._db
      .selectFrom('class_school_mode')
      .select('class_id')
      .where('class_id', '=', classId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Turn school mode on or off for a class (doing it twice changes nothing).
   */
  async set(classId: string, on: boolean): Promise<void> {
    if (on) {
      await this._db
        .insertInto('class_school_mode')
        .values({ class_id: classId, turned_on_at: this._now().toISOString() })
        .onConflict(oc => oc.column('class_id').doNothing())
        .execute();
    } else {
      await this._db
        .deleteFrom('class_school_mode')
        .where('class_id', '=', classId)
        .execute();
    }
  }

  /**
   * Whether a user learns in at least one class in school mode (a teacher of such a
   * class keeps the full JupyterLab: they preview the mode from JupyterLab).
   */
  async isOnFor(userId: string): Promise<boolean> {
    const row = await this._db
      .selectFrom('class_members')
      .innerJoin(
        'class_school_mode',
        'class_school_mode.class_id',
        'class_members.class_id'
      )
      .select('class_members.class_id')
      .where('class_members.user_id', '=', userId)
      .where('class_members.membership', '=', 'learner')
      .executeTakeFirst();
    return row !== undefined;
  }
}

/**
 * Whether a user reads Candyce in school mode: a learner of a class with school mode
 * on, or a pupil whose account a class code made. `/me` tells JupyterLab; the hub's
 * own pages say « tu » to the same people.
 */
export async function readsSchoolMode(
  user: IUser,
  schoolMode: ClassSchoolMode,
  classCodes: { isCodeAccount(user: IUser): Promise<boolean> }
): Promise<boolean> {
  return (
    (await schoolMode.isOnFor(user.id)) ||
    (await classCodes.isCodeAccount(user))
  );
}
