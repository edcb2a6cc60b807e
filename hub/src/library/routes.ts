/**
 * The library API, `/hub/api/v1/library/…`, gathered from one module per group of
 * resources.
 */
import { Router } from 'express';

import { libraryExchangeRoutes } from './exchangeRoutes';
import { libraryRecommendationRoutes } from './recommendationRoutes';
import { libraryResourceRoutes } from './resourceRoutes';
import { ILibraryRoutesDeps } from './routeAccess';
import { libraryVersionRoutes } from './versionRoutes';

export { libraryBodyParser, libraryCors } from './middleware';
export type { ILibraryRoutesDeps } from './routeAccess';

/**
 * The library API, `/hub/api/v1/library/…`.
 */
export function libraryRouter(deps: ILibraryRoutesDeps): Router {
  const router = Router();
  // Tried in this order, though no two of their paths overlap.
  router.use(
    libraryResourceRoutes(deps),
    libraryVersionRoutes(deps),
    libraryExchangeRoutes(deps),
    libraryRecommendationRoutes(deps)
  );
  return router;
}
