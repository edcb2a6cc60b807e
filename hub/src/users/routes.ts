import { z } from 'zod';

import { IRoute, route, RouteRequest } from '../http/declared';
import { jupyterLabLocale, LANGUAGES, requestLanguage } from '../i18n';
import { IUser, UserService } from './service';

/**
 * What the caller's own routes need.
 */
export interface IMeRoutesDeps {
  users: UserService;
}

/**
 * The caller's own account: the language they chose (`GET /me`, which says who they
 * are, is declared with the API's other routes in `api/routes.ts`).
 */
export function meRoutes(deps: IMeRoutesDeps): IRoute[] {
  return [
    route({
      method: 'PATCH',
      path: '/me',
      right: 'signedIn',
      body: Private.meUpdate,
      handle: async ({ user, body, response }) => {
        await deps.users.setLanguage(user.id, body.language);
        response.json({ locale: jupyterLabLocale(body.language) });
      }
    })
  ];
}

/**
 * The caller's language under JupyterLab's name (`fr_FR` or `en`): the one they chose,
 * else the request's (`Accept-Language`, French by default).
 */
export function userLocale(user: IUser, request: RouteRequest): 'fr_FR' | 'en' {
  return jupyterLabLocale(user.language ?? requestLanguage(request));
}

namespace Private {
  /** What a caller may change of their account: their language, nothing else. */
  export const meUpdate = z.strictObject({ language: z.enum(LANGUAGES) });
}
