import { Kysely } from 'kysely';

import { compareText } from '../db/portable';
import { IDatabase } from '../db/schema';

/**
 * What a user administers: everything (the global `admin` role), or a set of
 * establishments (those granted one by one, and every establishment of each academy
 * granted). When `everything` is true, `establishmentIds` is empty: no filter applies,
 * and listing every establishment of the country would only cost.
 */
export interface IAdministeredScope {
  readonly everything: boolean;
  readonly establishmentIds: readonly string[];
}

/**
 * What {@link administeredScope} reads of a user: an `IUser` (`users/service.ts`) or
 * the policy's principal. Written out so that this module imports nothing of the users
 * module, which lists users by establishment.
 */
export interface IAdministeredScopeUser {
  readonly id: string;
  readonly roles: readonly string[];
  readonly deactivatedAt?: string;
}

/**
 * The establishments `user` administers, or null when they administer nothing (a
 * deactivated account administers nothing). An academy grant reaches the
 * establishments of that academy as they are now: an establishment added to the
 * academy later is in the scope at the next call.
 *
 * Shared by the policy (`hub/src/policy`), the administration and the dashboards: the
 * one definition of « the establishments I administer ».
 */
export async function administeredScope(
  db: Kysely<IDatabase>,
  user: IAdministeredScopeUser
): Promise<IAdministeredScope | null> {
  if (user.deactivatedAt) {
    return null;
  }
  if (user.roles.includes('admin')) {
    return { everything: true, establishmentIds: [] };
  }
  const grants = await db
    .selectFrom('administrators')
    .select(['establishment_id', 'academy'])
    .where('user_id', '=', user.id)
    .execute();
  const ids = new Set<string>();
  const academies: string[] = [];
  for (const grant of grants) {
    if (grant.establishment_id !== null) {
      ids.add(grant.establishment_id);
    } else if (grant.academy !== null) {
      academies.push(grant.academy);
    }
  }
  if (academies.length) {
    const rows = await db
      .selectFrom('establishments')
      .select('id')
      .where('academy', 'in', academies)
      .execute();
    for (const row of rows) {
      ids.add(row.id);
    }
  }
  if (!ids.size) {
    return null;
  }
  return {
    everything: false,
    establishmentIds: [...ids].sort(compareText)
  };
}
