import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';

/**
 * A group workspace's account: whose traces are the group's shared work (its server's
 * JupyterLab sends statements under this account's pseudonymous actor).
 */
export interface IGroupAccount {
  groupId: string;
  classId: string;
  accountId: string;
  /** Whether the workspace was deleted (its traces of the past still count). */
  deleted: boolean;
}

/**
 * The accounts of the group workspaces of these classes (of every class when null),
 * deleted workspaces' included: what a group did before it was deleted is still the
 * class's work. One read (index `group_workspaces(class_id)` when classes are given).
 */
export async function groupAccounts(
  db: Kysely<IDatabase>,
  classIds: readonly string[] | null
): Promise<IGroupAccount[]> {
  if (classIds && !classIds.length) {
    return [];
  }
  let query = db
    .selectFrom('group_workspaces')
    .select(['id', 'class_id', 'account_id', 'deleted_at']);
  if (classIds) {
    query = query.where('class_id', 'in', [...classIds]);
  }
  const rows = await query.orderBy('id').execute();
  return rows.map(row => ({
    groupId: row.id,
    classId: row.class_id,
    accountId: row.account_id,
    deleted: row.deleted_at !== null
  }));
}
