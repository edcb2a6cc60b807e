/**
 * The « Environnements » section of the admin page (built environments, their size and
 * references, a dry run of the garbage collection) and the cleaning form, confirmed
 * on a page of its own. In the reader's language, no script.
 */
import { shortId, type ICollectResult } from '@candyce/environments';
import { Request, Response, Router } from 'express';

import { AuditLog } from '../audit';
import { IHubTranslator } from '../i18n';
import { xsrfField, formText } from '../pages/forms';
import { requireFormAuth } from '../pages/guards';
import { html, joinHtml, SafeHtml } from '../pages/html';
import { timeElement } from '../pages/time';
import {
  forbiddenPage,
  formatBytes,
  IBackLink,
  pageTrans,
  sendPage
} from '../pages/render';
import { Policy } from '../policy';
import { EnvironmentCollector } from './collector';
import { IEnvironmentSummary } from './views';

/** What the section and the form need. */
export interface IEnvironmentPagesDeps {
  environmentCollector: EnvironmentCollector;
  policy: Policy;
  /** Where a collection is recorded. */
  audit: AuditLog;
}

function sectionLink(trans: IHubTranslator): IBackLink {
  return {
    href: '/hub/admin#environnements',
    text: trans.__('Back to administration')
  };
}

/**
 * The section's HTML for the admin page: the table of built environments, the
 * « Simuler le nettoyage » and « Nettoyer » buttons, and what the query asks to show
 * (`simulation=1`: the dry run; `nettoye=<n>&liberes=<bytes>`: what was removed).
 */
export async function environmentsSection(
  trans: IHubTranslator,
  collector: EnvironmentCollector,
  query: Request['query'],
  xsrf: string
): Promise<SafeHtml> {
  const all = await collector.list();
  const built = all.filter(env => env.built);
  const waiting = all.length - built.length;
  const bytes = (n: number) => formatBytes(trans, n);
  const rows = joinHtml(
    built.map(env => Private.row(trans, env)),
    '\n'
  );
  const table = built.length
    ? html`<table class="cdc-table">
<caption>${trans._n('%1 built environment, %2', '%1 built environments, %2', built.length, bytes(built.reduce((sum, env) => sum + env.bytes, 0)))}</caption>
<thead><tr><th scope="col">${trans.__('Environment')}</th><th scope="col">Python</th><th scope="col">${trans.__('Packages')}</th><th scope="col">${trans.__('Size')}</th><th scope="col">${trans.__('References')}</th><th scope="col">${trans.__('Last used')}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : html`<p>${trans.__('No environment is built.')}</p>`;
  const known =
    waiting > 0 &&
    html`<p class="cdc-muted">${trans._n('%1 other environment is known but not built: it will be built when a notebook that asks for it opens.', '%1 other environments are known but not built: each will be built when a notebook that asks for it opens.', waiting)}</p>`;
  let outcome: SafeHtml | null = null;
  if (query.simulation === '1') {
    outcome = Private.simulation(trans, await collector.collect(true));
  } else if (typeof query.nettoye === 'string') {
    outcome = Private.outcome(trans, query);
  }
  return html`<h2 id="environnements">${trans.__('Environments')}</h2>
<p>${trans.__('An environment is kept as long as a library resource or an assignment names it, a notebook used it recently, or it is standard. Cleaning removes the others; they will be rebuilt from their lock file if a notebook asks for them again.')}</p>
${table}
${known}${outcome}
<form method="get" action="/hub/admin#environnements" class="cdc-inline">
<input type="hidden" name="simulation" value="1">
<button type="submit" class="cdc-secondary">${trans.__('Simulate the cleaning')}</button>
</form>
<form method="post" action="/hub/admin/environments/collect" class="cdc-inline">
${xsrfField(xsrf)}
<button type="submit">${trans.__('Clean')}</button>
</form>`;
}

/**
 * `POST /hub/admin/environments/collect`: without `confirme=oui`, the confirmation page
 * (what would be removed); with it, the collection, then back to the admin page.
 */
export function environmentPagesRouter(deps: IEnvironmentPagesDeps): Router {
  const router = Router();

  router.post('/admin/environments/collect', async (request, response) => {
    const trans = pageTrans(response);
    const auth = requireFormAuth(request, response, sectionLink(trans));
    if (!auth) {
      return;
    }
    if (!(await deps.policy.allows(auth.user, 'environments:admin'))) {
      return forbiddenPage(
        response,
        trans.__('This page is for the platform’s administrators only.')
      );
    }
    if (formText(request.body, 'confirme') !== 'oui') {
      const planned = await deps.environmentCollector.collect(true);
      // Nothing to remove: cleaning then only prunes uv's cache, no confirmation.
      if (planned.ids.length) {
        return Private.confirmation(response, planned, auth.session.xsrfToken);
      }
    }
    const done = await deps.environmentCollector.collect(false, {
      actorId: auth.user.id,
      audit: deps.audit
    });
    const cache = done.uvCache
      ? `&cache=${done.uvCache.freedBytes}&partage=${done.uvCache.sharedBytes}`
      : '';
    response.redirect(
      303,
      `/hub/admin?nettoye=${done.ids.length}&liberes=${done.bytes}${cache}#environnements`
    );
  });

  return router;
}

