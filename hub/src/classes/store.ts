import { Kysely, Selectable } from 'kysely';

import { compareText } from '../db/portable';
import { IClassesTable, IDatabase } from '../db/schema';

/**
 * A class row as the classes module uses it.
 */
export interface IClassRecord {
  id: string;
  name: string;
  level: string | null;
  establishmentId: string | null;
}

/**
 * An establishment row.
 */
export interface IEstablishmentRecord {
  id: string;
  name: string;
  uai: string | null;
}

/**
 * A membership of a class.
 */
export type Membership = 'teacher' | 'learner';

/**
 * SQL of the classes module (tables `classes`, `class_members`, `establishments`).
 */
export class ClassStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  async insert(
    klass: IClassRecord & { sourceId: string | null },
    now: string
  ): Promise<void> {
    await this._db
      .insertInto('classes')
      .values({
        id: klass.id,
        name: klass.name,
        level: klass.level,
        establishment_id: klass.establishmentId,
        source_id: klass.sourceId,
        created_at: now
      })
      .execute();
  }

  async findById(id: string): Promise<IClassRecord | null> {
    const row = await this._db
      .selectFrom('classes')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? Private.toClass(row) : null;
  }

  async findBySourceId(sourceId: string): Promise<IClassRecord | null> {
    const row = await this._db
      .selectFrom('classes')
      .selectAll()
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    return row ? Private.toClass(row) : null;
  }

  async all(): Promise<IClassRecord[]> {
    const rows = await this._db.selectFrom('classes').selectAll().execute();
    return rows.map(Private.toClass).sort(Private.byName);
  }

  /**
   * The classes of each of these users (by user id; none: absent), one read per 500.
   */
  async forUsers(
    userIds: readonly string[]
  ): Promise<Map<string, (IClassRecord & { membership: Membership })[]>> {
    const byUser = new Map<
      string,
      (IClassRecord & { membership: Membership })[]
    >();
    for (let at = 0; at < userIds.length; at += 500) {
      const rows = await this._db
        .selectFrom('class_members')
        .innerJoin('classes', 'classes.id', 'class_members.class_id')
        .selectAll('classes')
        .select(['class_members.membership', 'class_members.user_id'])
        .where('class_members.user_id', 'in', userIds.slice(at, at + 500))
        .execute();
      for (const row of rows) {
        const own = byUser.get(row.user_id) ?? [];
        own.push({
          ...Private.toClass(row),
          membership: row.membership as Membership
        });
        byUser.set(row.user_id, own);
      }
    }
    return byUser;
  }

  async forUser(
    userId: string
  ): Promise<(IClassRecord & { membership: Membership })[]> {
    const rows = await this._db
      .selectFrom('class_members')
      .innerJoin('classes', 'classes.id', 'class_members.class_id')
      .selectAll('classes')
      .select('class_members.membership')
      .where('class_members.user_id', '=', userId)
      .execute();
    return rows
      .map(row => ({
        ...Private.toClass(row),
        membership: row.membership as Membership
      }))
      .sort(Private.byName);
  }

  async update(
    id: string,
    changes: { name?: string; level?: string | null }
  ): Promise<void> {
    await this._db
      .updateTable('classes')
      .set(changes)
      .where('id', '=', id)
      .execute();
  }

  async membership(
    classId: string,
    userId: string
  ): Promise<Membership | null> {
    const row = await this._db
      .selectFrom('class_members')
      .select('membership')
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? (row.membership as Membership) : null;
  }

  /** How many members of each membership each class has, by class id. */
  async memberCounts(): Promise<
    Map<string, { teachers: number; learners: number }>
  > {
    const rows = await this._db
      .selectFrom('class_members')
      .select(eb => [
        'class_id',
        'membership',
        eb.fn.countAll<number>().as('count')
      ])
      .groupBy(['class_id', 'membership'])
      .execute();
    const counts = new Map<string, { teachers: number; learners: number }>();
    for (const row of rows) {
      const count = counts.get(row.class_id) ?? { teachers: 0, learners: 0 };
      if (row.membership === 'teacher') {
        count.teachers = row.count;
      } else if (row.membership === 'learner') {
        count.learners = row.count;
      }
      counts.set(row.class_id, count);
    }
    return counts;
  }

  async members(
    classId: string
  ): Promise<{ userId: string; membership: Membership }[]> {
    const rows = await this._db
      .selectFrom('class_members')
      .select(['user_id', 'membership'])
      .where('class_id', '=', classId)
      .execute();
    return rows.map(row => ({
      userId: row.user_id,
      membership: row.membership as Membership
    }));
  }

  async upsertMember(
    classId: string,
    userId: string,
    membership: Membership
  ): Promise<void> {
    await this._db
      .insertInto('class_members')
      .values({ class_id: classId, user_id: userId, membership })
      .onConflict(oc =>
        oc.columns(['class_id', 'user_id']).doUpdateSet({ membership })
      )
      .execute();
  }

  async deleteMember(classId: string, userId: string): Promise<boolean> {
    const result = await this._db
      .deleteFrom('class_members')
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * The learners of the classes of an establishment, and of the classes a teacher
   * teaches: user ids, each once.
   */
  async learnerIdsNear(near: {
    establishmentId: string | null;
    teacherId: string | null;
  }): Promise<string[]> {
    const ids = new Set<string>();
    if (near.establishmentId !== null) {
      const rows = await this._db
        .selectFrom('class_members')
        .innerJoin('classes', 'classes.id', 'class_members.class_id')
        .select('class_members.user_id')
        .distinct()
        .where('classes.establishment_id', '=', near.establishmentId)
        .where('class_members.membership', '=', 'learner')
        .execute();
      rows.forEach(row => ids.add(row.user_id));
    }
    if (near.teacherId !== null) {
      const rows = await this._db
        .selectFrom('class_members as taught')
        .innerJoin(
          'class_members as pupil',
          'pupil.class_id',
          'taught.class_id'
        )
        .select('pupil.user_id')
        .distinct()
        .where('taught.user_id', '=', near.teacherId)
        .where('taught.membership', '=', 'teacher')
        .where('pupil.membership', '=', 'learner')
        .execute();
      rows.forEach(row => ids.add(row.user_id));
    }
    return [...ids];
  }

  async allEstablishments(): Promise<IEstablishmentRecord[]> {
    const rows = await this._db
      .selectFrom('establishments')
      .select(['id', 'name', 'uai'])
      .execute();
    return rows.sort(Private.byName);
  }

  async insertEstablishment(
    establishment: IEstablishmentRecord & { sourceId: string | null },
    now: string
  ): Promise<void> {
    await this._db
      .insertInto('establishments')
      .values({
        id: establishment.id,
        name: establishment.name,
        uai: establishment.uai,
        source_id: establishment.sourceId,
        created_at: now
      })
      .execute();
  }

  async findEstablishment(id: string): Promise<IEstablishmentRecord | null> {
    const row = await this._db
      .selectFrom('establishments')
      .select(['id', 'name', 'uai'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ?? null;
  }

  async findEstablishmentBySourceId(
    sourceId: string
  ): Promise<IEstablishmentRecord | null> {
    const row = await this._db
      .selectFrom('establishments')
      .select(['id', 'name', 'uai'])
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    return row ?? null;
  }
}

namespace Private {
  /** By name, then id; in JS, for the same order on every database. */
  export function byName(
    a: { name: string; id: string },
    b: { name: string; id: string }
  ): number {
    return compareText(a.name, b.name) || compareText(a.id, b.id);
  }

  export function toClass(row: Selectable<IClassesTable>): IClassRecord {
    return {
      id: row.id,
      name: row.name,
      level: row.level,
      establishmentId: row.establishment_id
    };
  }
}
