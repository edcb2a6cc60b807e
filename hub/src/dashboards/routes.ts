import { z } from 'zod';

import { IRoute, route, RouteRequest } from '../http/declared';
import { Policy } from '../policy';
import { classDashboard } from './classDashboard';
import type { IAdministeredScope } from '../establishments/scope';
import { IUser } from '../users/service';
import { IDashboardDeps } from './deps';
import { establishmentDashboard } from './establishment';
import { EstablishmentAccess } from './establishmentAccess';
import { myDashboard } from './me';
import { parsePeriod } from './period';
import { DashboardPreferences } from './preferences';
import { programmeDashboard } from './programme';

/**
 * The dashboards' services, as the routes get them.
 */
export interface IDashboardServices {
  reads: IDashboardDeps;
  preferences: DashboardPreferences;
  /** The establishments a user administers (`establishments/scope.ts`). */
  administered: (user: IUser) => Promise<IAdministeredScope | null>;
}

export interface IDashboardRoutesDeps {
  dashboards?: IDashboardServices;
  policy: Policy;
}

/**
 * The dashboards API: one's own (`/dashboards/me`), a class's for its teachers
 * (`/dashboards/classes/:id`, right `dashboards:class`, optionally one of its group
 * workspaces), the programme's
 * (`/dashboards/programme`, right `dashboards:programme`), an establishment's
 * (`/dashboards/establishments/:id`, right `dashboards:establishment`: administrators
 * and inspectors, and the establishment's or its academy's administrators by grant;
 * `/dashboards/establishments` lists those within the caller's reach), and one's
 * choices (`/me/dashboard-preferences`). Periods are checked by `parsePeriod` (400
 * `invalid_period`).
 */
export function dashboardRoutes(deps: IDashboardRoutesDeps): IRoute[] {
  const services = () => deps.dashboards!;
  const now = () => services().reads.clock();
  const establishments = () =>
    new EstablishmentAccess(services().reads, services().administered);
  return [
    route({
      method: 'GET',
      path: '/dashboards/me',
      right: 'signedIn',
      query: Private.periodQuery,
      handle: async ({ user, query, response }) => {
        const period = parsePeriod(query, now());
        response.json(await myDashboard(services().reads, user, period));
      }
    }),
    route({
      method: 'GET',
      path: '/dashboards/classes/:id',
      right: 'dashboards:class',
      object: (request: RouteRequest) => ({ classId: request.params.id }),
      query: Private.classQuery,
      handle: async ({ user, params, query, response }) => {
        const period = parsePeriod(query, now());
        response.json(
          await classDashboard(
            services().reads,
            params.id,
            period,
            query.assignment ?? null,
            { groupId: query.group ?? null, caller: user }
          )
        );
      }
    }),
    route({
      method: 'GET',
      path: '/dashboards/programme',
      right: 'dashboards:programme',
      query: Private.periodQuery,
      handle: async ({ query, response }) => {
        const period = parsePeriod(query, now());
        response.json(await programmeDashboard(services().reads, period));
      }
    }),
    route({
      method: 'GET',
      path: '/dashboards/establishments',
      // Everyone may ask; those who administer nothing get an empty list, so that
      // JupyterLab learns whether to offer the dashboard without a refused call.
      right: 'signedIn',
      handle: async ({ user, response }) => {
        const reach = await deps.policy.scopedReach(
          user,
          'dashboards:establishment'
        );
        const list = reach ? await establishments().list(user, reach) : [];
        response.json({
          establishments: list.map(one => ({ id: one.id, name: one.name }))
        });
      }
    }),
    route({
      method: 'GET',
      path: '/dashboards/establishments/:id',
      right: 'dashboards:establishment',
      object: (request: RouteRequest) => ({
        establishmentId: request.params.id
      }),
      query: Private.periodQuery,
      handle: async ({ params, query, response }) => {
        const establishment = await establishments().one(params.id);
        const period = parsePeriod(query, now());
        response.json(
          await establishmentDashboard(services().reads, establishment, period)
        );
      }
    }),
    route({
      method: 'GET',
      path: '/me/dashboard-preferences',
      right: 'signedIn',
      handle: async ({ user, response }) => {
        response.json(await services().preferences.get(user.id));
      }
    }),
    route({
      method: 'PUT',
      path: '/me/dashboard-preferences',
      right: 'signedIn',
      handle: async ({ user, request, response }) => {
        const saved = await services().preferences.set(
          user.id,
          request.body,
          async classId =>
            (await services().reads.classes.get(classId)) !== null &&
            deps.policy.allows(user, 'dashboards:class', { classId }),
          async establishmentId =>
            (await deps.policy.allows(user, 'dashboards:establishment', {
              establishmentId
            })) &&
            (await services().reads.classes.getEstablishment(
              establishmentId
            )) !== null,
          async (classId, groupId) =>
            ((await services().reads.groupsOf?.(classId, user)) ?? []).some(
              group => group.id === groupId
            )
        );
        response.json(saved);
      }
    })
  ];
}

namespace Private {
  const dayText = z.string().max(40).optional();

  export const periodQuery = z.strictObject({ from: dayText, to: dayText });

  export const classQuery = z.strictObject({
    from: dayText,
    to: dayText,
    assignment: z.string().min(1).max(100).optional(),
    group: z.string().min(1).max(100).optional()
  });
}
