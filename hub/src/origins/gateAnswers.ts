import express, { Express, Request, Response } from 'express';

import { IAuthContext } from '../auth/authContext';
import { CookieJar } from '../auth/cookies';
import { attachSession } from '../auth/middleware';
import { sessionIdHash, SessionService } from '../auth/sessions';
import { DomainError, trans, translateMessage } from '../errors';
import { refusal } from '../http/errors';
import { requestLanguage } from '../i18n';
import { messagePage, pageTrans } from '../pages/render';
import { groupAccountNamed, groupOpenPath } from '../groups/access';
import { helpVisits } from '../help/visits';
import { IServerHandle } from '../servers/types';
import { isValidUserName } from '../users/names';
import { IUser, UserService } from '../users/service';
import { mayEnter } from './access';
import { decisionOf } from './decisions';
import { EnterCodes } from './enterCodes';
import { ServerOrigins } from './hosts';
import { ServerCookies } from './serverCookies';

/**
 * What the gate's own answers need.
 */
export interface IGateAnswersDeps {
  origins: ServerOrigins;
  codes: EnterCodes;
  serverCookies: ServerCookies;
  cookies: CookieJar;
  sessions: SessionService;
  users: UserService;
  /** The running server of a user, if any. */
  running: (user: IUser) => IServerHandle | null;
  log: { error: (object: unknown, message: string) => void };
}

/**
 * The answers the origin gate gives itself (subdomain mode): handing a server's origin
 * over from the hub's, taking the enter code there, sending hub pages back to the hub's
 * origin, and the refusals, in the reader's language (a page for a browser's
 * navigation, the API's JSON error otherwise).
 */
