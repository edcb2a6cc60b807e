import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { Json } from './checks';

/**
 * What another feature keeps up to date from the statements the LRS counts (the
 * dashboards' daily counts): told, inside the LRS's own transaction, of each
 * statement that starts counting (stored, or no longer voided) and each that stops
 * (voided, erased, purged), so that what it derives never drifts from what is kept.
 * Voiding statements are passed as any other: the observer ignores what it does not
 * count.
 */
export interface IStatementObserver {
  added(trx: Kysely<IDatabase>, statements: readonly Json[]): Promise<void>;
  removed(trx: Kysely<IDatabase>, statements: readonly Json[]): Promise<void>;
}

/**
 * The statements that count (not voided) where the actor is the statement's own
 * agent or the object's (the narrow `agent` filter), as JSON: for an observer that
 * must look again at what is left, rarely (a voiding), inside the same transaction.
 */
export async function countedStatementsOf(
  trx: Kysely<IDatabase>,
  actorKey: string
): Promise<Json[]> {
  const rows = await trx
    .selectFrom('lrs_statement_index as i')
    .innerJoin('lrs_statements as s', 's.id', 'i.statement_id')
    .select('s.body')
    .where('i.kind', '=', 'agent')
    .where('i.value', '=', actorKey)
    .where('i.related', '=', 0)
    .where('s.voided', '=', 0)
    .execute();
  return rows.map(row => JSON.parse(row.body) as Json);
}
