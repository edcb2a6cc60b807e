import { NextFunction, Request, RequestHandler, Response } from 'express';
import { timingSafeEqual } from 'crypto';
import { IncomingMessage } from 'http';

import { DomainError, trans } from '../errors';
import { UserService } from '../users/service';
import type { IAuthContext } from './authContext';
import { AuthCache } from './authCache';
import { CookieJar } from './cookies';
import { presetAuthOf } from './presetAuth';
import { SessionService } from './sessions';

export type { IAuthContext } from './authContext';

/**
 * The header that carries the anti-CSRF token (see @candyce/core's HubClient).
 */
export const XSRF_HEADER = 'x-candyce-xsrf';

/**
 * Resolve the session cookie into `response.locals.auth` (or null).
 *
 * @param cache - sessions resolved a moment ago (the proxy's hot path); hub pages and
 *   the API go without, so that they always see the database as it is.
 */
export function attachSession(
  cookies: CookieJar,
  sessions: SessionService,
  users: UserService,
  cache?: AuthCache
): RequestHandler {
  return async (request, response, next) => {
    response.locals.auth = await authenticate(
      request,
      cookies,
      sessions,
      users,
      cache
    );
    next();
  };
}

/**
 * The caller of a request (HTTP or WebSocket upgrade) from its session cookie, or null.
 */
export async function authenticate(
  request: Pick<IncomingMessage, 'headers'>,
  cookies: CookieJar,
  sessions: SessionService,
  users: UserService,
  cache?: AuthCache
): Promise<IAuthContext | null> {
  // On a server's origin the caller comes from that origin's cookie (hub/src/origins).
  const preset = presetAuthOf(request);
  if (preset !== undefined) {
    return preset;
  }
  const token = cookies.read(request, cookies.sessionName);
  if (!token) {
    return null;
  }
  const cached = cache?.get(token);
  if (cached) {
    return cached;
  }
  const session = await sessions.resolve(token);
  const user = session ? await users.get(session.userId) : null;
  // A deactivated account keeps no session, even one opened before.
  if (!session || !user || user.deactivatedAt) {
    return null;
  }
  const context = { user, session, token };
  cache?.set(token, context);
  return context;
}

/**
 * Reject state-changing API calls whose anti-CSRF header does not match the session.
 */
export function checkXsrf(
  request: Request,
  _response: Response,
  next: NextFunction
): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
    return next();
  }
  const auth = _response.locals.auth as IAuthContext | null;
  const given = request.header(XSRF_HEADER) ?? '';
  if (auth && !sameSecret(given, auth.session.xsrfToken)) {
    return next(
      new DomainError(
        'xsrf',
        trans.__('Anti-CSRF token missing or invalid: reload the page.')
      )
    );
  }
  next();
}

/**
 * Compare two secrets in constant time.
 */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return (
    left.length === right.length &&
    left.length > 0 &&
    timingSafeEqual(left, right)
  );
}