export function gateAnswers(deps: IGateAnswersDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // The pages here have no script; their style sheet is the hub's (`/hub/static/…` of
  // a server's origin redirects to the hub's origin).
  const csp = `default-src 'none'; style-src 'self' ${deps.origins.hubOrigin}; img-src 'self' ${deps.origins.hubOrigin} data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`;
  app.use((_request, response, next) => {
    response.setHeader('Content-Security-Policy', csp);
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use((request, response, next) => {
    const decision = decisionOf(request);
    switch (decision?.kind) {
      case 'enter-from-hub':
        return attachSession(deps.cookies, deps.sessions, deps.users)(
          request,
          response,
          () => {
            try {
              Private.enterFromHub(deps, request, response);
            } catch (error) {
              next(error);
            }
          }
        );
      case 'redeem':
        return Private.redeem(deps, request, response, decision.label);
      case 'server-login':
        return Private.toHub(deps, request, response, true);
      case 'to-hub':
        return Private.toHub(deps, request, response, false);
      case 'refuse':
        return next(decision.error);
      default:
        return next(
          new DomainError('not_found', trans.__('This address does not exist.'))
        );
    }
  });
  app.use(
    (
      error: unknown,
      request: Request,
      response: Response,
      _next: express.NextFunction
    ) => {
      let answer = refusal(error, Private.language(request));
      if (!answer) {
        deps.log.error(
          { err: error, path: request.path },
          'unexpected error at the origin gate'
        );
        answer = refusal(
          new DomainError(
            'internal_error',
            trans.__('Internal server error: try again in a moment.')
          ),
          Private.language(request)
        )!;
      }
      if (Private.navigates(request)) {
        const reader = pageTrans(response);
        messagePage(
          response,
          answer.status,
          translateMessage(trans.__('Workspace unavailable'), reader),
          answer.message,
          {
            href: `${deps.origins.hubOrigin}/hub/home`,
            text: translateMessage(trans.__('Back to the home page'), reader)
          }
        );
        return;
      }
      const { status, code, message, params } = answer;
      response.status(status).json({ error: { code, message, params } });
    }
  );
  return app;
}

namespace Private {
  /**
   * Hub origin, `/user/<name>/…`: the hub (where the session is) hands the server's
   * origin over with a one-time code bound to the user, the server and this session.
   */
  export function enterFromHub(
    deps: IGateAnswersDeps,
    request: Request,
    response: Response
  ): void {
    const url = request.originalUrl;
    const name = serverNameOf(url);
    if (!['GET', 'HEAD'].includes(request.method)) {
      throw new DomainError(
        'wrong_origin',
        trans.__(
          'Workspaces are served at their own address: open yours from the hub.'
        )
      );
    }
    const auth = response.locals.auth as IAuthContext | null;
    if (!auth) {
      if (navigates(request)) {
        return response.redirect(
          303,
          `/hub/login?next=${encodeURIComponent(url)}`
        );
      }
      throw new DomainError('unauthenticated', trans.__('Sign in first.'));
    }
    if (!mayEnter(auth.user, name)) {
      throw new DomainError(
        'forbidden',
        trans.__('This workspace is not yours.')
      );
    }
    // A group's server (its members enter it) is started from the group's page.
    const group = groupAccountNamed(name);
    const helped = helpVisits.visitOf(auth.user, name)?.owner;
    if (!deps.running(group ?? helped ?? auth.user)) {
      if (navigates(request)) {
        return response.redirect(
          303,
          group
            ? groupOpenPath(name)
            : `/hub/spawn?next=${encodeURIComponent(url)}`
        );
      }
      throw new DomainError(
        'server_not_running',
        trans.__('Your workspace is not started.')
      );
    }
    const code = deps.codes.issue({
      userId: auth.user.id,
      serverName: name,
      sessionHash: sessionIdHash(auth.token)
    });
    const query = new URLSearchParams({ code, next: url });
    response.redirect(
      303,
      `${deps.origins.serverOrigin(name)}/candyce/enter?${query}`
    );
  }

  /**
   * Server origin, `/candyce/enter?code=…&next=…`: a valid code for this server becomes
   * its cookie (host-only here), then the browser goes on to `next` on this origin.
   */
  export function redeem(
    deps: IGateAnswersDeps,
    request: Request,
    response: Response,
    label: string
  ): void {
    const code =
      typeof request.query.code === 'string' ? request.query.code : '';
    const grant =
      request.method === 'GET' ? deps.codes.redeem(code, label) : null;
    if (!grant || typeof grant === 'string') {
      throw new DomainError(
        'enter_code_invalid',
        trans.__(
          'This workspace link is invalid or has expired: open your workspace again from the hub.'
        )
      );
    }
    const own = `/user/${grant.serverName}/`;
    const asked =
      typeof request.query.next === 'string' ? request.query.next : '';
    const next =
      asked.startsWith(own) && !/\.\.|\\|\/\//.test(asked)
        ? asked
        : `${own}lab`;
    response.setHeader(
      'Set-Cookie',
      deps.serverCookies.header(deps.serverCookies.make(grant))
    );
    response.redirect(303, next);
  }

  /**
   * Server origin, what the hub's origin serves: a navigation goes there (for
   * `/user/<name>/…` that is the way in); anything else is refused, 401 when it lacked
   * this origin's cookie.
   */
  export function toHub(
    deps: IGateAnswersDeps,
    request: Request,
    response: Response,
    login: boolean
  ): void {
    if (
      ['GET', 'HEAD'].includes(request.method) &&
      (!login || navigates(request))
    ) {
      return response.redirect(
        303,
        `${deps.origins.hubOrigin}${request.originalUrl}`
      );
    }
    throw login
      ? new DomainError(
          'server_login_required',
          trans.__('Open this workspace from the hub first.')
        )
      : new DomainError(
          'wrong_origin',
          trans.__('This address is served on the hub’s own address.')
        );
  }

  /** `/user/<name>/…` → name, or a 404. */
  export function serverNameOf(url: string): string {
    let name = '';
    try {
      name = decodeURIComponent(url.split('/')[2]?.split('?')[0] ?? '');
    } catch {
      // Malformed escapes name nobody.
    }
    if (!isValidUserName(name)) {
      throw new DomainError(
        'not_found',
        trans.__('This address does not exist.')
      );
    }
    return name;
  }

  /** A browser's navigation (a page is wanted), not a script's call. */
  export function navigates(request: Request): boolean {
    return (
      ['GET', 'HEAD'].includes(request.method) &&
      (request.headers.accept ?? '').includes('text/html')
    );
  }

  export function language(request: Request): 'fr' | 'en' {
    try {
      return requestLanguage(request);
    } catch {
      return 'fr';
    }
  }
}
