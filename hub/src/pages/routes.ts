import { Request, Response, Router } from 'express';

import { CookieJar } from '../auth/cookies';
import { ClassService } from '../classes/service';
import { IAuthContext, sameSecret } from '../auth/middleware';
import { RateLimiter } from '../auth/rateLimit';
import { SessionService } from '../auth/sessions';
import { HttpError } from '../http/errors';
import { Policy } from '../policy';
import { ServerRegistry } from '../servers/registry';
import { IUser, UserService } from '../users/service';
import { hasLoginToken, issueLoginToken, requirePageAuth } from './guards';
import { html, joinHtml, SafeHtml } from './html';
import { formAlert, messagePage, ROLE_LABELS, sendPage } from './render';

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
    if (!hasLoginToken(deps.cookies, request)) {
      return renderLogin(
        request,
        response,
        deps,
        403,
        'La page de connexion a expiré : réessayez.'
      );
    }
    if (!deps.loginLimiter.take(request.ip ?? 'unknown')) {
      return renderLogin(
        request,
        response,
        deps,
        429,
        'Trop de tentatives depuis cet appareil : patientez une minute.'
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
      if (error instanceof HttpError) {
        return renderLogin(
          request,
          response,
          deps,
          error.status,
          error.message
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
        return messagePage(
          response,
          403,
          'Page expirée',
          'Ce formulaire a expiré ou ne vient pas de Candyce : rechargez la page et recommencez.'
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
    const roles =
      user.roles.map(role => ROLE_LABELS[role]).join(', ') || 'aucun rôle';
    const xsrf = session.xsrfToken;
    const may = (right: Parameters<Policy['reach']>[1]) =>
      deps.policy?.reach(user, right) ?? null;
    const classes = deps.classes
      ? Private.myClasses(
          await deps.classes.forUser(user.id),
          may('classes:write') !== null
        )
      : null;
    const links = [
      may('classes:write') && Private.link('/hub/classes', 'Gérer mes classes'),
      may('classes:codes') &&
        Private.link('/hub/classes/codes', 'Codes de connexion des élèves'),
      may('users:read') === 'all' &&
        Private.link('/hub/admin', 'Administration de la plateforme')
    ];
    sendPage(
      response,
      'Accueil',
      html`<h1>Bonjour, ${user.displayName}</h1>
<p class="cdc-muted">Connecté·e en tant que <strong>${user.name}</strong> (${roles}).</p>
<p><a class="cdc-button" href="/user/${encodeURIComponent(user.name)}/lab">Ouvrir mon espace de travail</a></p>
${classes}${deps.registry && Private.serverState(deps.registry, user, xsrf)}${links}<form class="cdc-inline" method="post" action="/hub/logout">
<input type="hidden" name="_xsrf" value="${xsrf}">
<button type="submit" class="cdc-secondary">Se déconnecter</button>
</form>
<form class="cdc-inline" method="post" action="/hub/logout">
<input type="hidden" name="_xsrf" value="${xsrf}">
<input type="hidden" name="everywhere" value="1">
<button type="submit" class="cdc-secondary">Se déconnecter de tous les appareils</button>
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
  const sso = Private.ssoLinks(deps.oidcProviders ?? [], next);
  sendPage(
    response,
    'Connexion',
    html`<h1>Connexion à Candyce</h1>
${message}
${sso}<form method="post" action="/hub/login" ${error && html`aria-describedby="erreur"`}>
<input type="hidden" name="_xsrf" value="${token}">
<input type="hidden" name="next" value="${next}">
<label for="username">Identifiant</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required>
<label for="password">Mot de passe</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Se connecter</button>
</form>`,
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
      return html`<li>${name}${level} — ${teaches ? 'enseignant·e' : 'élève'}</li>`;
    });
    return html`<h2>Mes classes</h2>\n<ul class="cdc-classes">\n${joinHtml(items, '\n')}\n</ul>\n`;
  }

  /**
   * The state of the user's server, with forms to stop and restart it.
   */
  export function serverState(
    registry: ServerRegistry,
    user: IUser,
    xsrf: string
  ): SafeHtml {
    const kind = registry.state(user).kind;
    const text = {
      running: 'Votre espace est démarré.',
      starting: 'Votre espace est en train de démarrer.',
      stopped: 'Votre espace est arrêté.',
      failed: 'Votre espace n’a pas pu démarrer.'
    }[kind];
    const form = (action: string, label: string) =>
      html`<form class="cdc-inline" method="post" action="/hub/server/${action}">
<input type="hidden" name="_xsrf" value="${xsrf}">
<button type="submit" class="cdc-secondary">${label}</button>
</form>
`;
    return html`<section aria-labelledby="espace-titre">
<h2 id="espace-titre">Mon espace de travail</h2>
<p>${text}</p>
${kind === 'running' && form('stop', 'Arrêter mon espace')}${(kind === 'running' || kind === 'failed') && form('restart', 'Redémarrer mon espace')}</section>
`;
  }

  /**
   * One link per OpenID Connect provider, in a labelled list, then a heading for the
   * password form (no script: plain links that start the redirect).
   */
  export function ssoLinks(
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
        html`<li><a class="cdc-button" href="/hub/oidc/${encodeURIComponent(p.id)}/login${query}">Se connecter avec ${p.name}</a></li>`
    );
    return html`<nav aria-labelledby="sso-titre">
<h2 id="sso-titre">Avec le compte de votre établissement</h2>
<ul class="cdc-sso">
${joinHtml(items, '\n')}
</ul>
</nav>
<h2>Avec un identifiant Candyce</h2>
`;
  }
}
