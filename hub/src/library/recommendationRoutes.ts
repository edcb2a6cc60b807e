/**
 * The library's routes for what recommendations are made of: endorsements, uses, the
 * caller's profile, and the recommendations themselves.
 */
import { RequestHandler, Router } from 'express';
import { z } from 'zod';

import { requireAuth } from '../auth/middleware';
import { HttpError, parseOr400 } from '../http/errors';
import { ILibraryRoutesDeps } from './routeAccess';
import { resourceDetail, resourceSummary } from './views';

/**
 * `/library/resources/:id/endorsements/:kind`, `/library/resources/:id/uses`,
 * `/library/recommendations` and `/library/profile`.
 */
export function libraryRecommendationRoutes(deps: ILibraryRoutesDeps): Router {
  const { library, policy } = deps;
  const router = Router();

  /**
   * Recommend a resource (`peer`) or recommend it for the inspectorate (`inspection`),
   * or withdraw one's recommendation.
   */
  const endorse =
    (on: boolean): RequestHandler<{ id: string; kind: string }> =>
    async (request, response) => {
      const { user } = requireAuth(response);
      const kind = Private.endorsementKind(request.params.kind);
      await policy.require(
        user,
        kind === 'inspection' ? 'library:inspect' : 'library:endorse'
      );
      const resource = await library.endorse(user, request.params.id, kind, on);
      response.json(await resourceDetail(deps, user, resource));
    };
  router.put('/library/resources/:id/endorsements/:kind', endorse(true));
  router.delete('/library/resources/:id/endorsements/:kind', endorse(false));

  /** « Ouvrir une copie », « Donner en devoir »: counted for recommendations. */
  router.post('/library/resources/:id/uses', async (request, response) => {
    const { user } = requireAuth(response);
    policy.requireReach(user, 'library:read');
    const body = parseOr400(Private.useBody, request.body);
    await library.recordUse(user, request.params.id, body.kind);
    response.status(204).end();
  });

  /** Recommendations for the caller, each with why. */
  router.get('/library/recommendations', async (_request, response) => {
    const { user } = requireAuth(response);
    policy.requireReach(user, 'library:read');
    const recommendations = await deps.recommender.recommend(user.id, 10);
    response.json({
      recommendations: recommendations.map(item => ({
        resource: resourceSummary(item.resource),
        reasons: item.reasons
      }))
    });
  });

  /** What the caller teaches (disciplines, levels): the basis of recommendations. */
  router.get('/library/profile', async (_request, response) => {
    const { user } = requireAuth(response);
    policy.requireReach(user, 'library:read');
    response.json(
      (await library.profile(user.id)) ?? { disciplines: [], levels: [] }
    );
  });

  router.put('/library/profile', async (request, response) => {
    const { user } = requireAuth(response);
    policy.requireReach(user, 'library:read');
    const body = parseOr400(Private.profileBody, request.body);
    await library.setProfile(user.id, body);
    response.json((await library.profile(user.id))!);
  });

  return router;
}

namespace Private {
  export const useBody = z
    .object({ kind: z.enum(['open', 'assign']) })
    .strict();

  export const profileBody = z
    .object({
      disciplines: z.array(z.string().max(60)).max(20),
      levels: z.array(z.string().max(60)).max(20)
    })
    .strict();

  export function endorsementKind(text: string): 'peer' | 'inspection' {
    if (text !== 'peer' && text !== 'inspection') {
      throw new HttpError(
        404,
        'not_found',
        'Type de recommandation inconnu (peer ou inspection).'
      );
    }
    return text;
  }
}
