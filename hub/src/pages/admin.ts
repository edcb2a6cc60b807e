import { Response, Router } from 'express';

import { ClassService } from '../classes/service';
import { EnvironmentCollector } from '../environments/collector';
import { environmentsSection } from '../environments/pages';
import { Policy } from '../policy';
import { ServerRegistry } from '../servers/registry';
import { restartServer, stopServer } from '../servers/routes';
import { UserService } from '../users/service';
import { usersSection } from './adminUsers';
import { requireFormAuth, requirePageAuth } from './guards';
import { html, joinHtml, SafeHtml } from './html';
import {
  forbiddenPage,
  HOME_LINK,
  IBackLink,
  orMessagePage,
  sendPage
} from './render';

/**
 * What the admin page and the server forms need.
 */
export interface IAdminPagesDeps {
  users: UserService;
  classes: ClassService;
  registry: ServerRegistry;
  policy: Policy;
  environmentCollector: EnvironmentCollector;
}

const ADMIN_LINK: IBackLink = {
  href: '/hub/admin',
  text: 'Retour à l’administration'
};

/**
 * `GET /hub/admin` (running servers, users, classes, environments: admins only) and
 * the forms that stop and restart servers: `POST /hub/server/stop`,
 * `POST /hub/server/restart` (one's own, from the home page) and
 * `POST /hub/admin/servers/:name/stop`. Forms carry the session's `_xsrf`; no script.
 */
export function adminPagesRouter(deps: IAdminPagesDeps): Router {
  const router = Router();

  router.get('/admin', async (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    if (deps.policy.reach(auth.user, 'users:read') !== 'all') {
      return Private.forbidden(response);
    }
    const [users, classes] = await Promise.all([
      usersSection(deps.users, request.query),
      deps.classes.allWithCounts()
    ]);
    const environments = (await deps.policy.allows(
      auth.user,
      'environments:admin'
    ))
      ? await environmentsSection(
          deps.environmentCollector,
          request.query,
          auth.session.xsrfToken
        )
      : null;
    const xsrf = auth.session.xsrfToken;
    const notice =
      request.query.arrete === '1' &&
      html`<p role="status" class="cdc-notice">Espace arrêté.</p>\n`;
    const classRows = classes.map(
      klass => html`<tr>
<th scope="row">${klass.name}</th>
<td>${klass.level ?? '—'}</td>
<td>${klass.learners}</td>
<td>${klass.teachers}</td>
</tr>`
    );
    const servers = deps.registry.list();
    // Running servers are few (the hub caps them): their users are read one by one.
    const names = new Map(
      await Promise.all(
        servers.map(
          async server =>
            [
              server.userId,
              (await deps.users.get(server.userId))?.name ?? server.userId
            ] as const
        )
      )
    );
    const serverRows = servers.map(server => {
      const name = names.get(server.userId) ?? server.userId;
      const sockets = server.openSockets;
      return html`<tr>
<th scope="row">${name}</th>
<td>${Private.time(server.startedAt)}</td>
<td>${Private.time(server.lastActivityAt)}${sockets ? ` (${sockets} connexion${sockets > 1 ? 's' : ''} ouverte${sockets > 1 ? 's' : ''})` : null}</td>
<td><form method="post" action="/hub/admin/servers/${encodeURIComponent(name)}/stop">
<input type="hidden" name="_xsrf" value="${xsrf}">
<button type="submit" class="cdc-secondary cdc-small" aria-label="Arrêter l’espace de ${name}">Arrêter</button>
</form></td>
</tr>`;
    });
    sendPage(
      response,
      'Administration',
      html`<h1>Administration</h1>
${notice}<p><a href="/hub/home">Retour à l’accueil</a></p>
<h2 id="espaces">Espaces démarrés</h2>
${
  servers.length
    ? html`<table class="cdc-table">
<caption>${servers.length} espace${servers.length > 1 ? 's' : ''} démarré${servers.length > 1 ? 's' : ''}</caption>
<thead><tr><th scope="col">Utilisateur</th><th scope="col">Démarré le</th><th scope="col">Dernière activité</th><th scope="col">Action</th></tr></thead>
<tbody>
${joinHtml(serverRows, '\n')}
</tbody>
</table>`
    : html`<p>Aucun espace n’est démarré.</p>`
}
${users}
<h2 id="classes">Classes</h2>
<table class="cdc-table">
<caption>${classes.length} classe${classes.length > 1 ? 's' : ''}</caption>
<thead><tr><th scope="col">Classe</th><th scope="col">Niveau</th><th scope="col">Élèves</th><th scope="col">Enseignant·es</th></tr></thead>
<tbody>
${joinHtml(classRows, '\n')}
</tbody>
</table>
${environments}`,
      { wide: true }
    );
  });

  router.post('/admin/servers/:name/stop', async (request, response) => {
    const auth = requireFormAuth(request, response, ADMIN_LINK);
    if (!auth) {
      return;
    }
    if (deps.policy.reach(auth.user, 'users:read') !== 'all') {
      return Private.forbidden(response);
    }
    await orMessagePage(response, ADMIN_LINK, async () => {
      await stopServer(deps, auth.user, String(request.params.name));
      response.redirect(303, '/hub/admin?arrete=1');
    });
  });

  router.post('/server/stop', async (request, response) => {
    const auth = requireFormAuth(request, response);
    if (!auth) {
      return;
    }
    await orMessagePage(response, HOME_LINK, async () => {
      await stopServer(deps, auth.user, auth.user.name);
      response.redirect(303, '/hub/home');
    });
  });

  router.post('/server/restart', async (request, response) => {
    const auth = requireFormAuth(request, response);
    if (!auth) {
      return;
    }
    await orMessagePage(response, HOME_LINK, async () => {
      await restartServer(deps, auth.user, auth.user.name);
      response.redirect(
        303,
        `/hub/spawn?next=${encodeURIComponent(`/user/${auth.user.name}/lab`)}`
      );
    });
  });

  return router;
}

namespace Private {
  const FORMAT = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Paris'
  });

  /** A time for people, in France's time zone, in a `<time>` element. */
  export function time(ms: number): SafeHtml {
    const date = new Date(ms);
    return html`<time datetime="${date.toISOString()}">${FORMAT.format(date)}</time>`;
  }

  export function forbidden(response: Response): void {
    forbiddenPage(
      response,
      'Cette page est réservée aux administrateur·rices de la plateforme.'
    );
  }
}
