import { Request } from 'express';
import { z } from 'zod';

import { IRoute, route, RouteRequest } from '../http/declared';
import { Policy } from '../policy';
import { ClassCodeService } from './service';

/**
 * What the class codes routes need.
 */
export interface IClassCodeRoutesDeps {
  classCodes: ClassCodeService;
  policy: Policy;
  /** The hub's public URL, if configured (else the request's own origin). */
  publicUrl?: string;
}

/**
 * The hub's origin as users reach it: `publicUrl`, else the request's own.
 */
export function hubOrigin(request: Request, publicUrl?: string): string {
  return publicUrl
    ? publicUrl.replace(/\/+$/, '')
    : `${request.protocol}://${request.get('host')}`;
}

/**
 * The class login page's short URL, `<origin>/c/<key>`: printed on the cards and
 * encoded in their QR code.
 */
export function classShortUrl(
  request: Request,
  key: string,
  publicUrl?: string
): string {
  return `${hubOrigin(request, publicUrl)}/c/${encodeURIComponent(key)}`;
}

/**
 * The class codes API, in the hub API (`/hub/api/v1/classes/:id/codes…`): every route
 * needs `classes:codes` on the class.
 */
export function classCodeRoutes(deps: IClassCodeRoutesDeps): IRoute[] {
  const classOf = (request: RouteRequest) => ({ classId: request.params.id });
  return [
    /** The pupils of a class and the status of their codes (never the codes). */
    route({
      method: 'GET',
      path: '/classes/:id/codes',
      right: 'classes:codes',
      object: classOf,
      handle: async ({ params, response }) => {
        response.json({ pupils: await deps.classCodes.list(params.id) });
      }
    }),

    /** Create pupils' accounts with their codes: the only answer that holds codes. */
    route({
      method: 'POST',
      path: '/classes/:id/codes',
      right: 'classes:codes',
      object: classOf,
      body: Private.createBody,
      handle: async ({ params, body, request, response }) => {
        const classId = params.id;
        const created = await deps.classCodes.createPupils(
          classId,
          body.pupils.map(pupil => pupil.displayName)
        );
        response
          .status(201)
          .set('Cache-Control', 'no-store')
          .json({
            class: { id: created.class.id, name: created.class.name },
            loginUrl: classShortUrl(
              request,
              await deps.classCodes.classKey(classId),
              deps.publicUrl
            ),
            pupils: created.pupils
          });
      }
    }),

    /** A new code for a pupil; the old one stops working. */
    route({
      method: 'POST',
      path: '/classes/:id/codes/:userName',
      right: 'classes:codes',
      object: classOf,
      handle: async ({ params, response }) => {
        const code = await deps.classCodes.regenerate(
          params.id,
          params.userName
        );
        response.set('Cache-Control', 'no-store').json(code);
      }
    }),

    /** Revoke a pupil's code. */
    route({
      method: 'DELETE',
      path: '/classes/:id/codes/:userName',
      right: 'classes:codes',
      object: classOf,
      handle: async ({ params, response }) => {
        await deps.classCodes.revoke(params.id, params.userName);
        response.status(204).end();
      }
    })
  ];
}

namespace Private {
  export const createBody = z
    .object({
      pupils: z
        .array(z.object({ displayName: z.string().min(1).max(100) }).strict())
        .min(1)
        .max(60)
    })
    .strict();
}
