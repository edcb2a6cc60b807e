/**
 * The « Environnements » section of the admin page (built environments, their size and
 * references, a dry run of the garbage collection) and the cleaning form, confirmed
 * on a page of its own. French, no script.
 */
import { shortId, type ICollectResult } from '@candyce/environments';
import { Request, Response, Router } from 'express';

import { xsrfField, formText } from '../pages/forms';
import { requireFormAuth } from '../pages/guards';
import { html, joinHtml, SafeHtml } from '../pages/html';
import {
  forbiddenPage,
  frenchBytes,
  IBackLink,
  plural,
  sendPage
} from '../pages/render';
import { Policy } from '../policy';
import { EnvironmentCollector } from './collector';
import { IEnvironmentSummary } from './views';

/** What the section and the form need. */
export interface IEnvironmentPagesDeps {
  environmentCollector: EnvironmentCollector;
  policy: Policy;
}

const SECTION_LINK: IBackLink = {
  href: '/hub/admin#environnements',
  text: 'Retour à l’administration'
};

/**
 * The section's HTML for the admin page: the table of built environments, the
 * « Simuler le nettoyage » and « Nettoyer » buttons, and what the query asks to show
 * (`simulation=1`: the dry run; `nettoye=<n>&liberes=<bytes>`: what was removed).
 */
export async function environmentsSection(
  collector: EnvironmentCollector,
  query: Request['query'],
  xsrf: string
): Promise<SafeHtml> {
  const all = await collector.list();
  const built = all.filter(env => env.built);
  const waiting = all.length - built.length;
  const rows = joinHtml(built.map(Private.row), '\n');
  const table = built.length
    ? html`<table class="cdc-table">
<caption>${plural(built.length, 'environnement construit', 'environnements construits')}, ${frenchBytes(built.reduce((sum, env) => sum + env.bytes, 0))}</caption>
<thead><tr><th scope="col">Environnement</th><th scope="col">Python</th><th scope="col">Paquets</th><th scope="col">Taille</th><th scope="col">Références</th><th scope="col">Dernière utilisation</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : html`<p>Aucun environnement n’est construit.</p>`;
  const known =
    waiting > 0 &&
    html`<p class="cdc-muted">${plural(waiting, 'autre environnement est connu', 'autres environnements sont connus')} sans être construit : il sera construit à l’ouverture d’un notebook qui le demande.</p>`;
  let outcome: SafeHtml | null = null;
  if (query.simulation === '1') {
    outcome = Private.simulation(await collector.collect(true));
  } else if (typeof query.nettoye === 'string') {
    const removed = Number(query.nettoye) || 0;
    outcome = html`<p role="status" class="cdc-notice">${removed ? `${plural(removed, 'environnement supprimé', 'environnements supprimés')} (${frenchBytes(Number(query.liberes) || 0)} libérés).` : 'Aucun environnement à supprimer : tous sont référencés.'}</p>`;
  }
  return html`<h2 id="environnements">Environnements</h2>
<p>Un environnement est gardé tant qu’une ressource de la bibliothèque ou un devoir le désigne, qu’un notebook l’a utilisé récemment, ou qu’il est standard. Le nettoyage supprime les autres ; ils seront reconstruits à partir de leur verrou si un notebook les redemande.</p>
${table}
${known}${outcome}
<form method="get" action="/hub/admin#environnements" class="cdc-inline">
<input type="hidden" name="simulation" value="1">
<button type="submit" class="cdc-secondary">Simuler le nettoyage</button>
</form>
<form method="post" action="/hub/admin/environments/collect" class="cdc-inline">
${xsrfField(xsrf)}
<button type="submit">Nettoyer</button>
</form>`;
}

/**
 * `POST /hub/admin/environments/collect`: without `confirme=oui`, the confirmation page
 * (what would be removed); with it, the collection, then back to the admin page.
 */
export function environmentPagesRouter(deps: IEnvironmentPagesDeps): Router {
  const router = Router();

  router.post('/admin/environments/collect', async (request, response) => {
    const auth = requireFormAuth(request, response, SECTION_LINK);
    if (!auth) {
      return;
    }
    if (!(await deps.policy.allows(auth.user, 'environments:admin'))) {
      return forbiddenPage(
        response,
        'Cette page est réservée aux administrateur·rices de la plateforme.'
      );
    }
    if (formText(request.body, 'confirme') !== 'oui') {
      const planned = await deps.environmentCollector.collect(true);
      return Private.confirmation(response, planned, auth.session.xsrfToken);
    }
    const done = await deps.environmentCollector.collect(false);
    response.redirect(
      303,
      `/hub/admin?nettoye=${done.ids.length}&liberes=${done.bytes}#environnements`
    );
  });

  return router;
}

namespace Private {
  const FORMAT = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris'
  });

  export function row(env: IEnvironmentSummary): SafeHtml {
    const { resources, assignments, recentUses } = env.references;
    const references = [
      env.standard ? 'standard' : '',
      resources ? plural(resources, 'ressource', 'ressources') : '',
      assignments ? plural(assignments, 'devoir', 'devoirs') : '',
      recentUses ? 'utilisé récemment' : ''
    ].filter(Boolean);
    const lastUse = env.lastUsedAt
      ? html`<time datetime="${env.lastUsedAt}">${FORMAT.format(new Date(env.lastUsedAt))}</time>`
      : 'jamais';
    return html`<tr>
<th scope="row"><code>${env.shortId}</code></th>
<td>${env.python}</td>
<td>${env.packages}</td>
<td>${frenchBytes(env.bytes)}</td>
<td>${references.length ? references.join(', ') : 'aucune'}</td>
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

  export function simulation(result: ICollectResult): SafeHtml {
    return result.ids.length
      ? html`<div role="status">
<p class="cdc-notice">Simulation : ${plural(result.ids.length, 'environnement serait supprimé', 'environnements seraient supprimés')} (${frenchBytes(result.bytes)} libérés).</p>
${removedList(result)}
</div>`
      : html`<p role="status" class="cdc-notice">Simulation : aucun environnement ne serait supprimé, tous sont référencés.</p>`;
  }

  export function confirmation(
    response: Response,
    planned: ICollectResult,
    xsrf: string
  ): void {
    if (!planned.ids.length) {
      return response.redirect(303, '/hub/admin?nettoye=0#environnements');
    }
    const count = plural(planned.ids.length, 'environnement', 'environnements');
    sendPage(
      response,
      'Nettoyer les environnements',
      html`<p><a href="${SECTION_LINK.href}">${SECTION_LINK.text}</a></p>
<h1>Supprimer ${count} ?</h1>
<p>Aucune ressource, aucun devoir ni aucun notebook ouvert récemment ne les utilise. ${frenchBytes(planned.bytes)} seront libérés. Un notebook qui en redemande un le fera reconstruire à partir de son verrou.</p>
${removedList(planned)}
<form method="post" action="/hub/admin/environments/collect">
${xsrfField(xsrf)}
<input type="hidden" name="confirme" value="oui">
<button type="submit">Supprimer ${count}</button>
<a class="cdc-button cdc-secondary" href="${SECTION_LINK.href}">Annuler</a>
</form>`
    );
  }
}
