/**
 * The library's zip routes: a version exported for Binder, a zip imported as a resource
 * or a new version.
 */
import { createHash } from 'crypto';
import { z } from 'zod';

import { IRoute, route, RouteRequest } from '../http/declared';
import { DomainError, trans } from '../errors';
import { parseOr400 } from '../http/errors';
import { exportZip, readResourceZip } from './exchange';
import {
  ILibraryRoutesDeps,
  libraryReader,
  ownerOf,
  versionNumber
} from './routeAccess';
import { resourceSummary } from './views';

/**
 * `/library/resources/:id/versions/:version/export.zip` and `/library/import`.
 */
export function libraryExchangeRoutes(deps: ILibraryRoutesDeps): IRoute[] {
  const { library } = deps;
  return [
    /**
     * A version as a Binder-compatible zip: its files, `candyce-resource.json` and, unless
     * it brings its own, the environment files Binder needs and a README.
     */
    route({
      method: 'GET',
      path: '/library/resources/:id/versions/:version/export.zip',
      ...libraryReader(deps),
      handle: async ({ request, response }) => {
        const version = versionNumber(request.params.version);
        const { metadata, files } = await library.versionContents(
          request.params.id,
          version
        );
        const licence = library.taxonomy.licences.find(
          entry => entry.id === metadata.licence
        );
        const zip = exportZip(
          {
            id: request.params.id,
            version,
            metadata,
            files,
            licence: {
              label: licence?.label ?? metadata.licence,
              url: licence?.url
            }
          },
          deps.baseEnvironment ?? { runtime: null, requirements: {} }
        );
        response
          .status(200)
          .set({
            'Content-Type': 'application/zip',
            'Content-Disposition': `attachment; filename="${Private.zipName(metadata.title, version)}"`,
            'Content-Security-Policy': "sandbox; default-src 'none'",
            'Cache-Control': 'private, no-cache',
            ETag: `"${createHash('sha256').update(zip).digest('hex')}"`
          })
          .end(zip);
      }
    }),

    /**
     * Import a zip (an export, or a folder with `candyce-resource.json`): a new resource,
     * or with `?resource=<id>` a new version of one's own resource (admins: of any).
     */
    route({
      method: 'POST',
      path: '/library/import',
      // A new version of a resource (`?resource=`) is its owner's; a new resource, any
      // author's. A bad query is a 400 before any right is asked.
      right: request =>
        Private.importQuery(request).resource
          ? 'library:write'
          : 'library:publish',
      object: async (request, user) => {
        const { resource } = Private.importQuery(request);
        return resource ? ownerOf(deps, user, resource) : {};
      },
      handle: async ({ user, request, response }) => {
        const { resource } = Private.importQuery(request);
        const current = resource ? await library.getOr404(resource) : null;
        if (!Buffer.isBuffer(request.body) || !request.body.length) {
          throw new DomainError(
            'invalid_zip',
            trans.__(
              'Send the zip file as it is (header Content-Type: application/zip).'
            )
          );
        }
        const input = readResourceZip(request.body);
        const row = current
          ? await library.publishVersion(user, current.id, input)
          : await library.publish(user, input);
        response.status(201).json(resourceSummary(row));
      }
    })
  ];
}

namespace Private {
  const importQuerySchema = z.object({
    resource: z.string().min(1).max(100).optional()
  });

  /** The query of an import: `?resource=<id>` for a new version. */
  export function importQuery(request: RouteRequest): { resource?: string } {
    return parseOr400(importQuerySchema, request.query);
  }

  /** `equations-du-premier-degre-v2.zip`. */
  export function zipName(title: string, version: number): string {
    const slug = title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
    return `${slug || 'ressource'}-v${version}.zip`;
  }
}
