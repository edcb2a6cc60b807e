import type { ExpressionBuilder } from 'kysely';

import type { IDatabase } from '../db/schema';

/**
 * People only: not the accounts group workspaces' servers run as. Such an account is a
 * `users` row (no role, no password, named `groupe-<hex>`, see `hub/src/groups`) that a
 * `group_workspaces` row names as its account, deleted groups' included: that row is
 * the one mark, not the name (a person may be called anything). Every list or count of
 * people filters with it: `selectFrom('users').where(isPerson)`.
 */
export function isPerson(eb: ExpressionBuilder<IDatabase, 'users'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('group_workspaces')
        .select('group_workspaces.id')
        .whereRef('group_workspaces.account_id', '=', 'users.id')
    )
  );
}
