import { z } from 'zod';

import type { EstablishmentAdministration } from '../establishments/service';
import { IRoute, route } from '../http/declared';
import { UserService } from '../users/service';
import { AUDIT_ACTIONS } from './actions';
import { AuditLog } from './service';

/**
 * What the log's API route needs.
 */
export interface IAuditRoutesDeps {
  audit: AuditLog;
  users: UserService;
  establishments: EstablishmentAdministration;
}

/**
 * `GET /admin/audit`: the audit log, newest first, by pages (`cursor`: the `next` of
 * the page before), of one action when asked.
 */
export function auditRoutes(deps: IAuditRoutesDeps): IRoute[] {
  return [
    route({
      method: 'GET',
      path: '/admin/audit',
      right: 'audit:read',
      // An establishment's administrator reads the events about their users only.
      object: 'reach',
      query: Private.query,
      handle: async ({ user, reach, query, response }) => {
        const page = await deps.audit.page({
          ...query,
          establishmentIds:
            reach === 'establishment'
              ? ((await deps.establishments.administered(user))
                  ?.establishmentIds ?? [])
              : undefined
        });
        const names = new Map<string, string | null>();
        const nameOf = async (id: string | null) => {
          if (id === null) {
            return null;
          }
          if (!names.has(id)) {
            names.set(id, (await deps.users.get(id))?.name ?? null);
          }
          return names.get(id)!;
        };
        const events = [];
        for (const event of page.events) {
          events.push({
            at: event.at,
            action: event.action,
            actor: await nameOf(event.actorId),
            target: await nameOf(event.targetId),
            details: event.details
          });
        }
        response.json({ events, next: page.next });
      }
    })
  ];
}

namespace Private {
  export const query = z
    .object({
      action: z.enum(AUDIT_ACTIONS).optional(),
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50)
    })
    .strict();
}
