import { Router } from 'express';
import { z } from 'zod';

import { requireAuth } from '../auth/middleware';
import { RateLimiter } from '../auth/rateLimit';
import { HttpError, parseOr400 } from '../http/errors';
import { Policy } from '../policy';
import { EnvironmentCollector } from './collector';
import { checkSoftwareList, lockSchema, softwareFiles } from './schemas';
import { EnvironmentService } from './service';
import { streamOperation } from './sse';

/**
 * What the environment routes need.
 */
export interface IEnvironmentRoutesDeps {
  environments: EnvironmentService;
  environmentCollector: EnvironmentCollector;
  policy: Policy;
  log: { warn: (object: unknown, message: string) => void };
  /** Resolutions one user may start per hour (`environmentResolvesPerHour`). */
  environmentResolvesPerHour: number;
}

/**
 * The environments API, `/hub/api/v1/environments/…`: Python versions, package search,
 * resolving a software list and building a lock (both as event streams), locks carried
 * by notebooks, repo2docker exports; for administrators, the list and the garbage
 * collection.
 */
export function environmentsRouter(deps: IEnvironmentRoutesDeps): Router {
  const { environments, policy } = deps;
  // Each resolution runs pip on the hub for seconds or minutes.
  const resolveLimiter = new RateLimiter(
    deps.environmentResolvesPerHour,
    3_600_000
  );
  const router = Router();

  /** A failure worth an administrator's look (never who asked: it may be a pupil). */
  const logFailure = (what: string) => (error: unknown) =>
    deps.log.warn({ err: error }, `environment ${what} failed`);

  /** The Python versions the hub builds with. */
  router.get('/environments/options', async (_request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'environments:read');
    response.json(await environments.options());
  });

  /** Package names for the panel's search, prefix matches first. */
  router.get('/environments/packages', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'environments:resolve');
    const query = parseOr400(Private.searchQuery, request.query);
    const names = await environments.searchPackages(query.q, query.limit);
    response.json({ packages: names.map(name => ({ name })) });
  });

  /**
   * Resolve a software list into a lock, as an event stream; problems found before any
   * work are a plain 400.
   */
  router.post('/environments/resolve', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'environments:resolve');
    const body = parseOr400(Private.resolveBody, request.body);
    const checked = checkSoftwareList(body.files);
    if (!resolveLimiter.take(user.id)) {
      throw new HttpError(
        429,
        'too_many_resolutions',
        `Vous avez déjà résolu ${deps.environmentResolvesPerHour} listes de logiciels dans l’heure : réessayez plus tard.`
      );
    }
    await streamOperation(
      response,
      async (signal, onProgress) => ({
        environment: await environments.resolve(checked, user, {
          signal,
          onProgress
        })
      }),
      logFailure('resolution')
    );
  });

  /** Register a lock carried by a notebook (made elsewhere). */
  router.post('/environments/locks', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'environments:resolve');
    const body = parseOr400(Private.lockBody, request.body);
    const { files } = checkSoftwareList(body.files);
    await environments.checkFits(body.lock);
    const { environment, created } = await environments.registerLock(
      body.lock,
      files,
      user.id,
      body.id
    );
    response.status(created ? 201 : 200).json({ environment });
  });

  /** Administrators: every environment, its size and references. */
  router.get('/environments', async (_request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'environments:admin');
    response.json({
      environments: await deps.environmentCollector.list()
    });
  });

  /** Administrators: collect what nothing references (or only say what). */
  router.post('/environments/collect', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'environments:admin');
    const body = parseOr400(Private.collectBody, request.body ?? {});
    response.json(await deps.environmentCollector.collect(body.dryRun));
  });

  /** A known environment. */
  router.get('/environments/:id', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'environments:read');
    response.json({ environment: await environments.get(request.params.id) });
  });

  /**
   * Build a known environment (once for concurrent callers), as an event stream; an
   * unknown id is a plain 404.
   */
  router.post('/environments/:id/build', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'environments:read');
    await environments.recordOr404(request.params.id);
    await streamOperation(
      response,
      async (signal, onProgress) => ({
        environment: await environments.build(request.params.id, {
          signal,
          onProgress
        })
      }),
      logFailure('build')
    );
  });

  /** A known environment as a repository repo2docker builds as is. */
  router.get('/environments/:id/repository.zip', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'environments:read');
    const { name, zip } = await environments.repositoryZip(request.params.id);
    response
      .status(200)
      .set({
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${name}"`,
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'Cache-Control': 'private, max-age=31536000, immutable'
      })
      .end(zip);
  });

  return router;
}

namespace Private {
  export const searchQuery = z.object({
    q: z.string().trim().min(1).max(100),
    limit: z.coerce.number().int().min(1).max(100).default(20)
  });

  export const resolveBody = z.object({ files: softwareFiles }).strict();

  export const lockBody = z
    .object({
      /** The id the notebook names, checked against the lock's. */
      id: z.string().max(100).optional(),
      lock: lockSchema,
      files: softwareFiles.default([])
    })
    .strict();

  export const collectBody = z
    .object({ dryRun: z.boolean().default(true) })
    .strict();
}