namespace Private {
  /** What a cleaning did, from the query the form redirected to. */
  export function outcome(
    trans: IHubTranslator,
    query: Request['query']
  ): SafeHtml {
    const count = (name: string) => Math.max(0, Number(query[name]) || 0);
    const removed = count('nettoye');
    const freed = formatBytes(trans, count('liberes'));
    const environments = removed
      ? trans._n(
          '%1 environment removed, %2 freed on disk.',
          '%1 environments removed, %2 freed on disk.',
          removed,
          freed
        )
      : trans.__(
          'No environment to remove: all are referenced. %1 freed on disk.',
          freed
        );
    // uv's cache: what pruning freed, and what stays because environments link it.
    const cache =
      typeof query.cache === 'string'
        ? ' ' +
          trans.__(
            'Pruning uv’s download cache freed %1; %2 of what it keeps is shared with the environments (hard links) and is freed only with them.',
            formatBytes(trans, count('cache')),
            formatBytes(trans, count('partage'))
          )
        : '';
    return html`<p role="status" class="cdc-notice">${environments}${cache}</p>`;
  }

  export function row(
    trans: IHubTranslator,
    env: IEnvironmentSummary
  ): SafeHtml {
    const { resources, assignments, recentUses } = env.references;
    const references = [
      env.standard ? trans.__('standard') : '',
      resources ? trans._n('%1 resource', '%1 resources', resources) : '',
      assignments
        ? trans._n('%1 assignment', '%1 assignments', assignments)
        : '',
      recentUses ? trans.__('used recently') : ''
    ].filter(Boolean);
    const lastUse = env.lastUsedAt
      ? timeElement(trans, env.lastUsedAt)
      : trans.__('never');
    return html`<tr>
<th scope="row"><a href="/hub/admin/environnements/${env.id}">${env.name}</a> <small class="cdc-muted"><code>${env.shortId}</code></small></th>
<td>${env.python}</td>
<td>${env.packages}</td>
<td>${formatBytes(trans, env.bytes)}</td>
<td>${references.length ? references.join(', ') : trans._p('references', 'none')}</td>
<td>${lastUse}</td>
</tr>`;
  }

  /** The list of what a collection removes. */
  function removedList(result: ICollectResult): SafeHtml {
    return html`<ul>
${joinHtml(
  result.ids.map(id => html`<li><code>${shortId(id)}</code></li>`),
  '\n'
)}
</ul>`;
  }

  export function simulation(
    trans: IHubTranslator,
    result: ICollectResult
  ): SafeHtml {
    return result.ids.length
      ? html`<div role="status">
<p class="cdc-notice">${trans._n('Simulation: %1 environment would be removed (%2 freed).', 'Simulation: %1 environments would be removed (%2 freed).', result.ids.length, formatBytes(trans, result.bytes))}</p>
${removedList(result)}
</div>`
      : html`<p role="status" class="cdc-notice">${trans.__('Simulation: no environment would be removed, all are referenced.')}</p>`;
  }

  export function confirmation(
    response: Response,
    planned: ICollectResult,
    xsrf: string
  ): void {
    if (!planned.ids.length) {
      return response.redirect(303, '/hub/admin?nettoye=0#environnements');
    }
    const trans = pageTrans(response);
    const back = sectionLink(trans);
    const n = planned.ids.length;
    sendPage(
      response,
      trans.__('Clean the environments'),
      html`<p><a href="${back.href}">${back.text}</a></p>
<h1>${trans._n('Remove %1 environment?', 'Remove %1 environments?', n)}</h1>
<p>${trans.__('No resource, no assignment and no recently opened notebook uses them. %1 will be freed. A notebook that asks for one again will have it rebuilt from its lock file.', formatBytes(trans, planned.bytes))}</p>
${removedList(planned)}
<form method="post" action="/hub/admin/environments/collect">
${xsrfField(xsrf)}
<input type="hidden" name="confirme" value="oui">
<button type="submit">${trans._n('Remove %1 environment', 'Remove %1 environments', n)}</button>
<a class="cdc-button cdc-secondary" href="${back.href}">${trans.__('Cancel')}</a>
</form>`
    );
  }
}
