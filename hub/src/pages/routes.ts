import { Request, Response, Router } from 'express';

import { CookieJar } from '../auth/cookies';
import { ClassService } from '../classes/service';
import { IAuthContext, sameSecret } from '../auth/middleware';
import { RateLimiter } from '../auth/rateLimit';
import { SessionService } from '../auth/sessions';
import { refusal } from '../http/errors';
import { Policy } from '../policy';
import type { EventService } from '../events/service';
import { newsSection } from '../events/homeNews';
import { ServerRegistry } from '../servers/registry';
import { IUser, UserService } from '../users/service';
import { hasLoginToken, issueLoginToken, requirePageAuth } from './guards';
import { html, htmlFormat, joinHtml, SafeHtml } from './html';
import { IHubTranslator, requestLanguage } from '../i18n';
import {
  formAlert,
  messagePage,
  pageTrans,
  roleLabel,
  rolesText,
  sendPage
} from './render';

/**
 * What the pages need.
 */
export interface IPagesDeps {
  users: UserService;
  sessions: SessionService;
  cookies: CookieJar;
  loginLimiter: RateLimiter;
  log: { info: (object: unknown, message: string) => void };
  /** OpenID Connect providers offered above the password form. */
  oidcProviders?: readonly { id: string; name: string }[];
  /** Users' servers: the home page shows the state of one's own. */
  registry?: ServerRegistry;
  /** Classes: the home page lists the ones the user teaches or belongs to. */
  classes?: ClassService;
  /** Rights: which links of the home page the user may follow. */
  policy?: Policy;
  /** News: the home page shows the latest, and the new as it comes. */
  events?: EventService;
  /** « Mes espaces de groupe » (`hub/src/groups`), when the hub has them. */
  groupsSection?: (
    trans: IHubTranslator,
    user: IUser
  ) => Promise<SafeHtml | ''>;
}

/**
 * Login, home and logout pages under /hub.
 */
