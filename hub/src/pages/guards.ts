/**
 * Guards of server-rendered pages: who is signed in, and whether a form is genuine.
 */
import { randomBytes } from 'crypto';
import { Request, RequestHandler, Response } from 'express';

import { CookieJar } from '../auth/cookies';
import { IAuthContext, sameSecret } from '../auth/middleware';
import type { Policy, Right } from '../policy';
import {
  forbiddenPage,
  homeLink,
  IBackLink,
  messagePage,
  pageTrans
} from './render';

/**
 * The signed-in caller of a page, or null once the browser has been sent to the login
 * page. After the login it comes back to `next`: by default the page asked for (GET);
 * a form sent without a session cannot be replayed, so it comes back home.
 */
export function requirePageAuth(
  request: Request,
  response: Response,
  next?: string
): IAuthContext | null {
  const auth = response.locals.auth as IAuthContext | null;
  if (auth) {
    return auth;
  }
  const target =
    next ?? (request.method === 'GET' ? request.originalUrl : '/hub/home');
  response.redirect(303, `/hub/login?next=${encodeURIComponent(target)}`);
  return null;
}

/**
 * A page's right, declared with its route and enforced here, once, before the handler:
 * `router.get('/classes/new', pageRight(policy, 'classes:create'), handler)`. A signed-in
 * caller whose roles do not give the right (on every object, with `'all'`) gets the 403
 * page. A caller without a session goes on to the handler, whose `requirePageAuth` or
 * `requireFormAuth` sends them to log in with the right way back. Rules on one object
 * (a class's teacher) stay in the handler or the service that loads it.
 */
export function pageRight(
  policy: Policy,
  right: Right,
  options: {
    /** `'all'`: the right on every object (an administrator's), not only one's own. */
    reach?: 'any' | 'all';
    /** The refusal's page, when it says more than `forbiddenPage`'s default. */
    refuse?: (response: Response) => void;
  } = {}
): RequestHandler {
  const { reach = 'any', refuse = forbiddenPage } = options;
  return (_request, response, next) => {
    const auth = response.locals.auth as IAuthContext | null;
    const held = auth ? policy.reach(auth.user, right) : null;
    if (auth && (held === null || (reach === 'all' && held !== 'all'))) {
      return refuse(response);
    }
    next();
  };
}

/**
 * For a form sent to a page (POST): the signed-in caller whose form carries the
 * session's anti-CSRF field `_xsrf`, or null once answered (login redirect, or a 403
 * page with `back`, where the form can be loaded again).
 */
export function requireFormAuth(
  request: Request,
  response: Response,
  back?: IBackLink,
  next?: string
): IAuthContext | null {
  const auth = requirePageAuth(request, response, next);
  if (!auth) {
    return null;
  }
  const given = (request.body as Record<string, unknown> | undefined)?._xsrf;
  if (
    !sameSecret(typeof given === 'string' ? given : '', auth.session.xsrfToken)
  ) {
    const trans = pageTrans(response);
    messagePage(
      response,
      403,
      trans.__('Page expired'),
      trans.__(
        'This form has expired or does not come from Candyce: reload the page and start again.'
      ),
      back ?? homeLink(trans)
    );
    return null;
  }
  return auth;
}

/**
 * The anti-CSRF value of a login form (no session yet): a random value in the form and
 * the same in a cookie (double submit). Returns the value for the form's `_xsrf` field.
 */
export function issueLoginToken(
  cookies: CookieJar,
  response: Response
): string {
  const token = randomBytes(24).toString('base64url');
  cookies.set(response, cookies.loginXsrfName, token, 3600);
  return token;
}

/**
 * Whether a login form carries the value of its cookie (see {@link issueLoginToken}).
 */
export function hasLoginToken(cookies: CookieJar, request: Request): boolean {
  const given = (request.body as Record<string, unknown> | undefined)?._xsrf;
  return sameSecret(
    typeof given === 'string' ? given : '',
    cookies.read(request, cookies.loginXsrfName) ?? ''
  );
}
