import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { usersOfEstablishments } from '../establishments/membership';
import { AuditAction, IAuditDetails } from './actions';

/**
 * An event as stored.
 */
export interface IAuditRecord {
  id: string;
  at: string;
  actorId: string;
  action: AuditAction;
  targetId: string | null;
  details: IAuditDetails;
}

/**
 * Where a page of events starts: after this event, going back in time.
 */
export interface IAuditCursor {
  at: string;
  id: string;
}

/**
 * SQL for the audit log (table `audit_events`).
 */
export class AuditStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  async insert(record: IAuditRecord): Promise<void> {
    await this._db
      .insertInto('audit_events')
      .values({
        id: record.id,
        at: record.at,
        actor_id: record.actorId,
        action: record.action,
        target_id: record.targetId,
        details: JSON.stringify(record.details)
      })
      .execute();
  }

  /**
   * At most `limit` events, newest first, of one action when given, older than
   * `before` when given (keyset paging: the index `(action, at, id)` or `(at, id)` is
   * walked from where the last page stopped, whatever the log's size).
   */
  async page(options: {
    action?: AuditAction;
    before?: IAuditCursor;
    limit: number;
    /** Only events about the users of these establishments (all when absent). */
    establishmentIds?: readonly string[];
  }): Promise<IAuditRecord[]> {
    let query = this._db.selectFrom('audit_events').selectAll();
    if (options.action) {
      query = query.where('action', '=', options.action);
    }
    if (options.establishmentIds !== undefined) {
      query = query.where(
        'target_id',
        'in',
        usersOfEstablishments(this._db, options.establishmentIds)
      );
    }
    const before = options.before;
    if (before) {
      query = query.where(eb =>
        eb.or([
          eb('at', '<', before.at),
          eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])
        ])
      );
    }
    const rows = await query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map(row => ({
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      action: row.action as AuditAction,
      targetId: row.target_id,
      details: JSON.parse(row.details) as IAuditDetails
    }));
  }
}
