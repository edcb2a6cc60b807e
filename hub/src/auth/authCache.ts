import type { IAuthContext } from './authContext';

/**
 * Options of the cache of resolved sessions.
 */
export interface IAuthCacheOptions {
  /** How long a resolved session is reused without asking the database. */
  ttlMs: number;
  /** At most this many sessions are kept; the oldest go first. */
  maxEntries: number;
}

/**
 * Sessions resolved a moment ago, for the proxy: a notebook page makes dozens of
 * requests a second, and asking the database for the session, the user and their roles
 * on each of them cost the proxy a fifth of its throughput.
 *
 * Only successful resolutions are kept (a flood of bad cookies cannot fill it). Logging
 * out, logging out everywhere and expiry take effect at once (`forget*`, checked on
 * every read); what can lag by at most `ttlMs` is a change made elsewhere (a role
 * granted from the command line, another hub sharing the database).
 */
export class AuthCache {
  constructor(
    private readonly _options: IAuthCacheOptions = {
      ttlMs: 2_000,
      maxEntries: 10_000
    },
    private readonly _now: () => number = Date.now
  ) {}

  /**
   * The context cached for a session token, or undefined.
   */
  get(token: string): IAuthContext | undefined {
    const entry = this._entries.get(token);
    if (!entry) {
      return undefined;
    }
    const now = this._now();
    if (
      now >= entry.until ||
      now >= Date.parse(entry.context.session.expiresAt)
    ) {
      this._entries.delete(token);
      return undefined;
    }
    return entry.context;
  }

  /**
   * Remember a session just resolved from the database.
   */
  set(token: string, context: IAuthContext): void {
    this._entries.delete(token);
    if (this._entries.size >= this._options.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this._entries.keys().next().value;
      if (oldest !== undefined) {
        this._entries.delete(oldest);
      }
    }
    this._entries.set(token, {
      context,
      until: this._now() + this._options.ttlMs
    });
  }

  /**
   * Forget one session (it was ended).
   */
  forgetToken(token: string): void {
    this._entries.delete(token);
  }

  /**
   * Forget every session of a user (logged out everywhere, account changed).
   */
  forgetUser(userId: string): void {
    for (const [token, entry] of this._entries) {
      if (entry.context.user.id === userId) {
        this._entries.delete(token);
      }
    }
  }

  /** How many sessions are cached. */
  get size(): number {
    return this._entries.size;
  }

  private readonly _entries = new Map<
    string,
    { context: IAuthContext; until: number }
  >();
}
