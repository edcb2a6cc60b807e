import { Router } from 'express';

import { ServerRegistry } from '../servers/registry';
import { requirePageAuth } from './guards';
import { html } from './html';
import { pageTrans, sendPage } from './render';

/**
 * How long a refresh of the progress page waits for the server before answering with
 * the progress so far.
 */
const HOLD_MS = 3_000;

/**
 * The « Démarrage de votre espace » page: starts the user's server and shows its
 * progress, refreshing itself (no script needed), then goes to JupyterLab.
 *
 * The first answer comes at once; each refresh (`wait=1`) is held until the server runs
 * or `HOLD_MS` pass, so JupyterLab opens the moment it is ready rather than at the next
 * tick of a timer, and the page reloads every few seconds, not every second.
 */
export function spawnRouter(
  registry: ServerRegistry,
  holdMs = HOLD_MS
): Router {
  const router = Router();

  router.get('/spawn', async (request, response) => {
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
    } else if (state.kind === 'starting' && request.query.wait === '1') {
      await untilStartedOr(registry.ensure(auth.user), holdMs);
      state = registry.state(auth.user);
    }
    if (state.kind === 'running') {
      return response.redirect(303, next);
    }
    const trans = pageTrans(response);
    // A pupil on her way to school mode (a class code's login sends her there) is
    // told « tu », as on her card and in her JupyterLab.
    const school = Private.asksSchoolMode(next);
    if (state.kind === 'failed') {
      return sendPage(
        response,
        trans.__('Could not start'),
        html`<h1>${school ? trans._p('school', 'Your workspace could not start') : trans.__('Your workspace could not start')}</h1>
<p class="cdc-error" role="alert">${state.message}</p>
<p><a class="cdc-button" href="/hub/spawn?retry=1&amp;next=${encodeURIComponent(next)}">${trans.__('Try again')}</a></p>`,
        { status: 503 }
      );
    }
    const percent = state.kind === 'starting' ? state.progress.percent : 0;
    // The spawner's progress messages are French with « vous »: a pupil on her way to
    // school mode reads a sentence of her own, the bar showing how far it is.
    const message = school
      ? trans._p('school', 'Preparing your workspace…')
      : state.kind === 'starting'
        ? state.progress.message
        : trans.__('Preparing your workspace…');
    response.setHeader(
      'Refresh',
      `0; url=/hub/spawn?wait=1&next=${encodeURIComponent(next)}`
    );
    sendPage(
      response,
      trans.__('Starting'),
      html`<h1>${school ? trans._p('school', 'Starting your workspace') : trans.__('Starting your workspace')}</h1>
<div role="status" aria-live="polite">
<label for="progression">${message}</label>
<progress id="progression" max="100" value="${percent}">${percent} %</progress>
</div>
<p class="cdc-muted">${trans.__('This page updates itself.')}</p>`
    );
  });

  return router;
}

/**
 * Resolves when the start settles (either way) or after `ms`, whichever comes first.
 */
function untilStartedOr(start: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    start.then(
      () => undefined,
      () => undefined
    ),
    new Promise<void>(resolve => {
      timer = setTimeout(resolve, ms);
    })
  ]).finally(() => clearTimeout(timer));
}

namespace Private {
  /** Whether JupyterLab's address asks for school mode (`?mode=ecole`). */
  export function asksSchoolMode(next: string): boolean {
    return (
      new URL(next, 'http://hub.invalid').searchParams.get('mode') === 'ecole'
    );
  }
}
