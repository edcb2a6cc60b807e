import { createHash } from 'crypto';
import express, { RequestHandler, Response, Router } from 'express';
import { z } from 'zod';

import { IAuthContext, requireAuth } from '../auth/middleware';
import { HttpError, parseOr400 } from '../http/errors';
import { Policy } from '../policy';
import { IUser, UserService } from '../users/service';
import { exportZip, IBaseEnvironment, readResourceZip } from './exchange';
import { IResourceFile } from './files';
import { Recommender } from './recommend';
import { LibraryService, MAX_PER_PAGE } from './service';
import { IResourceRow } from './store';

/**
 * What the library routes need.
 */
export interface ILibraryRoutesDeps {
  library: LibraryService;
  recommender: Recommender;
  users: UserService;
  policy: Policy;
  /**
   * Whether callers without a session may read the library (`libraryPublic`): the
   * taxonomy, search, resources, versions, files and exports, without anyone's name.
   */
  libraryPublic?: boolean;
  /** The platform's base environment, for the Binder files of exports. */
  baseEnvironment?: IBaseEnvironment;
}

/** A zip to import: the limits of publishing, plus what a zip adds around them. */
const ZIP_BODY_LIMIT = '55mb';

/**
 * The routes a public library answers to callers without a session, under
 * `/hub/api/v1/library`.
 */
const PUBLIC_PATHS =
  /^\/(taxonomy|resources(\/[^/]+(\/versions\/[^/]+(\/files\/.+|\/export\.zip)?)?)?)$/;

/**
 * The body parser of publishing routes: a resource travels as JSON with base64 files
 * (50 MB of files at most), or as a zip to import. Bodies of callers without a session
 * are not even read.
 */
export function libraryBodyParser(): RequestHandler {
  const json = express.json({ limit: '70mb' });
  const zip = express.raw({ type: 'application/zip', limit: ZIP_BODY_LIMIT });
  return (request, response, next) =>
    (response.locals.auth as IAuthContext | null)
      ? json(request, response, error =>
          error ? next(error) : zip(request, response, next)
        )
      : next();
}

/**
 * CORS for a public library (`libraryPublic`): its read-only routes may be fetched
 * from any origin, without credentials (`Access-Control-Allow-Origin: *` never lets a
 * browser send cookies), so that a JupyterLab without the platform can search it.
 * Mounted at `/library`; does nothing when the library is not public.
 */
export function libraryCors(isPublic: boolean): RequestHandler {
  return (request, response, next) => {
    if (!isPublic || !PUBLIC_PATHS.test(request.path)) {
      return next();
    }
    if (request.method === 'OPTIONS') {
      response
        .status(204)
        .set({
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
          'Access-Control-Allow-Headers': 'Accept, Content-Type',
          'Access-Control-Max-Age': '600'
        })
        .end();
      return;
    }
    if (request.method === 'GET' || request.method === 'HEAD') {
      response.set({
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Expose-Headers': 'Content-Disposition, ETag'
      });
    }
    next();
  };
}

/**
 * The library API, `/hub/api/v1/library/…`.
 */
