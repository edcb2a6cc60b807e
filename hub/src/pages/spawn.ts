import { Router } from 'express';

import { ServerRegistry } from '../servers/registry';
import { requirePageAuth } from './guards';
import { escapeHtml, page } from './render';

/**
 * The « Démarrage de votre espace » page: starts the user's server and shows its
 * progress, refreshing itself (no script needed), then goes to JupyterLab.
 */
export function spawnRouter(registry: ServerRegistry): Router {
  const router = Router();

  router.get('/spawn', (request, response) => {
    const auth = requirePageAuth(request, response);
    if (!auth) {
      return;
    }
    const ownPrefix = `/user/${auth.user.name}/`;
    const requested =
      typeof request.query.next === 'string' ? request.query.next : '';
    const next =
      requested.startsWith(ownPrefix) && !requested.includes('..')
        ? requested
        : `${ownPrefix}lab`;
    let state = registry.state(auth.user);
    if (
      state.kind === 'stopped' ||
      (state.kind === 'failed' && request.query.retry === '1')
    ) {
      void registry.ensure(auth.user).catch(() => undefined);
      state = registry.state(auth.user);
    }
    if (state.kind === 'running') {
      return response.redirect(303, next);
    }
    if (state.kind === 'failed') {
      return response
        .status(503)
        .type('html')
        .send(
          page(
            'Démarrage impossible',
            `<h1>Votre espace n’a pas pu démarrer</h1>
<p class="cdc-error" role="alert">${escapeHtml(state.message)}</p>
<p><a class="cdc-button" href="/hub/spawn?retry=1&amp;next=${encodeURIComponent(next)}">Réessayer</a></p>`
          )
        );
    }
    const percent = state.kind === 'starting' ? state.progress.percent : 0;
    const message =
      state.kind === 'starting'
        ? state.progress.message
        : 'Préparation de votre espace…';
    response.setHeader(
      'Refresh',
      `1; url=/hub/spawn?next=${encodeURIComponent(next)}`
    );
    response.type('html').send(
      page(
        'Démarrage',
        `<h1>Démarrage de votre espace de travail</h1>
<div role="status" aria-live="polite">
<label for="progression">${escapeHtml(message)}</label>
<progress id="progression" max="100" value="${percent}">${percent} %</progress>
</div>
<p class="cdc-muted">Cette page se met à jour toute seule.</p>`
      )
    );
  });

  return router;
}
