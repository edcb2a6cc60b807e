import { Router } from 'express';

import { pageRight, requireFormAuth } from '../pages/guards';
import { homeLink, orMessagePage, pageTrans } from '../pages/render';
import type { Policy } from '../policy';
import type { HelpService } from './service';

/** What the help pages need. */
export interface IHelpPagesDeps {
  /** Absent in hubs built without it (some tests): no page. */
  help?: HelpService;
  policy: Policy;
}

/** Where « Rejoindre » of a help request's news is sent (a form, POST). */
export function helpJoinAction(id: string): string {
  return `/hub/aide/${encodeURIComponent(id)}/rejoindre`;
}

/**
 * `POST /aide/:id/rejoindre`: « Rejoindre » of a help request on the hub's pages (the
 * home page's news). Joining changes the request (the teacher becomes its helper), so
 * it is a form with the session's `_xsrf`; the rules are the service's, as for the API's
 * `POST /help-requests/:id/join`: a teacher of the pupil, while the request is open.
 * Then the browser goes to the pupil's notebook; a refusal is a page that says why,
 * and changes nothing.
 */
export function helpPagesRouter(deps: IHelpPagesDeps): Router {
  const router = Router();
  const help = deps.help;
  if (!help) {
    return router;
  }
  router.post(
    '/aide/:id/rejoindre',
    pageRight(deps.policy, 'help:give'),
    async (request, response) => {
      const auth = requireFormAuth(request, response);
      if (!auth) {
        return;
      }
      await orMessagePage(response, homeLink(pageTrans(response)), async () => {
        const joined = await help.join(auth.user, String(request.params.id));
        response.redirect(303, joined.joinUrl);
      });
    }
  );
  return router;
}
