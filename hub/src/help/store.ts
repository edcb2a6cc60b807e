import { Kysely, Selectable } from 'kysely';

import { IDatabase, IHelpRequestsTable } from '../db/schema';

/** A help request as stored (`help_requests`, migration 0026). */
export type HelpRequestRow = Selectable<IHelpRequestsTable>;

/**
 * The help requests' table: the help module alone queries it.
 */
export class HelpStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  async insert(row: HelpRequestRow): Promise<void> {
    await this._db.insertInto('help_requests').values(row).execute();
  }

  async get(id: string): Promise<HelpRequestRow | null> {
    return (
      (await this._db
        .selectFrom('help_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()) ?? null
    );
  }

  /** The open requests (not closed, not run out at `nowIso`) of these learners. */
  async openOf(
    learnerIds: readonly string[],
    nowIso: string
  ): Promise<HelpRequestRow[]> {
    if (!learnerIds.length) {
      return [];
    }
    return this._db
      .selectFrom('help_requests')
      .selectAll()
      .where('learner_id', 'in', [...learnerIds])
      .where('closed_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Every request still marked open, run out or not (for the sweep and a restart). */
  async unclosed(): Promise<HelpRequestRow[]> {
    return this._db
      .selectFrom('help_requests')
      .selectAll()
      .where('closed_at', 'is', null)
      .execute();
  }

  /** Record who joined, unless someone already did. @returns whether it was recorded. */
  async join(id: string, helperId: string, atIso: string): Promise<boolean> {
    const result = await this._db
      .updateTable('help_requests')
      .set({ helper_id: helperId, joined_at: atIso })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .where(eb =>
        eb.or([eb('helper_id', 'is', null), eb('helper_id', '=', helperId)])
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Close a request still open. @returns whether this call closed it. */
  async close(
    id: string,
    closedBy: string | null,
    atIso: string
  ): Promise<boolean> {
    const result = await this._db
      .updateTable('help_requests')
      .set({ closed_at: atIso, closed_by: closedBy })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** How many requests each of these learners made in [fromIso, toIso). */
  async countsBetween(
    learnerIds: readonly string[],
    fromIso: string,
    toIso: string
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!learnerIds.length) {
      return counts;
    }
    const rows = await this._db
      .selectFrom('help_requests')
      .select(['learner_id', eb => eb.fn.countAll<number>().as('count')])
      .where('learner_id', 'in', [...learnerIds])
      .where('created_at', '>=', fromIso)
      .where('created_at', '<', toIso)
      .groupBy('learner_id')
      .execute();
    for (const row of rows) {
      counts.set(row.learner_id, Number(row.count));
    }
    return counts;
  }
}
