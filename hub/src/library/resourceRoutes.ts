/**
 * The library's resource routes: taxonomy, search, publishing, a resource's page and
 * its new versions.
 */
import { z } from 'zod';

import { IRoute, route } from '../http/declared';
import { IResourceFile } from './files';
import { ILibraryRoutesDeps, libraryReader, ownerOf } from './routeAccess';
import { MAX_PER_PAGE } from './service';
import { resourceDetail, resourceSummary } from './views';

/**
 * `/library/taxonomy` and `/library/resources[/:id[/versions]]` (reading and
 * publishing; a version's own routes are in versionRoutes.ts).
 */
export function libraryResourceRoutes(deps: ILibraryRoutesDeps): IRoute[] {
  const { library } = deps;
  const read = libraryReader(deps);
  return [
    /** Disciplines, levels, languages and licences: what forms and facets offer. */
    route({
      method: 'GET',
      path: '/library/taxonomy',
      ...read,
      handle: ({ response }) => {
        response.json(library.taxonomy);
      }
    }),

    /** Search with facets, sort and pages. */
    route({
      method: 'GET',
      path: '/library/resources',
      ...read,
      query: Private.searchQuery,
      handle: async ({ query, response }) => {
        const page = await library.search({
          q: query.q,
          disciplines: Private.list(query.discipline),
          levels: Private.list(query.level),
          licences: Private.list(query.licence),
          languages: Private.list(query.language),
          endorsed: query.endorsed === '1' || query.endorsed === 'true',
          sort: query.sort,
          page: query.page,
          perPage: query.perPage
        });
        response.json({ ...page, results: page.results.map(resourceSummary) });
      }
    }),

    /** Publish a new resource. */
    route({
      method: 'POST',
      path: '/library/resources',
      right: 'library:publish',
      body: Private.publishBody,
      handle: async ({ user, body, response }) => {
        const created = await library.publish(user, {
          metadata: body.metadata,
          files: Private.decodeFiles(body.files)
        });
        response.status(201).json(resourceSummary(created));
      }
    }),

    /** A resource: its current version, versions, endorsements and what the caller may do. */
    route({
      method: 'GET',
      path: '/library/resources/:id',
      ...read,
      load: request => library.getOr404(request.params.id),
      handle: async ({ caller, loaded, response }) => {
        response.json(await resourceDetail(deps, caller, loaded));
      }
    }),

    /** Publish a new version of one's own resource (admins: of any). */
    route({
      method: 'POST',
      path: '/library/resources/:id/versions',
      right: 'library:write',
      object: (request, user) => ownerOf(deps, user, request.params.id),
      load: request => library.getOr404(request.params.id),
      body: Private.publishBody,
      handle: async ({ user, loaded: current, body, response }) => {
        const updated = await library.publishVersion(user, current.id, {
          metadata: body.metadata,
          files: Private.decodeFiles(body.files)
        });
        response.status(201).json(resourceSummary(updated));
      }
    })
  ];
}

namespace Private {
  const values = z.union([
    z.string().max(60),
    z.array(z.string().max(60)).max(20)
  ]);

  export const searchQuery = z.object({
    q: z.string().max(200).optional(),
    discipline: values.optional(),
    level: values.optional(),
    licence: values.optional(),
    language: values.optional(),
    endorsed: z.enum(['0', '1', 'true', 'false']).optional(),
    sort: z.enum(['relevance', 'recent', 'popular', 'title']).optional(),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
    perPage: z.coerce.number().int().min(1).max(MAX_PER_PAGE).optional()
  });

  export function list(value: string | string[] | undefined): string[] {
    return value === undefined ? [] : ([] as string[]).concat(value);
  }

  export const publishBody = z
    .object({
      metadata: z.unknown(),
      files: z
        .array(
          z
            .object({
              path: z.string().max(400),
              content: z
                .string()
                .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 attendu')
            })
            .strict()
        )
        .max(1000)
    })
    .strict();

  export function decodeFiles(
    files: { path: string; content: string }[]
  ): IResourceFile[] {
    return files.map(file => ({
      path: file.path,
      content: Buffer.from(file.content, 'base64')
    }));
  }
}
