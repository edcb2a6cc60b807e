import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { endorsedTag, updatePopularity } from './resourceCounters';
import { SearchIndex } from './searchIndex';

/**
 * The SQL of endorsements (`library_endorsements`) and of the counters and facet they
 * keep on each resource.
 */
export class EndorsementStore {
  /**
   * @param _index - the search index whose `endorsed` facet follows the counters.
   */
  constructor(
    private readonly _db: Kysely<IDatabase>,
    private readonly _index: SearchIndex
  ) {}

  /**
   * Record an endorsement (idempotent) and keep the resource's counters right.
   *
   * @returns false if the resource does not exist.
   */
  async endorse(
    resourceId: string,
    userId: string,
    kind: 'peer' | 'inspection',
    at: string,
    on: boolean
  ): Promise<boolean> {
    return this._db.transaction().execute(async trx => {
      const exists = await trx
        .selectFrom('library_resources')
        .select('id')
        .where('id', '=', resourceId)
        .executeTakeFirst();
      if (!exists) {
        return false;
      }
      if (on) {
        await trx
          .insertInto('library_endorsements')
          .values({
            resource_id: resourceId,
            user_id: userId,
            kind,
            created_at: at
          })
          .onConflict(oc => oc.doNothing())
          .execute();
      } else {
        await trx
          .deleteFrom('library_endorsements')
          .where('resource_id', '=', resourceId)
          .where('user_id', '=', userId)
          .where('kind', '=', kind)
          .execute();
      }
      const count = await trx
        .selectFrom('library_endorsements')
        .select(eb => eb.fn.countAll<number>().as('n'))
        .where('resource_id', '=', resourceId)
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('library_resources')
        .set(
          kind === 'peer'
            ? { peer_endorsements: Number(count.n) }
            : { inspection_endorsements: Number(count.n) }
        )
        .where('id', '=', resourceId)
        .execute();
      await updatePopularity(trx, resourceId);
      const counters = await trx
        .selectFrom('library_resources')
        .select(['peer_endorsements', 'inspection_endorsements'])
        .where('id', '=', resourceId)
        .executeTakeFirstOrThrow();
      const tags = await trx
        .selectFrom('library_tags')
        .select(['kind', 'value'])
        .where('resource_id', '=', resourceId)
        .execute();
      await this._index.setTags(trx, resourceId, [
        ...tags,
        ...endorsedTag(counters)
      ]);
      return true;
    });
  }

  /**
   * Who endorsed a resource: user ids by kind.
   */
  async endorsers(
    resourceId: string
  ): Promise<{ userId: string; kind: string; at: string }[]> {
    const rows = await this._db
      .selectFrom('library_endorsements')
      .select(['user_id', 'kind', 'created_at'])
      .where('resource_id', '=', resourceId)
      .orderBy('created_at')
      .execute();
    return rows.map(row => ({
      userId: row.user_id,
      kind: row.kind,
      at: row.created_at
    }));
  }

  /**
   * The resources a user endorsed as a peer (so that « recommended by a colleague »
   * never counts the reader).
   */
  async peerEndorsedBy(userId: string): Promise<Set<string>> {
    const rows = await this._db
      .selectFrom('library_endorsements')
      .select('resource_id')
      .where('user_id', '=', userId)
      .where('kind', '=', 'peer')
      .execute();
    return new Set(rows.map(row => row.resource_id));
  }
}
