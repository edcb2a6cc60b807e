import { Response, Router } from 'express';

import { AuditLog } from '../audit';

import { ClassService } from '../classes/service';
import { EnvironmentCollector } from '../environments/collector';
import { environmentsSection } from '../environments/pages';
import { Policy } from '../policy';
import { ServerRegistry } from '../servers/registry';
import { restartServer, stopServer } from '../servers/routes';
import { UserService } from '../users/service';
import { usersSection } from './adminUsers';
import { adminNav } from './adminUserViews';
import { pageRight, requireFormAuth, requirePageAuth } from './guards';
import { IHubTranslator } from '../i18n';
import { html, joinHtml, SafeHtml } from './html';
import {
  forbiddenPage,
  homeLink,
  IBackLink,
  orMessagePage,
  pageTrans,
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
  /** Where stopping someone's server is recorded. */
  audit: AuditLog;
  /**
   * The group workspaces these accounts run the servers of (the groups module), by
   * account id: a group's server is shown by its workspace's and class's names, never
   * by its account's `groupe-<hex>`.
   */
  groupAccounts: (
    accountIds: readonly string[]
  ) => Promise<ReadonlyMap<string, { name: string; className: string }>>;
}

function adminLink(trans: IHubTranslator): IBackLink {
  return { href: '/hub/admin', text: trans.__('Back to administration') };
}

/**
 * `GET /hub/admin` (running servers, users, classes, environments: admins only) and
 * the forms that stop and restart servers: `POST /hub/server/stop`,
 * `POST /hub/server/restart` (one's own, from the home page) and
 * `POST /hub/admin/servers/:name/stop`. Forms carry the session's `_xsrf`; no script.
 */
export function adminPagesRouter(deps: IAdminPagesDeps): Router {
  const router = Router();

  const administrators = pageRight(deps.policy, 'users:read', {
    reach: 'all',
    refuse: Private.forbidden
  });

  router.get('/admin', administrators, async (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    const trans = pageTrans(response);
    const [users, classes] = await Promise.all([
      usersSection(trans, deps.users, request.query),
      deps.classes.allWithCounts()
    ]);
    const environments = (await deps.policy.allows(
      auth.user,
      'environments:admin'
    ))
      ? await environmentsSection(
          trans,
          deps.environmentCollector,
          request.query,
          auth.session.xsrfToken
        )
      : null;
    const xsrf = auth.session.xsrfToken;
    const notice =
      request.query.arrete === '1' &&
      html`<p role="status" class="cdc-notice">${trans.__('Workspace stopped.')}</p>\n`;
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
    const [names, groups] = await Promise.all([
      Promise.all(
        servers.map(
          async server =>
            [
              server.userId,
              (await deps.users.get(server.userId))?.name ?? server.userId
            ] as const
        )
      ).then(entries => new Map(entries)),
      deps.groupAccounts(servers.map(server => server.userId))
    ]);
    const serverRows = servers.map(server => {
      const name = names.get(server.userId) ?? server.userId;
      const group = groups.get(server.userId);
      const sockets = server.openSockets;
      return html`<tr>
<th scope="row">${group ? trans.__('Group workspace « %1 » (%2)', group.name, group.className) : name}</th>
<td>${Private.time(trans, server.startedAt)}</td>
<td>${Private.time(trans, server.lastActivityAt)}${sockets ? ` (${trans._n('%1 open connection', '%1 open connections', sockets)})` : null}</td>
<td><form method="post" action="/hub/admin/servers/${encodeURIComponent(name)}/stop">
<input type="hidden" name="_xsrf" value="${xsrf}">
<button type="submit" class="cdc-secondary cdc-small" aria-label="${group ? trans.__('Stop the group workspace « %1 » (%2)', group.name, group.className) : trans.__('Stop the workspace of %1', name)}">${trans.__('Stop')}</button>
</form></td>
</tr>`;
    });
    sendPage(
      response,
      trans.__('Administration'),
      html`<h1>${trans.__('Administration')}</h1>
${notice}<p><a href="/hub/home">${trans.__('Back to the home page')}</a></p>
${adminNav(trans)}
<h2 id="espaces">${trans.__('Running workspaces')}</h2>
${
  servers.length
    ? html`<table class="cdc-table">
<caption>${trans._n('%1 running workspace', '%1 running workspaces', servers.length)}</caption>
<thead><tr><th scope="col">${trans.__('User')}</th><th scope="col">${trans.__('Started on')}</th><th scope="col">${trans.__('Last activity')}</th><th scope="col">${trans.__('Action')}</th></tr></thead>
<tbody>
${joinHtml(serverRows, '\n')}
</tbody>
</table>`
    : html`<p>${trans.__('No workspace is running.')}</p>`
}
${users}
<h2 id="classes">${trans.__('Classes')}</h2>
<table class="cdc-table">
<caption>${trans._n('%1 class', '%1 classes', classes.length)}</caption>
<thead><tr><th scope="col">${trans.__('Class')}</th><th scope="col">${trans.__('Level')}</th><th scope="col">${trans.__('Pupils')}</th><th scope="col">${trans.__('Teachers')}</th></tr></thead>
<tbody>
${joinHtml(classRows, '\n')}
</tbody>
</table>
${environments}`,
      { full: true }
    );
  });

  router.post(
    '/admin/servers/:name/stop',
    administrators,
    async (request, response) => {
      const back = adminLink(pageTrans(response));
      const auth = requireFormAuth(request, response, back);
      if (!auth) {
        return;
      }
      await orMessagePage(response, back, async () => {
        const target = await stopServer(
          deps,
          auth.user,
          String(request.params.name)
        );
        await deps.audit.record({
          actorId: auth.user.id,
          action: 'server.stop',
          targetId: target.id
        });
        response.redirect(303, '/hub/admin?arrete=1');
      });
    }
  );

  router.post('/server/stop', async (request, response) => {
    const auth = requireFormAuth(request, response);
    if (!auth) {
      return;
    }
    await orMessagePage(response, homeLink(pageTrans(response)), async () => {
      await stopServer(deps, auth.user, auth.user.name);
      response.redirect(303, '/hub/home');
    });
  });

  router.post('/server/restart', async (request, response) => {
    const auth = requireFormAuth(request, response);
    if (!auth) {
      return;
    }
    await orMessagePage(response, homeLink(pageTrans(response)), async () => {
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
  const FORMATS = {
    fr: new Intl.DateTimeFormat('fr-FR', {
      dateStyle: 'short',
      timeStyle: 'medium',
      timeZone: 'Europe/Paris'
    }),
    en: new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'short',
      timeStyle: 'medium',
      timeZone: 'Europe/Paris'
    })
  };

  /** A time for people, in France's time zone, in a `<time>` element. */
  export function time(trans: IHubTranslator, ms: number): SafeHtml {
    const date = new Date(ms);
    return html`<time datetime="${date.toISOString()}">${FORMATS[trans.language].format(date)}</time>`;
  }

  export function forbidden(response: Response): void {
    const trans = pageTrans(response);
    forbiddenPage(
      response,
      trans.__('This page is for the platform’s administrators only.')
    );
  }
}
