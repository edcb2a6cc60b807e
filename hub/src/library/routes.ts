/**
 * The library API, `/hub/api/v1/library/…`, gathered from one module per group of
 * resources.
 */
import { IRoute } from '../http/declared';
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
export function libraryRoutes(deps: ILibraryRoutesDeps): IRoute[] {
  return [
    ...libraryResourceRoutes(deps),
    ...libraryVersionRoutes(deps),
    ...libraryExchangeRoutes(deps),
    ...libraryRecommendationRoutes(deps)
  ];
}
