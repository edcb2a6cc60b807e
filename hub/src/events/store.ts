import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { EventKind, IStreamedEvent } from './kinds';

/**
 * The event journal (`event_journal`, migration 0023): one row per recipient of a piece
 * of news, ids growing and never reused. The events module alone queries it.
 */
export class EventStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /**
   * Journal one event for each recipient, in one transaction.
   *
   * @returns the journalled events by recipient id.
   */
  async append(
    recipients: readonly string[],
    kind: EventKind,
    data: unknown,
    at: string
  ): Promise<Map<string, IStreamedEvent>> {
    const json = JSON.stringify(data);
    const journalled = new Map<string, IStreamedEvent>();
    await this._db.transaction().execute(async trx => {
      // By slices: a statement's parameters are bounded (SQLite, PostgreSQL).
      for (let start = 0; start < recipients.length; start += Private.SLICE) {
        const rows = await trx
          .insertInto('event_journal')
          .values(
            recipients.slice(start, start + Private.SLICE).map(recipient => ({
              recipient_id: recipient,
              kind,
              data: json,
              at
            }))
          )
          .returning(['id', 'recipient_id'])
          .execute();
        for (const row of rows) {
          journalled.set(row.recipient_id, {
            id: Number(row.id),
            kind,
            at,
            data
          });
        }
      }
    });
    return journalled;
  }

  /** A recipient's events after `afterId`, oldest first, at most `limit`. */
  async since(
    recipientId: string,
    afterId: number,
    limit: number
  ): Promise<IStreamedEvent[]> {
    const rows = await this._db
      .selectFrom('event_journal')
      .select(['id', 'kind', 'data', 'at'])
      .where('recipient_id', '=', recipientId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(row => ({
      id: Number(row.id),
      kind: row.kind as EventKind,
      at: row.at,
      data: JSON.parse(row.data) as unknown
    }));
  }

  /** A recipient's latest events, newest first. */
  async latest(recipientId: string, limit: number): Promise<IStreamedEvent[]> {
    const rows = await this._db
      .selectFrom('event_journal')
      .select(['id', 'kind', 'data', 'at'])
      .where('recipient_id', '=', recipientId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(row => ({
      id: Number(row.id),
      kind: row.kind as EventKind,
      at: row.at,
      data: JSON.parse(row.data) as unknown
    }));
  }

  /** The smallest and largest ids still journalled (null when it is empty). */
  async bounds(): Promise<{ oldest: number; newest: number } | null> {
    const row = await this._db
      .selectFrom('event_journal')
      .select(eb => [
        eb.fn.min('id').as('oldest'),
        eb.fn.max('id').as('newest')
      ])
      .executeTakeFirst();
    return row?.oldest === null || row?.oldest === undefined
      ? null
      : { oldest: Number(row.oldest), newest: Number(row.newest) };
  }

  /**
   * Forget events older than `before`, and all but the newest `keepRows`.
   *
   * @returns how many rows were removed.
   */
  async trim(before: string, keepRows: number): Promise<number> {
    const old = await this._db
      .deleteFrom('event_journal')
      .where('at', '<', before)
      .executeTakeFirst();
    let removed = Number(old.numDeletedRows);
    const bounds = await this.bounds();
    if (bounds && bounds.newest - bounds.oldest + 1 > keepRows) {
      const extra = await this._db
        .deleteFrom('event_journal')
        .where('id', '<=', bounds.newest - keepRows)
        .executeTakeFirst();
      removed += Number(extra.numDeletedRows);
    }
    return removed;
  }
}

namespace Private {
  /** Recipients journalled by one statement (4 parameters each). */
  export const SLICE = 500;
}
