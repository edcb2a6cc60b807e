import { Router } from 'express';

import {
  assignmentsRouter,
  IAssignmentRoutesDeps
} from '../assignments/routes';
import { requireAuth } from '../auth/middleware';
import { classCodesRouter, IClassCodeRoutesDeps } from '../classcodes/routes';
import { classesRouter, IClassRoutesDeps } from '../classes/routes';
import {
  environmentsRouter,
  IEnvironmentRoutesDeps
} from '../environments/routes';
import { ILibraryRoutesDeps, libraryRouter } from '../library/routes';
import { IRosterRoutesDeps, rostersRouter } from '../rosters/routes';
import { IServerRoutesDeps, serversRouter } from '../servers/routes';

/**
 * What the API routes need.
 */
export type IApiDeps = IClassRoutesDeps &
  IAssignmentRoutesDeps &
  IRosterRoutesDeps &
  IClassCodeRoutesDeps &
  IServerRoutesDeps &
  ILibraryRoutesDeps &
  IEnvironmentRoutesDeps;

/**
 * The hub API, `/hub/api/v1`.
 */
export function apiRouter(deps: IApiDeps): Router {
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

  router.use(classesRouter(deps));
  router.use(rostersRouter(deps));
  router.use(classCodesRouter(deps));
  router.use(serversRouter(deps));
  router.use(libraryRouter(deps));
  router.use(assignmentsRouter(deps));
  router.use(environmentsRouter(deps));

  return router;
}
