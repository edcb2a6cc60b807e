import { Kysely, sql } from 'kysely';

import { IDatabase } from '../db/schema';
import { isObject, Json } from './checks';
import { IStatementObserver } from './observer';

/**
 * Deleting statements for good (erasure of a user's traces, the retention purge): their
 * index rows, the attachments and activity definitions nothing else names any more,
 * and the voiding they did. Runs inside the caller's transaction.
 */

/** What a removal deleted. */
export interface IRemoved {
  statements: number;
  attachments: number;
}

/** Delete these statements and what only they kept alive. */
export async function removeStatements(
  trx: Kysely<IDatabase>,
  ids: readonly string[],
  observer: IStatementObserver | null = null
): Promise<IRemoved> {
  const hashes = new Set<string>();
  const activities = new Set<string>();
  const voided = new Set<string>();
  for (const chunk of chunks(ids, 200)) {
    const rows = await trx
      .selectFrom('lrs_statements')
      .select(['body', 'voiding_target', 'voided'])
      .where('id', 'in', chunk)
      .execute();
    await observer?.removed(
      trx,
      rows.filter(row => !row.voided).map(row => JSON.parse(row.body) as Json)
    );
    for (const row of rows) {
      attachmentHashes(JSON.parse(row.body) as Json, hashes);
      if (row.voiding_target !== null) {
        voided.add(row.voiding_target);
      }
    }
    const index = await trx
      .selectFrom('lrs_statement_index')
      .select('value')
      .where('statement_id', 'in', chunk)
      .where('kind', '=', 'activity')
      .execute();
    index.forEach(row => activities.add(row.value));
    await trx
      .deleteFrom('lrs_statement_index')
      .where('statement_id', 'in', chunk)
      .execute();
    await trx.deleteFrom('lrs_statements').where('id', 'in', chunk).execute();
  }
  // A statement voided by a removed one (and kept) is no longer voided.
  for (const chunk of chunks([...voided], 200)) {
    const revived = await trx
      .selectFrom('lrs_statements')
      .select('body')
      .where('id', 'in', chunk)
      .where('voided', '=', 1)
      .execute();
    await observer?.added(
      trx,
      revived.map(row => JSON.parse(row.body) as Json)
    );
    await trx
      .updateTable('lrs_statements')
      .set({ voided: 0 })
      .where('id', 'in', chunk)
      .execute();
  }
  let attachments = 0;
  for (const sha2 of hashes) {
    // Attachments are shared by content: keep one another statement still declares.
    const used = await trx
      .selectFrom('lrs_statements')
      .select('id')
      .where('body', 'like', `%${sha2}%`)
      .executeTakeFirst();
    if (!used) {
      const result = await trx
        .deleteFrom('lrs_attachments')
        .where('sha2', '=', sha2)
        .executeTakeFirst();
      attachments += Number(result.numDeletedRows);
    }
  }
  for (const chunk of chunks([...activities], 200)) {
    // An activity definition may carry what a user named (a notebook's title).
    await trx
      .deleteFrom('lrs_activities')
      .where('id', 'in', chunk)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('lrs_statement_index')
              .select(sql.lit(1).as('one'))
              .where('kind', '=', 'activity')
              .whereRef('value', '=', 'lrs_activities.id')
          )
        )
      )
      .execute();
  }
  return { statements: ids.length, attachments };
}

/** Every `sha2` a statement (or its SubStatement) declares. */
function attachmentHashes(statement: Json, into: Set<string>): void {
  for (const attachment of (statement.attachments as Json[] | undefined) ??
    []) {
    if (typeof attachment.sha2 === 'string') {
      into.add(attachment.sha2);
    }
  }
  if (
    isObject(statement.object) &&
    statement.object.objectType === 'SubStatement'
  ) {
    attachmentHashes(statement.object, into);
  }
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) {
    out.push(items.slice(at, at + size));
  }
  return out;
}