export function libraryRouter(deps: ILibraryRoutesDeps): Router {
  const { library, policy } = deps;
  const router = Router();

  /** Disciplines, levels, languages and licences: what forms and facets offer. */
  router.get('/library/taxonomy', (_request, response) => {
    Private.reader(deps, response);
    response.json(library.taxonomy);
  });

  /** Search with facets, sort and pages. */
  router.get('/library/resources', async (request, response) => {
    Private.reader(deps, response);
    const query = parseOr400(Private.searchQuery, request.query);
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
    response.json({ ...page, results: page.results.map(Private.summary) });
  });

  /** Publish a new resource. */
  router.post('/library/resources', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'library:publish');
    const body = parseOr400(Private.publishBody, request.body);
    const created = await library.publish(user, {
      metadata: body.metadata,
      files: Private.decodeFiles(body.files)
    });
    response.status(201).json(Private.summary(created));
  });

  /** A resource: its current version, versions, endorsements and what the caller may do. */
  router.get('/library/resources/:id', async (request, response) => {
    const user = Private.reader(deps, response);
    const resource = await library.getOr404(request.params.id);
    response.json(await Private.detail(deps, user, resource));
  });

  /** Publish a new version of one's own resource (admins: of any). */
  router.post('/library/resources/:id/versions', async (request, response) => {
    const { user } = requireAuth(response);
    const current = await Private.readableOr404(deps, user, request.params.id);
    await policy.require(user, 'library:write', {
      userId: current.ownerId ?? ''
    });
    const body = parseOr400(Private.publishBody, request.body);
    const updated = await library.publishVersion(user, current.id, {
      metadata: body.metadata,
      files: Private.decodeFiles(body.files)
    });
    response.status(201).json(Private.summary(updated));
  });

  /** One version: its metadata and files (an assignment keeps the version it used). */
  router.get(
    '/library/resources/:id/versions/:version',
    async (request, response) => {
      Private.reader(deps, response);
      const version = Private.versionNumber(request.params.version);
      const found = await library.versionOr404(request.params.id, version);
      response.json({ id: request.params.id, version, ...found });
    }
  );

  /**
   * A file of a version, as bytes to save (never as a page of the hub's origin: a
   * resource's HTML must not run with the hub's rights).
   */
  router.get(
    '/library/resources/:id/versions/:version/files/*path',
    async (request, response) => {
      Private.reader(deps, response);
      const path = ([] as string[])
        .concat((request.params as { path?: string | string[] }).path ?? [])
        .join('/');
      const { file, content } = await library.file(
        request.params.id,
        Private.versionNumber(request.params.version),
        path
      );
      response
        .status(200)
        .set({
          'Content-Type': file.path.endsWith('.ipynb')
            ? 'application/x-ipynb+json'
            : 'application/octet-stream',
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.path.split('/').pop() ?? 'fichier')}`,
          'Content-Security-Policy': "sandbox; default-src 'none'",
          'Cache-Control': 'private, max-age=31536000, immutable',
          ETag: `"${file.sha256}"`
        })
        .end(content);
    }
  );

  /**
   * A version as a Binder-compatible zip: its files, `candyce-resource.json` and, unless
   * it brings its own, the environment files Binder needs and a README.
   */
  router.get(
    '/library/resources/:id/versions/:version/export.zip',
    async (request, response) => {
      Private.reader(deps, response);
      const version = Private.versionNumber(request.params.version);
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
      ? await Private.readableOr404(deps, user, query.resource)
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
    response.status(201).json(Private.summary(row));
  });

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
      response.json(await Private.detail(deps, user, resource));
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
        resource: Private.summary(item.resource),
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

  export const importQuery = z.object({
    resource: z.string().min(1).max(100).optional()
  });

  /**
   * The caller who reads the library: a user holding `library:read`, or null for a
   * caller without a session when the library is public.
   *
   * @throws {HttpError} 401 without a session (library not public), 403 without the right.
   */
  export function reader(
    deps: ILibraryRoutesDeps,
    response: Response
  ): IUser | null {
    if (!response.locals.auth && deps.libraryPublic) {
      return null;
    }
    const { user } = requireAuth(response);
    deps.policy.requireReach(user, 'library:read');
    return user;
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

  export const useBody = z
    .object({ kind: z.enum(['open', 'assign']) })
    .strict();

  export const profileBody = z
    .object({
      disciplines: z.array(z.string().max(60)).max(20),
      levels: z.array(z.string().max(60)).max(20)
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

  export function versionNumber(text: string): number {
    const version = Number(text);
    if (!/^[1-9]\d{0,8}$/.test(text) || !Number.isSafeInteger(version)) {
      throw new HttpError(404, 'not_found', 'Cette version n’existe pas.');
    }
    return version;
  }

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

  /** The resource, after checking the caller may read the library (else 403, not 404). */
  export async function readableOr404(
    deps: ILibraryRoutesDeps,
    user: IUser,
    id: string
  ): Promise<IResourceRow> {
    deps.policy.requireReach(user, 'library:read');
    return deps.library.getOr404(id);
  }

  export function summary(row: IResourceRow) {
    return {
      id: row.id,
      version: row.version,
      ...row.metadata,
      environmentId: row.environmentId,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      uses: row.uses,
      endorsements: row.endorsements
    };
  }

  /**
   * A resource's page. For a caller without a session (public library) it names
   * nobody: no owner, publisher or endorser (only the counts), and allows nothing.
   */
  export async function detail(
    deps: ILibraryRoutesDeps,
    user: IUser | null,
    row: IResourceRow
  ) {
    const [versions, endorsers] = await Promise.all([
      deps.library.versions(row.id),
      deps.library.endorsers(row.id)
    ]);
    const byKind = (kind: 'peer' | 'inspection') =>
      endorsers.filter(e => e.kind === kind).map(e => e.userId);
    const names = new Map<string, string>();
    const nameOf = async (id: string | null) => {
      if (!id || !user) {
        return null;
      }
      if (!names.has(id)) {
        names.set(id, (await deps.users.get(id))?.displayName ?? '');
      }
      return names.get(id) || null;
    };
    const files = (await deps.library.versionOr404(row.id, row.version)).files;
    return {
      ...summary(row),
      owner: await nameOf(row.ownerId),
      files,
      versions: await Promise.all(
        versions.map(async version => ({
          version: version.version,
          title: version.title,
          publishedAt: version.publishedAt,
          publishedBy: await nameOf(version.publishedBy)
        }))
      ),
      endorsedBy: {
        peer: user ? await Promise.all(byKind('peer').map(nameOf)) : [],
        inspection: user
          ? await Promise.all(byKind('inspection').map(nameOf))
          : []
      },
      mine: {
        peer: !!user && byKind('peer').includes(user.id),
        inspection: !!user && byKind('inspection').includes(user.id)
      },
      can: {
        publishVersion:
          !!user &&
          (await deps.policy.allows(user, 'library:write', {
            userId: row.ownerId ?? ''
          })),
        endorse: !!user && (await deps.policy.allows(user, 'library:endorse')),
        endorseForInspection:
          !!user && (await deps.policy.allows(user, 'library:inspect'))
      }
    };
  }
}
