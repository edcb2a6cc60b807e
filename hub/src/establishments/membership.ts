import { Kysely } from 'kysely';

import { compareText } from '../db/portable';
import { IDatabase } from '../db/schema';

/**
 * Which users belong to which establishments: a user belongs to the establishments of
 * the classes they are a member of (teacher or learner), and to those they are
 * attached to directly (`establishment_users`, migration 0027: an account created by
 * an establishment's administrator, staff without a class).
 */

/**
 * The establishments `userId` belongs to, in order (usually one or two: two indexed
 * look-ups, `class_members(user_id)` and `establishment_users(user_id)`).
 */
export async function establishmentsOfUser(
  db: Kysely<IDatabase>,
  userId: string
): Promise<string[]> {
  const [byClass, direct] = await Promise.all([
    db
      .selectFrom('class_members')
      .innerJoin('classes', 'classes.id', 'class_members.class_id')
      .select('classes.establishment_id as id')
      .where('class_members.user_id', '=', userId)
      .where('classes.establishment_id', 'is not', null)
      .execute(),
    db
      .selectFrom('establishment_users')
      .select('establishment_id as id')
      .where('user_id', '=', userId)
      .execute()
  ]);
  const ids = new Set([...byClass, ...direct].map(row => row.id as string));
  return [...ids].sort(compareText);
}

/**
 * The ids of the users of `establishmentIds`, as a subquery (`users.id IN (…)`): the
 * classes of those establishments (index `classes(establishment_id, id)`), their
 * members (primary key `(class_id, user_id)`), and the users attached directly
 * (primary key `(establishment_id, user_id)`).
 */
export function usersOfEstablishments(
  db: Kysely<IDatabase>,
  establishmentIds: readonly string[]
) {
  const ids = establishmentIds.length ? [...establishmentIds] : [''];
  return db
    .selectFrom('establishment_users')
    .select('establishment_users.user_id')
    .where('establishment_users.establishment_id', 'in', ids)
    .union(
      db
        .selectFrom('classes')
        .innerJoin('class_members', 'class_members.class_id', 'classes.id')
        .select('class_members.user_id')
        .where('classes.establishment_id', 'in', ids)
    );
}

/**
 * The establishments each of `userIds` is attached to directly (not through a class),
 * by user id; users attached to none are absent. By 500 ids (index
 * `establishment_users(user_id)`), under the databases' limits on parameters.
 */
export async function attachedEstablishments(
  db: Kysely<IDatabase>,
  userIds: readonly string[]
): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  for (let at = 0; at < userIds.length; at += 500) {
    const rows = await db
      .selectFrom('establishment_users')
      .select(['user_id', 'establishment_id'])
      .where('user_id', 'in', userIds.slice(at, at + 500))
      .execute();
    for (const row of rows) {
      byUser.set(row.user_id, [
        ...(byUser.get(row.user_id) ?? []),
        row.establishment_id
      ]);
    }
  }
  return byUser;
}

/**
 * The users attached directly to an establishment (primary key
 * `(establishment_id, user_id)`), whether or not they are in one of its classes.
 */
export async function attachedUsers(
  db: Kysely<IDatabase>,
  establishmentId: string
): Promise<string[]> {
  const rows = await db
    .selectFrom('establishment_users')
    .select('user_id')
    .where('establishment_id', '=', establishmentId)
    .orderBy('user_id')
    .execute();
  return rows.map(row => row.user_id);
}

/**
 * Attach a user to an establishment (nothing if already attached).
 */
export async function attachUser(
  db: Kysely<IDatabase>,
  userId: string,
  establishmentId: string,
  at: string
): Promise<void> {
  await db
    .insertInto('establishment_users')
    .values({
      user_id: userId,
      establishment_id: establishmentId,
      created_at: at
    })
    .onConflict(oc => oc.columns(['establishment_id', 'user_id']).doNothing())
    .execute();
}
