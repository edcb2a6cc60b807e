import { createHash, randomBytes } from 'crypto';
import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';

/**
 * A live session.
 */
export interface ISession {
  userId: string;
  xsrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * Which sessions a logout ended: one (by its token) or all of a user's.
 */
export type SessionsEnded = { token: string } | { userId: string };

/**
 * Time-outs of sessions.
 */
export interface ISessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

/**
 * Sessions stored in the database (a hub restart logs nobody out). The browser holds a
 * random token; the database holds only its SHA-256, so a copy of the database cannot
 * be used to log in.
 */
export class SessionService {
  constructor(
    private readonly _db: Kysely<IDatabase>,
    private readonly _policy: ISessionPolicy,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /**
   * Open a new session (always a new id: a login never reuses a session).
   *
   * @returns the token for the cookie, and the session.
   */
  async create(userId: string): Promise<{ token: string; session: ISession }> {
    const token = randomBytes(32).toString('base64url');
    const now = this._now();
    const session: ISession = {
      userId,
      xsrfToken: randomBytes(24).toString('base64url'),
      createdAt: now.toISOString(),
      expiresAt: new Date(
        now.getTime() + this._policy.maxHours * 3_600_000
      ).toISOString()
    };
    await this._db
      .insertInto('sessions')
      .values({
        id_hash: Private.hash(token),
        user_id: userId,
        xsrf_token: session.xsrfToken,
        created_at: session.createdAt,
        last_seen_at: session.createdAt,
        expires_at: session.expiresAt
      })
      .execute();
    return { token, session };
  }

  /**
   * The session of a token, if it is still valid; refreshes its idle time-out.
   * An expired session is deleted.
   */
  async resolve(token: string): Promise<ISession | null> {
    if (!token || token.length > 100) {
      return null;
    }
    return this.resolveHash(Private.hash(token));
  }

  /**
   * The same by the SHA-256 of the token ({@link sessionIdHash}): a server's cookie
   * (`hub/src/origins`) names the session it was handed over from without holding it.
   */
  async resolveHash(idHash: string): Promise<ISession | null> {
    const row = await this._db
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) {
      return null;
    }
    const now = this._now();
    const idleLimit = new Date(
      now.getTime() - this._policy.idleMinutes * 60_000
    ).toISOString();
    if (row.expires_at <= now.toISOString() || row.last_seen_at <= idleLimit) {
      await this._db
        .deleteFrom('sessions')
        .where('id_hash', '=', idHash)
        .execute();
      return null;
    }
    // Refresh at most once a minute: a busy page makes many requests.
    if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
      await this._db
        .updateTable('sessions')
        .set({ last_seen_at: now.toISOString() })
        .where('id_hash', '=', idHash)
        .execute();
    }
    return {
      userId: row.user_id,
      xsrfToken: row.xsrf_token,
      createdAt: row.created_at,
      expiresAt: row.expires_at
    };
  }

  /**
   * Call `listener` whenever sessions end by logout (not by expiry: `resolve` sees that).
   */
  onEnded(listener: (ended: SessionsEnded) => void): void {
    this._listeners.push(listener);
  }

  /**
   * End one session.
   */
  async destroy(token: string): Promise<void> {
    await this._db
      .deleteFrom('sessions')
      .where('id_hash', '=', Private.hash(token))
      .execute();
    this._listeners.forEach(listener => listener({ token }));
  }

  /**
   * End every session of a user (« me déconnecter partout »).
   */
  async destroyAll(userId: string): Promise<number> {
    const result = await this._db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    this._listeners.forEach(listener => listener({ userId }));
    return Number(result.numDeletedRows);
  }

  private readonly _listeners: ((ended: SessionsEnded) => void)[] = [];
}

/**
 * The SHA-256 of a session token: the database's key of the session.
 */
export function sessionIdHash(token: string): string {
  return Private.hash(token);
}

namespace Private {
  export function hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
