import { Response } from 'express';
import { Kysely } from 'kysely';
import { z } from 'zod';

import { AuditLog } from '../audit';
import { DomainError, trans } from '../errors';
import { IRoute, route, RouteRequest } from '../http/declared';
import { IDatabase } from '../db/schema';
import { IErasure } from '../lrs/traces';
import { UserService } from '../users/service';
import { TRACE_POLICIES, TracePolicy } from './consent';
import {
  eraseTraces,
  exportTraces,
  IPrivacyServices,
  privacyView
} from './service';

/**
 * The privacy API (`/hub/api/v1`): the caller's consent to optional traces
 * (`/me/privacy`), a class's policy (`/classes/:id/trace-policy`, its teacher), and
 * the export and erasure of traces, one's own (`/me/traces`) or, for administrators,
 * a user's (`/users/:name/traces`, « a parent through the establishment »).
 */
export interface IPrivacyRoutesDeps {
  /** Read when a request comes, never while routes are declared (see `apiRoutes`). */
  privacy: IPrivacyServices;
  users: UserService;
  /** Where an administrator's erasure of someone's traces is written. */
  audit?: AuditLog;
}

export function privacyRoutes(deps: IPrivacyRoutesDeps): IRoute[] {
  const classOf = (request: RouteRequest) => ({ classId: request.params.id });
  const userNamed = async (name: string) => {
    const user = await deps.users.getByName(name);
    if (!user) {
      throw new DomainError('unknown_user', trans.__('Unknown user.'));
    }
    return user;
  };
  return [
    route({
      method: 'GET',
      path: '/me/privacy',
      right: 'signedIn',
      handle: async ({ user, response }) => {
        response.json(await privacyView(deps.privacy, user));
      }
    }),
    route({
      method: 'PUT',
      path: '/me/privacy',
      right: 'signedIn',
      body: Private.choiceBody,
      handle: async ({ user, body, response }) => {
        await deps.privacy.consent.setChoice(user.id, body.optionalTraces);
        response.json(await privacyView(deps.privacy, user));
      }
    }),
    route({
      method: 'GET',
      path: '/classes/:id/trace-policy',
      right: 'classes:read',
      object: classOf,
      handle: async ({ params, response }) => {
        const klass = await deps.privacy.classes.getOr404(params.id);
        response.json(
          await deps.privacy.consent.classPolicy(klass.id, klass.level)
        );
      }
    }),
    route({
      method: 'PUT',
      path: '/classes/:id/trace-policy',
      right: 'classes:write',
      object: classOf,
      body: Private.policyBody,
      handle: async ({ params, body, response }) => {
        const klass = await deps.privacy.classes.getOr404(params.id);
        await deps.privacy.consent.setClassPolicy(klass.id, body.policy);
        response.json(
          await deps.privacy.consent.classPolicy(klass.id, klass.level)
        );
      }
    }),
    route({
      method: 'GET',
      path: '/me/traces',
      right: 'signedIn',
      handle: async ({ user, response }) => {
        Private.download(response, await exportTraces(deps.privacy, user.id));
      }
    }),
    route({
      method: 'DELETE',
      path: '/me/traces',
      right: 'signedIn',
      handle: async ({ user, response }) => {
        response.json(await eraseTraces(deps.privacy, user.id));
      }
    }),
    route({
      method: 'GET',
      path: '/users/:name/traces',
      right: 'traces:manage',
      handle: async ({ params, response }) => {
        const target = await userNamed(params.name);
        Private.download(response, await exportTraces(deps.privacy, target.id));
      }
    }),
    route({
      method: 'DELETE',
      path: '/users/:name/traces',
      right: 'traces:manage',
      handle: async ({ user, params, response }) => {
        const target = await userNamed(params.name);
        response.json(
          await eraseTraces(deps.privacy, target.id, (trx, erased) =>
            Private.recordErasure(deps.audit, trx, user.id, target.id, erased)
          )
        );
      }
    })
  ];
}

namespace Private {
  /** The audit line of an administrator's erasure, in its transaction. */
  export async function recordErasure(
    audit: AuditLog | undefined,
    trx: Kysely<IDatabase>,
    actorId: string,
    targetId: string,
    erased: IErasure
  ): Promise<void> {
    await audit?.on(trx).record({
      actorId,
      action: 'traces.erase',
      targetId,
      details: { erased: { ...erased } }
    });
  }

  export const choiceBody = z.strictObject({ optionalTraces: z.boolean() });

  export const policyBody = z.strictObject({
    policy: z.enum(TRACE_POLICIES as [TracePolicy, ...TracePolicy[]])
  });

  /** A JSON file to save (the export), named by its date only. */
  export function download(response: Response, data: unknown): void {
    const day = new Date().toISOString().slice(0, 10);
    response
      .set(
        'Content-Disposition',
        `attachment; filename="traces-candyce-${day}.json"`
      )
      .json(data);
  }
}
