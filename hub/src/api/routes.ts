import { Router } from 'express';

import { assignmentRoutes, IAssignmentRoutesDeps } from '../assignments/routes';
import { classCodeRoutes, IClassCodeRoutesDeps } from '../classcodes/routes';
import { classRoutes, IClassRoutesDeps } from '../classes/routes';
import { dashboardRoutes, IDashboardRoutesDeps } from '../dashboards/routes';
import {
  environmentRoutes,
  IEnvironmentRoutesDeps
} from '../environments/routes';
import { eventRoutes, IEventRoutesDeps } from '../events/routes';
import {
  establishmentRoutes,
  IEstablishmentRoutesDeps
} from '../establishments/routes';
import { groupWorkspaceMe } from '../groups/hubCalls';
import { groupRoutes, IGroupRoutesDeps } from '../groups/routes';
import { helpRoutes, IHelpRoutesDeps } from '../help/routes';
import { IRoute, mountRoutes, route } from '../http/declared';
import { ILibraryRoutesDeps, libraryRoutes } from '../library/routes';
import { readsSchoolMode } from '../classes/schoolMode';
import { IPrivacyRoutesDeps, privacyRoutes } from '../privacy/routes';
import { IRosterRoutesDeps, rosterRoutes } from '../rosters/routes';
import { IServerRoutesDeps, serverRoutes } from '../servers/routes';
import {
  IMeRoutesDeps,
  IUserAdminRoutesDeps,
  meRoutes,
  userAdminRoutes,
  userLocale
} from '../users/routes';
import { auditRoutes, IAuditRoutesDeps } from '../audit/routes';

/**
 * What the API routes need.
 */
export type IApiDeps = IClassRoutesDeps &
  IAssignmentRoutesDeps &
  IRosterRoutesDeps &
  IClassCodeRoutesDeps &
  IServerRoutesDeps &
  ILibraryRoutesDeps &
  IEnvironmentRoutesDeps &
  IMeRoutesDeps &
  IPrivacyRoutesDeps &
  IUserAdminRoutesDeps &
  IAuditRoutesDeps &
  IEstablishmentRoutesDeps &
  IDashboardRoutesDeps &
  IHelpRoutesDeps &
  IEventRoutesDeps &
  IGroupRoutesDeps;

/**
 * Every route of the hub API, `/hub/api/v1`, as declared by its feature (its right,
 * object, body and handler). The rights and OpenAPI tests read this list; building it
 * calls no service.
 */
export function apiRoutes(deps: IApiDeps): IRoute[] {
  return [
    /** Who is calling: what @candyce/core uses to find the hub. */
    route({
      method: 'GET',
      path: '/me',
      right: 'signedIn',
      handle: async ({ user, auth, request, response }) => {
        // On a group workspace's origin the caller is the group's account; the
        // language and the school mode are those of the person in the browser.
        const visitor = auth?.visitor;
        const person = visitor ?? user;
        // A learner of a class in school mode, and a pupil whose account a class code
        // made, get @candyce/school-ui's simple JupyterLab.
        const schoolMode = await readsSchoolMode(
          person,
          deps.classes.schoolMode,
          deps.classCodes
        );
        response.json({
          name: user.name,
          displayName: user.displayName,
          roles: user.roles,
          locale: userLocale(person, request),
          xsrfToken: auth!.session.xsrfToken,
          schoolMode,
          ...(visitor ? await groupWorkspaceMe(deps.groups, user, visitor) : {})
        });
      }
    }),
    ...meRoutes(deps),
    ...userAdminRoutes(deps),
    ...auditRoutes(deps),
    ...establishmentRoutes(deps),
    ...classRoutes(deps),
    ...rosterRoutes(deps),
    ...classCodeRoutes(deps),
    ...serverRoutes(deps),
    ...libraryRoutes(deps),
    ...assignmentRoutes(deps),
    ...environmentRoutes(deps),
    ...privacyRoutes(deps),
    ...dashboardRoutes(deps),
    ...helpRoutes(deps),
    ...eventRoutes(deps),
    ...groupRoutes(deps)
  ];
}

/**
 * The hub API, `/hub/api/v1`: every declared route behind the one check of its
 * declaration (see `mountRoutes`).
 */
export function apiRouter(deps: IApiDeps): Router {
  return mountRoutes(deps.policy, apiRoutes(deps));
}
