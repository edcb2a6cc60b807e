import { z } from 'zod';

import { DomainError, trans } from '../errors';
import { IRoute, route } from '../http/declared';
import type { UserService } from '../users/service';
import { EstablishmentAdministration } from './service';

/**
 * What the establishments' routes need.
 */
export interface IEstablishmentRoutesDeps {
  establishments: EstablishmentAdministration;
  users: UserService;
}

/**
 * Establishments and their administrators through the API:
 *
 * - `GET /admin/establishments`: the establishments the caller administers (every one
 *   for a global administrator), with their academies;
 * - `PATCH /admin/establishments/:id`: an establishment's academy;
 * - `GET|POST /admin/administrators`, `DELETE /admin/administrators/:id`: who
 *   administers which establishment or academy. Granting is a global administrator's
 *   action (`administrators:write`), recorded in the audit log.
 */
export function establishmentRoutes(deps: IEstablishmentRoutesDeps): IRoute[] {
  const { establishments } = deps;
  return [
    route({
      method: 'GET',
      path: '/admin/establishments',
      right: 'users:read',
      object: 'reach',
      handle: async ({ user, reach, response }) => {
        const scope =
          reach === 'all' ? null : await establishments.administered(user);
        const list = await establishments.list(
          scope ? scope.establishmentIds : null
        );
        response.json({
          everything: reach === 'all',
          establishments: list
        });
      }
    }),

    route({
      method: 'PATCH',
      path: '/admin/establishments/:id',
      right: 'administrators:write',
      body: Private.academyBody,
      handle: async ({ params, body, response }) => {
        await establishments.setAcademy(params.id, body.academy);
        response.status(204).end();
      }
    }),

    route({
      method: 'GET',
      path: '/admin/administrators',
      right: 'administrators:write',
      handle: async ({ response }) => {
        const grants = await establishments.grants();
        const names = new Map(
          await Promise.all(
            [...new Set(grants.map(grant => grant.userId))].map(
              async id => [id, await deps.users.get(id)] as const
            )
          )
        );
        response.json({
          administrators: grants.map(grant => ({
            id: grant.id,
            user: names.get(grant.userId)?.name ?? null,
            displayName: names.get(grant.userId)?.displayName ?? null,
            establishmentId: grant.establishmentId,
            academy: grant.academy,
            grantedAt: grant.grantedAt
          }))
        });
      }
    }),

    route({
      method: 'POST',
      path: '/admin/administrators',
      right: 'administrators:write',
      body: Private.grantBody,
      handle: async ({ user, body, response }) => {
        const grantee = await deps.users.getByName(body.user);
        if (!grantee) {
          throw new DomainError('unknown_user', trans.__('Unknown user.'));
        }
        const grant = await establishments.grant(user.id, grantee.id, {
          establishmentId: body.establishmentId,
          academy: body.academy
        });
        response.status(201).json({
          id: grant.id,
          user: grantee.name,
          displayName: grantee.displayName,
          establishmentId: grant.establishmentId,
          academy: grant.academy,
          grantedAt: grant.grantedAt
        });
      }
    }),

    route({
      method: 'DELETE',
      path: '/admin/administrators/:id',
      right: 'administrators:write',
      handle: async ({ user, params, response }) => {
        await establishments.revoke(user.id, params.id);
        response.status(204).end();
      }
    })
  ];
}

namespace Private {
  export const academyBody = z
    .object({ academy: z.string().max(200).nullable() })
    .strict();

  export const grantBody = z
    .object({
      user: z.string().min(1).max(64),
      establishmentId: z.string().min(1).max(100).optional(),
      academy: z.string().min(1).max(200).optional()
    })
    .strict()
    .refine(
      body =>
        (body.establishmentId === undefined) !== (body.academy === undefined),
      { message: 'exactly one of establishmentId and academy' }
    );
}
