import { randomUUID } from 'crypto';
import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { DomainError, trans } from '../errors';
import { AuditAction, IAuditDetails } from './actions';
import { AuditStore, IAuditCursor, IAuditRecord } from './store';

/**
 * An event of the audit log as its readers get it.
 */
export type IAuditEvent = IAuditRecord;

/**
 * A page of the log and where the next one starts (null: no older event).
 */
export interface IAuditPage {
  events: IAuditEvent[];
  next: string | null;
}

/** Events per page, and the most a caller may ask for. */
export const AUDIT_PAGE_SIZE = 50;
const AUDIT_PAGE_MAX = 200;

/**
 * The audit log: who did what to whom, and when. Services write to it in the same
 * transaction as the action when they have one (`on`), so that an action is never
 * done without its line, nor logged without being done.
 */
export class AuditLog {
  constructor(
    private readonly _db: Kysely<IDatabase>,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /** The log on another connection (a caller's transaction). */
  on(db: Kysely<IDatabase>): AuditLog {
    return new AuditLog(db, this._now);
  }

  /**
   * Record that `actorId` did `action` to `targetId` (a user's id), now.
   */
  async record(event: {
    actorId: string;
    action: AuditAction;
    targetId: string | null;
    details?: IAuditDetails;
  }): Promise<IAuditEvent> {
    const record: IAuditRecord = {
      id: randomUUID(),
      at: this._now().toISOString(),
      actorId: event.actorId,
      action: event.action,
      targetId: event.targetId,
      details: event.details ?? {}
    };
    await new AuditStore(this._db).insert(record);
    return record;
  }

  /**
   * A page of events, newest first, of one action when given, from `cursor` (the
   * `next` of the page before) when given.
   *
   * @throws {DomainError} 400 `invalid_cursor` for a cursor this log did not give.
   */
  async page(
    options: {
      action?: AuditAction;
      cursor?: string;
      limit?: number;
      /** Only events about the users of these establishments (all when absent). */
      establishmentIds?: readonly string[];
    } = {}
  ): Promise<IAuditPage> {
    const limit = Math.min(
      Math.max(1, options.limit ?? AUDIT_PAGE_SIZE),
      AUDIT_PAGE_MAX
    );
    const before = options.cursor ? Private.decode(options.cursor) : undefined;
    // One more than asked: whether an older page exists, without counting.
    const records = await new AuditStore(this._db).page({
      action: options.action,
      before,
      limit: limit + 1,
      establishmentIds: options.establishmentIds
    });
    const events = records.slice(0, limit);
    const last = events[events.length - 1];
    return {
      events,
      next: records.length > limit && last ? Private.encode(last) : null
    };
  }
}

namespace Private {
  export function encode(cursor: IAuditCursor): string {
    return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
  }

  export function decode(text: string): IAuditCursor {
    const [at, id, ...rest] = Buffer.from(text, 'base64url')
      .toString()
      .split('|');
    if (rest.length || !at || !id || Number.isNaN(Date.parse(at))) {
      throw new DomainError(
        'invalid_cursor',
        trans.__(
          'This page link is not valid: start again from the first page.'
        )
      );
    }
    return { at, id };
  }
}
