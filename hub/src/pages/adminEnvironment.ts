/**
 * `GET /hub/admin/environnements/:id`: one environment for administrators: its name,
 * size and last use, and what depends on it (library resources, assignments), so that
 * removing or replacing it is decided knowing who it would affect.
 */
import { Router } from 'express';

import { IEnvironmentSummary } from '../environments/views';
import { IHubTranslator } from '../i18n';
import { Policy } from '../policy';
import { adminNav } from './adminUserViews';
import { requirePageAuth } from './guards';
import { html, joinHtml, SafeHtml } from './html';
import {
  forbiddenPage,
  formatBytes,
  messagePage,
  pageTrans,
  sendPage
} from './render';
import { timeElement } from './time';

/** Something that depends on an environment, by its title. */
export interface IDependent {
  id: string;
  title: string;
}

/**
 * What the page needs: the environments as the collector lists them, and who uses one
 * (the library's resources, the assignments), each asked of its own module.
 */
export interface IAdminEnvironmentPageDeps {
  policy: Policy;
  environments: () => Promise<IEnvironmentSummary[]>;
  resourcesUsing: (environmentId: string) => Promise<IDependent[]>;
  assignmentsUsing: (environmentId: string) => Promise<IDependent[]>;
}

/** The page of an environment. */
export function environmentPath(id: string): string {
  return `/hub/admin/environnements/${encodeURIComponent(id)}`;
}

/**
 * The router of the page.
 */
export function adminEnvironmentPageRouter(
  deps: IAdminEnvironmentPageDeps
): Router {
  const router = Router();

  router.get('/admin/environnements/:id', async (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    const trans = pageTrans(response);
    if (!(await deps.policy.allows(auth.user, 'environments:admin'))) {
      return forbiddenPage(
        response,
        trans.__('This page is for the platform’s administrators only.')
      );
    }
    const id = String(request.params.id);
    const env = (await deps.environments()).find(each => each.id === id);
    if (!env) {
      return messagePage(
        response,
        404,
        trans.__('Unknown environment'),
        trans.__('The hub knows no environment with this identifier.'),
        {
          href: '/hub/admin#environnements',
          text: trans.__('Back to administration')
        }
      );
    }
    const [resources, assignments] = await Promise.all([
      deps.resourcesUsing(id),
      deps.assignmentsUsing(id)
    ]);
    sendPage(
      response,
      env.name,
      Private.body(trans, env, resources, assignments),
      { full: true }
    );
  });

  return router;
}

namespace Private {
  function list(items: IDependent[], none: string): SafeHtml {
    return items.length
      ? html`<ul>
${joinHtml(
  items.map(item => html`<li>${item.title}</li>`),
  '\n'
)}
</ul>`
      : html`<p>${none}</p>`;
  }

  export function body(
    trans: IHubTranslator,
    env: IEnvironmentSummary,
    resources: IDependent[],
    assignments: IDependent[]
  ): SafeHtml {
    return html`${adminNav(trans)}
<p><a href="/hub/admin#environnements">${trans.__('Back to the environments')}</a></p>
<h1>${env.name}</h1>
<dl class="cdc-facts">
<dt>${trans.__('Identifier')}</dt><dd><code>${env.shortId}</code></dd>
<dt>${trans.__('Python')}</dt><dd>${env.python}</dd>
<dt>${trans.__('Packages')}</dt><dd>${env.packages}</dd>
<dt>${trans.__('Size')}</dt><dd>${env.built ? formatBytes(trans, env.bytes) : trans.__('not built')}</dd>
<dt>${trans.__('Last use')}</dt><dd>${env.lastUsedAt ? timeElement(trans, env.lastUsedAt) : trans.__('never')}</dd>
<dt>${trans.__('Standard')}</dt><dd>${env.standard ? trans.__('yes: never removed') : trans.__('no')}</dd>
</dl>
<h2>${trans._n('%1 library resource uses it', '%1 library resources use it', resources.length)}</h2>
${list(resources, trans.__('No library resource uses it.'))}
<h2>${trans._n('%1 assignment uses it', '%1 assignments use it', assignments.length)}</h2>
${list(assignments, trans.__('No assignment uses it.'))}`;
  }
}
