import type { IncomingMessage } from 'http';

import type { IAuthContext } from '../auth/authContext';
import { CookieJar } from '../auth/cookies';
import { sessionIdHash, SessionService } from '../auth/sessions';
import { UserService } from '../users/service';
import { IServerCookie, ServerCookies } from './serverCookies';

/**
 * A caller on a server's origin: who, for which server, and the cookie to send back
 * when it is due for renewal.
 */
export interface IServerCaller {
  auth: IAuthContext;
  cookie: IServerCookie;
  /** A `Set-Cookie` header renewing the cookie, when half its life has passed. */
  renewal: string | null;
}

/** How long a resolved cookie is reused without asking the database (as `AuthCache`). */
const CACHE_MS = 2_000;
const CACHE_MAX = 10_000;

/**
 * Resolves a server's cookie into its caller: the signature and expiry, then the hub
 * session it names (alive, its user active). Logging out (one session or everywhere)
 * ends the cookies made from it at once.
 */
export class ServerAuthenticator {
  constructor(
    private readonly _deps: {
      cookies: CookieJar;
      serverCookies: ServerCookies;
      sessions: SessionService;
      users: UserService;
    },
    private readonly _now: () => number = Date.now
  ) {
    _deps.sessions.onEnded(ended => {
      const hash = 'token' in ended ? sessionIdHash(ended.token) : null;
      for (const [value, entry] of this._cache) {
        if (
          entry.cookie.sessionHash === hash ||
          ('userId' in ended && entry.cookie.userId === ended.userId)
        ) {
          this._cache.delete(value);
        }
      }
    });
  }

  /**
   * The caller of a request on a server's origin, from that origin's cookie only
   * (a hub session cookie sent there counts for nothing), or null.
   */
  async resolve(request: IncomingMessage): Promise<IServerCaller | null> {
    const { cookies, serverCookies, sessions, users } = this._deps;
    const value = cookies.read(request, serverCookies.name);
    const cookie = value ? serverCookies.read(value) : null;
    if (!value || !cookie) {
      return null;
    }
    const renewal = serverCookies.due(cookie)
      ? serverCookies.header(serverCookies.make(cookie))
      : null;
    const cached = this._cache.get(value);
    if (cached && this._now() < cached.until) {
      return { auth: cached.auth, cookie, renewal };
    }
    this._cache.delete(value);
    const session = await sessions.resolveHash(cookie.sessionHash);
    const user =
      session && session.userId === cookie.userId
        ? await users.get(session.userId)
        : null;
    if (!session || !user || user.deactivatedAt) {
      return null;
    }
    const auth: IAuthContext = {
      user,
      // The hub session's anti-CSRF token stays on the hub's origin: this origin has
      // its own, derived from the cookie's grant.
      session: { ...session, xsrfToken: serverCookies.xsrfToken(cookie) },
      // Not the hub's token (a server's origin never holds it): its cookie.
      token: value
    };
    if (this._cache.size >= CACHE_MAX) {
      const oldest = this._cache.keys().next().value;
      if (oldest !== undefined) {
        this._cache.delete(oldest);
      }
    }
    this._cache.set(value, { auth, cookie, until: this._now() + CACHE_MS });
    return { auth, cookie, renewal };
  }

  private readonly _cache = new Map<
    string,
    { auth: IAuthContext; cookie: IServerCookie; until: number }
  >();
}
