/**
 * The library's zip routes: a version exported for Binder, a zip imported as a resource
 * or a new version.
 */
import { createHash } from 'crypto';
import { Router } from 'express';
import { z } from 'zod';

import { requireAuth } from '../auth/middleware';
import { HttpError, parseOr400 } from '../http/errors';
import { exportZip, readResourceZip } from './exchange';
import {
  ILibraryRoutesDeps,
  readableOr404,
  reader,
  versionNumber
} from './routeAccess';
import { resourceSummary } from './views';

/**
 * `/library/resources/:id/versions/:version/export.zip` and `/library/import`.
 */
export function libraryExchangeRoutes(deps: ILibraryRoutesDeps): Router {
  const { library, policy } = deps;
  const router = Router();

  /**
   * A version as a Binder-compatible zip: its files, `candyce-resource.json` and, unless
   * it brings its own, the environment files Binder needs and a README.
   */
  router.get(
    '/library/resources/:id/versions/:version/export.zip',
    async (request, response) => {
      reader(deps, response);
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
  );

  /**
   * Import a zip (an export, or a folder with `candyce-resource.json`): a new resource,
   * or with `?resource=<id>` a new version of one's own resource (admins: of any).
   */
  router.post('/library/import', async (request, response) => {
    const { user } = requireAuth(response);
    const query = parseOr400(Private.importQuery, request.query);
    const current = query.resource
      ? await readableOr404(deps, user, query.resource)
      : null;
    if (current) {
      await policy.require(user, 'library:write', {
        userId: current.ownerId ?? ''
      });
    } else {
      await policy.require(user, 'library:publish');
    }
    if (!Buffer.isBuffer(request.body) || !request.body.length) {
      throw new HttpError(
        400,
        'invalid_zip',
        'Envoyez le fichier zip tel quel (en-tête Content-Type: application/zip).'
      );
    }
    const input = readResourceZip(request.body);
    const row = current
      ? await library.publishVersion(user, current.id, input)
      : await library.publish(user, input);
    response.status(201).json(resourceSummary(row));
  });

  return router;
}

namespace Private {
  export const importQuery = z.object({
    resource: z.string().min(1).max(100).optional()
  });

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