export function pagesRouter(deps: IPagesDeps): Router {
  const router = Router();

  router.get('/login', (request, response) => {
    if (response.locals.auth) {
      return response.redirect(303, safeNext(request.query.next));
    }
    renderLogin(request, response, deps);
  });

  router.post('/login', async (request, response) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const trans = pageTrans(response);
    if (!hasLoginToken(deps.cookies, request)) {
      return renderLogin(
        request,
        response,
        deps,
        403,
        trans.__('The login page has expired: try again.')
      );
    }
    if (!deps.loginLimiter.take(request.ip ?? 'unknown')) {
      return renderLogin(
        request,
        response,
        deps,
        429,
        trans.__('Too many attempts from this device: wait a minute.')
      );
    }
    const name = String(form.username ?? '')
      .trim()
      .toLowerCase();
    const password = String(form.password ?? '');
    try {
      const user = await deps.users.authenticate(
        name,
        password,
        request.ip ?? 'unknown'
      );
      const { token } = await deps.sessions.create(user.id);
      deps.cookies.clear(response, deps.cookies.loginXsrfName);
      deps.cookies.set(response, deps.cookies.sessionName, token);
      deps.log.info({ userId: user.id }, 'login');
      response.redirect(303, safeNext(form.next));
    } catch (error) {
      const refused = refusal(error, requestLanguage(request));
      if (refused) {
        return renderLogin(
          request,
          response,
          deps,
          refused.status,
          refused.message
        );
      }
      throw error;
    }
  });

  router.post('/logout', async (request, response) => {
    const auth = response.locals.auth as IAuthContext | null;
    if (auth) {
      // Without the session's token, another site could end it (a logout CSRF): the
      // session and its cookie stay.
      if (
        !sameSecret(String(request.body?._xsrf ?? ''), auth.session.xsrfToken)
      ) {
        const trans = pageTrans(response);
        return messagePage(
          response,
          403,
          trans.__('Page expired'),
          trans.__(
            'This form has expired or does not come from Candyce: reload the page and start again.'
          )
        );
      }
      const everywhere = request.body?.everywhere === '1';
      if (everywhere) {
        await deps.sessions.destroyAll(auth.user.id);
      } else {
        await deps.sessions.destroy(auth.token);
      }
    }
    deps.cookies.clear(response, deps.cookies.sessionName);
    response.redirect(303, '/hub/login');
  });

  router.get(['/', '/home'], async (request, response) => {
    const auth = requirePageAuth(request, response, '/hub/home');
    if (!auth) {
      return;
    }
    const { user, session } = auth;
    const trans = pageTrans(response);
    const roles = rolesText(trans, user.roles);
    const xsrf = session.xsrfToken;
    const may = (right: Parameters<Policy['reach']>[1]) =>
      deps.policy?.reach(user, right) ?? null;
    const classes = deps.classes
      ? Private.myClasses(
          trans,
          await deps.classes.forUser(user.id),
          may('classes:write') !== null
        )
      : null;
    // The latest news, then what comes while the page is open (`nouvelles.js`, from
    // the journal's position, read first: nothing is missed, nothing shown twice).
    const position = await deps.events?.position();
    const recent = await deps.events?.recent(user.id, 5);
    const news =
      recent &&
      newsSection(
        trans,
        recent,
        Math.max(position ?? 0, recent[0]?.id ?? 0),
        xsrf
      );
    const groups = (await deps.groupsSection?.(trans, user)) ?? '';
    const links = [
      may('classes:write') &&
        Private.link('/hub/classes', trans.__('Manage my classes')),
      may('classes:codes') &&
        Private.link('/hub/classes/codes', trans.__('Pupils’ login codes')),
      may('users:read') === 'all' &&
        Private.link('/hub/admin', trans.__('Platform administration')),
      // An establishment's or an academy's administrator: their schools' users.
      may('users:read') === null &&
        (await deps.policy?.scopedReach(user, 'users:write')) ===
          'establishment' &&
        Private.link(
          '/hub/admin/utilisateurs',
          trans.__('Administration of my schools')
        )
    ];
    sendPage(
      response,
      trans.__('Home'),
      html`<h1>${trans.__('Hello, %1', user.displayName)}</h1>
<p class="cdc-muted">${htmlFormat(trans.__('Signed in as %1 (%2).'), html`<strong>${user.name}</strong>`, roles)}</p>
<p><a class="cdc-button" href="/user/${encodeURIComponent(user.name)}/lab">${trans.__('Open my workspace')}</a></p>
${news}${classes}${groups}${deps.registry && Private.serverState(trans, deps.registry, user, xsrf)}${links}<form class="cdc-inline" method="post" action="/hub/logout">
<input type="hidden" name="_xsrf" value="${xsrf}">
<button type="submit" class="cdc-secondary">${trans.__('Log out')}</button>
</form>
<form class="cdc-inline" method="post" action="/hub/logout">
<input type="hidden" name="_xsrf" value="${xsrf}">
<input type="hidden" name="everywhere" value="1">
<button type="submit" class="cdc-secondary">${trans.__('Log out of all devices')}</button>
</form>`
    );
  });

  return router;
}

/**
 * Where to go after login: only a path on this site (no `//host`, no scheme).
 */
export function safeNext(value: unknown): string {
  const next = typeof value === 'string' ? value : '';
  return /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/hub/home';
}

