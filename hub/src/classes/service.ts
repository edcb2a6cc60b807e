import { randomUUID } from 'crypto';
import { Kysely } from 'kysely';

import { Database } from '../db/schema';
import { HttpError } from '../http/errors';
import { hasControlCharacters } from '../util/text';

/**
 * A class (« classe »): a group of learners and their teachers.
 */
export interface IClass {
  id: string;
  name: string;
  level: string | null;
}

/**
 * Classes and memberships (tables `classes`, `class_members`).
 */
export class ClassService {
  constructor(
    private readonly _db: Kysely<Database>,
    private readonly _now: () => Date = () => new Date()
  ) {}

  async create(options: {
    name: string;
    level?: string | null;
  }): Promise<IClass> {
    const name = options.name.trim();
    if (!name || name.length > 100 || hasControlCharacters(name)) {
      throw new HttpError(400, 'invalid_class_name', 'Nom de classe invalide.');
    }
    const klass = { id: randomUUID(), name, level: options.level ?? null };
    await this._db
      .insertInto('classes')
      .values({ ...klass, created_at: this._now().toISOString() })
      .execute();
    return klass;
  }

  async addMember(
    classId: string,
    userId: string,
    membership: 'teacher' | 'learner'
  ): Promise<void> {
    await this._db
      .insertInto('class_members')
      .values({ class_id: classId, user_id: userId, membership })
      .onConflict(oc =>
        oc.columns(['class_id', 'user_id']).doUpdateSet({ membership })
      )
      .execute();
  }

  /**
   * The classes a user belongs to, with their membership.
   */
  async forUser(userId: string): Promise<(IClass & { membership: string })[]> {
    return this._db
      .selectFrom('class_members')
      .innerJoin('classes', 'classes.id', 'class_members.class_id')
      .select([
        'classes.id',
        'classes.name',
        'classes.level',
        'class_members.membership'
      ])
      .where('class_members.user_id', '=', userId)
      .orderBy('classes.name')
      .execute();
  }
}
