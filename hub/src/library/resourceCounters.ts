/**
 * What a resource's counters (uses, endorsements) decide elsewhere: its popularity and
 * its `endorsed` facet value. Shared by the library's store modules.
 */
import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { ITag } from './searchIndex';

/**
 * Recompute a resource's popularity from its counters.
 */
export async function updatePopularity(
  trx: Kysely<IDatabase>,
  resourceId: string
): Promise<void> {
  await trx
    .updateTable('library_resources')
    .set(eb => ({
      popularity: eb(
        eb('uses', '+', eb('peer_endorsements', '*', 3)),
        '+',
        eb('inspection_endorsements', '*', 10)
      )
    }))
    .where('id', '=', resourceId)
    .execute();
}

/**
 * The `endorsed` facet value of a resource recommended by anyone (none otherwise).
 */
export function endorsedTag(counters: {
  peer_endorsements: number;
  inspection_endorsements: number;
}): ITag[] {
  return Number(counters.peer_endorsements) +
    Number(counters.inspection_endorsements) >
    0
    ? [{ kind: 'endorsed', value: 'oui' }]
    : [];
}