function renderLogin(
  request: Request,
  response: Response,
  deps: Pick<IPagesDeps, 'cookies' | 'oidcProviders'>,
  status = 200,
  error?: string
): void {
  const token = issueLoginToken(deps.cookies, response);
  const next = safeNext(
    request.method === 'GET' ? request.query.next : request.body?.next
  );
  const message = formAlert(error);
  const trans = pageTrans(response);
  const sso = Private.ssoLinks(trans, deps.oidcProviders ?? [], next);
  sendPage(
    response,
    trans.__('Log in'),
    html`<h1>${trans.__('Log in to Candyce')}</h1>
${message}
${sso}<form method="post" action="/hub/login" ${error && html`aria-describedby="erreur"`}>
<input type="hidden" name="_xsrf" value="${token}">
<input type="hidden" name="next" value="${next}">
<label for="username">${trans.__('Username')}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required>
<label for="password">${trans.__('Password')}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">${trans.__('Sign in')}</button>
</form>
<p><a href="/hub/mot-de-passe">${trans.__('I have a reset code')}</a></p>`,
    { status }
  );
}

namespace Private {
  export function link(href: string, label: string): SafeHtml {
    return html`<p><a href="${href}">${label}</a></p>\n`;
  }

  /**
   * « Mes classes »: the classes a user teaches or is enrolled in.
   */
  export function myClasses(
    trans: IHubTranslator,
    classes: {
      id: string;
      name: string;
      level: string | null;
      membership: string;
    }[],
    manages: boolean
  ): SafeHtml | null {
    if (!classes.length) {
      return null;
    }
    const items = classes.map(klass => {
      const level = klass.level && ` (${klass.level})`;
      const teaches = klass.membership === 'teacher';
      // A teacher opens the page of the class they teach (the policy's `:own`).
      const name =
        teaches && manages
          ? html`<a href="/hub/classes/${encodeURIComponent(klass.id)}">${klass.name}</a>`
          : klass.name;
      return html`<li>${name}${level} — ${roleLabel(trans, teaches ? 'teacher' : 'learner')}</li>`;
    });
    return html`<h2>${trans.__('My classes')}</h2>\n<ul class="cdc-classes">\n${joinHtml(items, '\n')}\n</ul>\n`;
  }

  /**
   * The state of the user's server, with forms to stop and restart it.
   */
  export function serverState(
    trans: IHubTranslator,
    registry: ServerRegistry,
    user: IUser,
    xsrf: string
  ): SafeHtml {
    const kind = registry.state(user).kind;
    const text = {
      running: trans.__('Your workspace is running.'),
      starting: trans.__('Your workspace is starting.'),
      stopped: trans.__('Your workspace is stopped.'),
      failed: trans.__('Your workspace could not start.')
    }[kind];
    const form = (action: string, label: string) =>
      html`<form class="cdc-inline" method="post" action="/hub/server/${action}">
<input type="hidden" name="_xsrf" value="${xsrf}">
<button type="submit" class="cdc-secondary">${label}</button>
</form>
`;
    return html`<section aria-labelledby="espace-titre">
<h2 id="espace-titre">${trans.__('My workspace')}</h2>
<p>${text}</p>
${kind === 'running' && form('stop', trans.__('Stop my workspace'))}${(kind === 'running' || kind === 'failed') && form('restart', trans.__('Restart my workspace'))}</section>
`;
  }

  /**
   * One link per OpenID Connect provider, in a labelled list, then a heading for the
   * password form (no script: plain links that start the redirect).
   */
  export function ssoLinks(
    trans: IHubTranslator,
    providers: readonly { id: string; name: string }[],
    next: string
  ): SafeHtml | null {
    if (!providers.length) {
      return null;
    }
    const query =
      next === '/hub/home' ? '' : `?next=${encodeURIComponent(next)}`;
    const items = providers.map(
      p =>
        html`<li><a class="cdc-button" href="/hub/oidc/${encodeURIComponent(p.id)}/login${query}">${trans.__('Sign in with %1', p.name)}</a></li>`
    );
    return html`<nav aria-labelledby="sso-titre">
<h2 id="sso-titre">${trans.__('With your school’s account')}</h2>
<ul class="cdc-sso">
${joinHtml(items, '\n')}
</ul>
</nav>
<h2>${trans.__('With a Candyce username')}</h2>
`;
  }
}
