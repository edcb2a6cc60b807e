/**
 * The library's routes for what recommendations are made of: endorsements, uses, the
 * caller's profile, and the recommendations themselves.
 */
import { z } from 'zod';

import { IRoute, route } from '../http/declared';
import { DomainError, trans, translateMessage } from '../errors';
import { requestLanguage, translator } from '../i18n';
import { ILibraryRoutesDeps } from './routeAccess';
import { resourceDetail, resourceSummary } from './views';

/**
 * `/library/resources/:id/endorsements/:kind`, `/library/resources/:id/uses`,
 * `/library/recommendations` and `/library/profile`.
 */
export function libraryRecommendationRoutes(
  deps: ILibraryRoutesDeps
): IRoute[] {
  const { library } = deps;
  const reader = { right: 'library:read', object: 'reach' } as const;

  /**
   * Recommend a resource (`peer`) or recommend it for the inspectorate (`inspection`),
   * or withdraw one's recommendation: the right depends on the kind (an unknown kind
   * is a 404).
   */
  const endorse = (method: 'PUT' | 'DELETE', on: boolean) =>
    route({
      method,
      path: '/library/resources/:id/endorsements/:kind',
      right: request =>
        Private.endorsementKind(request.params.kind) === 'inspection'
          ? 'library:inspect'
          : 'library:endorse',
      handle: async ({ user, params, response }) => {
        const kind = Private.endorsementKind(params.kind);
        const resource = await library.endorse(user, params.id, kind, on);
        response.json(await resourceDetail(deps, user, resource));
      }
    });

  return [
    endorse('PUT', true),
    endorse('DELETE', false),

    /** « Ouvrir une copie », « Donner en devoir »: counted for recommendations. */
    route({
      method: 'POST',
      path: '/library/resources/:id/uses',
      ...reader,
      body: Private.useBody,
      handle: async ({ user, params, body, response }) => {
        await library.recordUse(user, params.id, body.kind);
        response.status(204).end();
      }
    }),

    /**
     * Recommendations for the caller, each with why, in their language; the visit is
     * recorded (what is new is new since the previous one).
     */
    route({
      method: 'GET',
      path: '/library/recommendations',
      ...reader,
      handle: async ({ user, request, response }) => {
        const since = await library.visit(user.id);
        const recommendations = await deps.recommender.recommend(
          user.id,
          10,
          since
        );
        const translate = translator(user.language ?? requestLanguage(request));
        response.json({
          recommendations: recommendations.map(item => ({
            resource: resourceSummary(item.resource),
            reasons: item.reasons.map(reason =>
              translateMessage(reason, translate)
            )
          }))
        });
      }
    }),

    /**
     * What the caller teaches (disciplines, levels) as recommendations read it: the
     * profile they saved, else the levels of their classes.
     */
    route({
      method: 'GET',
      path: '/library/profile',
      ...reader,
      handle: async ({ user, response }) => {
        response.json(await deps.recommender.profileOf(user.id));
      }
    }),

    route({
      method: 'PUT',
      path: '/library/profile',
      ...reader,
      body: Private.profileBody,
      handle: async ({ user, body, response }) => {
        await library.setProfile(user.id, body);
        response.json(await deps.recommender.profileOf(user.id));
      }
    })
  ];
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
      throw new DomainError(
        'not_found',
        trans.__('Unknown kind of recommendation (peer or inspection).')
      );
    }
    return text;
  }
}
