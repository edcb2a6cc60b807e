import { Router } from 'express';

import { requireAuth } from '../auth/middleware';

/**
 * The hub API, `/hub/api/v1`.
 */
export function apiRouter(): Router {
  const router = Router();

  /**
   * Who is calling: what @candyce/core uses to find the hub.
   */
  router.get('/me', (_request, response) => {
    const { user, session } = requireAuth(response);
    response.json({
      name: user.name,
      displayName: user.displayName,
      roles: user.roles,
      locale: 'fr_FR',
      xsrfToken: session.xsrfToken
    });
  });

  return router;
}
