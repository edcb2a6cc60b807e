import { Request, Router } from 'express';
import { z } from 'zod';

import { requireAuth } from '../auth/middleware';
import { parseOr400 } from '../http/errors';
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
 * The class login page's URL, to print on the sheet.
 */
export function classLoginUrl(
  request: Request,
  classId: string,
  publicUrl?: string
): string {
  const origin = publicUrl
    ? publicUrl.replace(/\/+$/, '')
    : `${request.protocol}://${request.get('host')}`;
  return `${origin}/hub/classes/${encodeURIComponent(classId)}/login`;
}

/**
 * The class codes API, mounted in the hub API (`/hub/api/v1/classes/:id/codes…`).
 */
export function classCodesRouter(deps: IClassCodeRoutesDeps): Router {
  const { policy } = deps;
  const router = Router();

  /** The pupils of a class and the status of their codes (never the codes). */
  router.get('/classes/:id/codes', async (request, response) => {
    const { user } = requireAuth(response);
    const classId = request.params.id;
    await policy.require(user, 'classes:codes', { classId });
    response.json({ pupils: await deps.classCodes.list(classId) });
  });

  /** Create pupils' accounts with their codes: the only answer that holds codes. */
  router.post('/classes/:id/codes', async (request, response) => {
    const { user } = requireAuth(response);
    const classId = request.params.id;
    await policy.require(user, 'classes:codes', { classId });
    const body = parseOr400(Private.createBody, request.body);
    const created = await deps.classCodes.createPupils(
      classId,
      body.pupils.map(pupil => pupil.displayName)
    );
    response
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({
        class: { id: created.class.id, name: created.class.name },
        loginUrl: classLoginUrl(request, classId, deps.publicUrl),
        pupils: created.pupils
      });
  });

  /** A new code for a pupil; the old one stops working. */
  router.post('/classes/:id/codes/:userName', async (request, response) => {
    const { user } = requireAuth(response);
    const classId = request.params.id;
    await policy.require(user, 'classes:codes', { classId });
    const code = await deps.classCodes.regenerate(
      classId,
      request.params.userName
    );
    response.set('Cache-Control', 'no-store').json(code);
  });

  /** Revoke a pupil's code. */
  router.delete('/classes/:id/codes/:userName', async (request, response) => {
    const { user } = requireAuth(response);
    const classId = request.params.id;
    await policy.require(user, 'classes:codes', { classId });
    await deps.classCodes.revoke(classId, request.params.userName);
    response.status(204).end();
  });

  return router;
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
