import { z } from 'zod';

import { AuditLog } from '../audit';
import { RateLimiter } from '../auth/rateLimit';
import { IRoute, route } from '../http/declared';
import { DomainError, trans } from '../errors';
import { Policy } from '../policy';
import { EnvironmentCollector } from './collector';
import { checkEnvironmentName } from './names';
import {
  binderFolders,
  checkSoftwareList,
  lockSchema,
  softwareFiles
} from './schemas';
import { EnvironmentService } from './service';
import { streamOperation } from './sse';

/**
 * What the environment routes need.
 */
export interface IEnvironmentRoutesDeps {
  environments: EnvironmentService;
  environmentCollector: EnvironmentCollector;
  policy: Policy;
  /** Where an administrator's collection is recorded. */
  audit: AuditLog;
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
export function environmentRoutes(deps: IEnvironmentRoutesDeps): IRoute[] {
  const { environments } = deps;
  // Each resolution runs pip on the hub for seconds or minutes.
  const resolveLimiter = new RateLimiter(
    deps.environmentResolvesPerHour,
    3_600_000
  );

  /** A failure worth an administrator's look (never who asked: it may be a pupil). */
  const logFailure = (what: string) => (error: unknown) =>
    deps.log.warn({ err: error }, `environment ${what} failed`);

  return [
    /** The Python versions the hub builds with. */
    route({
      method: 'GET',
      path: '/environments/options',
      right: 'environments:read',
      handle: async ({ response }) => {
        response.json(await environments.options());
      }
    }),

    /** Package names for the panel's search, prefix matches first. */
    route({
      method: 'GET',
      path: '/environments/packages',
      right: 'environments:resolve',
      query: Private.searchQuery,
      handle: async ({ query, response }) => {
        const names = await environments.searchPackages(query.q, query.limit);
        response.json({ packages: names.map(name => ({ name })) });
      }
    }),

    /**
     * Resolve a software list into a lock, as an event stream; problems found before any
     * work are a plain 400.
     */
    route({
      method: 'POST',
      path: '/environments/resolve',
      right: 'environments:resolve',
      body: Private.resolveBody,
      handle: async ({ user, body, response }) => {
        const checked = checkSoftwareList(body.files, {
          folders: body.folders,
          sandbox: environments.runsPostBuild,
          // The deployment's channels (`condaChannels`), as candyce-env reads them.
          condaChannels: environments.condaChannels
        });
        const name =
          body.name === undefined ? undefined : checkEnvironmentName(body.name);
        if (!resolveLimiter.take(user.id)) {
          throw new DomainError(
            'too_many_resolutions',
            trans.__(
              'You have already resolved %1 software lists in the last hour: try again later.',
              deps.environmentResolvesPerHour
            )
          );
        }
        await streamOperation(
          response,
          async (signal, onProgress) => ({
            environment: await environments.resolve(checked, user, {
              signal,
              onProgress,
              name
            })
          }),
          logFailure('resolution')
        );
      }
    }),

    /** Register a lock carried by a notebook (made elsewhere). */
    route({
      method: 'POST',
      path: '/environments/locks',
      right: 'environments:resolve',
      body: Private.lockBody,
      handle: async ({ user, body, response }) => {
        const { files } = checkSoftwareList(body.files, {
          sandbox: body.lock.postBuild !== undefined,
          condaChannels: body.lock.conda?.channels
        });
        await environments.checkFits(body.lock);
        const { environment, created } = await environments.registerLock(
          body.lock,
          files,
          user.id,
          body.id,
          body.name === undefined ? null : checkEnvironmentName(body.name)
        );
        response.status(created ? 201 : 200).json({ environment });
      }
    }),

    /** Administrators: every environment, its size and references. */
    route({
      method: 'GET',
      path: '/environments',
      right: 'environments:admin',
      handle: async ({ response }) => {
        response.json({
          environments: await deps.environmentCollector.list()
        });
      }
    }),

    /** Administrators: collect what nothing references (or only say what). */
    route({
      method: 'POST',
      path: '/environments/collect',
      right: 'environments:admin',
      body: Private.collectBody,
      bodyOptional: true,
      handle: async ({ user, body, response }) => {
        response.json(
          await deps.environmentCollector.collect(body.dryRun, {
            actorId: user.id,
            audit: deps.audit
          })
        );
      }
    }),

    /** A known environment. */
    route({
      method: 'GET',
      path: '/environments/:id',
      right: 'environments:read',
      handle: async ({ user, params, response }) => {
        response.json({
          environment: await environments.get(params.id, user.id)
        });
      }
    }),

    /** Rename an environment (its author, or an administrator). */
    route({
      method: 'PATCH',
      path: '/environments/:id',
      right: 'environments:resolve',
      body: Private.renameBody,
      handle: async ({ user, params, body, response }) => {
        const asAdmin = await deps.policy.allows(user, 'environments:admin');
        response.json({
          environment: await environments.rename(
            params.id,
            body.name,
            user,
            asAdmin
          )
        });
      }
    }),

    /**
     * Build a known environment (once for concurrent callers), as an event stream; an
     * unknown id is a plain 404.
     */
    route({
      method: 'POST',
      path: '/environments/:id/build',
      right: 'environments:read',
      handle: async ({ user, params, response }) => {
        await environments.recordOr404(params.id);
        await streamOperation(
          response,
          async (signal, onProgress) => ({
            // Built for this user: their server lists its kernel from now on.
            environment: await environments.build(
              params.id,
              { signal, onProgress },
              user
            )
          }),
          logFailure('build')
        );
      }
    }),

    /** A known environment as a repository repo2docker builds as is. */
    route({
      method: 'GET',
      path: '/environments/:id/repository.zip',
      right: 'environments:read',
      handle: async ({ params, response }) => {
        const { name, zip } = await environments.repositoryZip(params.id);
        response
          .status(200)
          .set({
            'Content-Type': 'application/zip',
            'Content-Disposition': `attachment; filename="${name}"`,
            'Content-Security-Policy': "sandbox; default-src 'none'",
            'Cache-Control': 'private, max-age=31536000, immutable'
          })
          .end(zip);
      }
    })
  ];
}

namespace Private {
  export const searchQuery = z.object({
    q: z.string().trim().min(1).max(100),
    limit: z.coerce.number().int().min(1).max(100).default(20)
  });

  /** A name as typed (checked by `checkEnvironmentName`, with a clear message). */
  const name = z.string().max(1000);

  export const resolveBody = z
    .object({
      files: softwareFiles,
      /** The repository's binder/ or .binder/ folder when it is empty (it still counts). */
      folders: binderFolders.optional(),
      name: name.optional()
    })
    .strict();

  export const renameBody = z.object({ name }).strict();

  export const lockBody = z
    .object({
      /** The id the notebook names, checked against the lock's. */
      id: z.string().max(100).optional(),
      lock: lockSchema,
      files: softwareFiles.default([]),
      /** Its name, when the hub does not know it yet (the notebook's title). */
      name: name.optional()
    })
    .strict();

  export const collectBody = z
    .object({ dryRun: z.boolean().default(true) })
    .strict();
}
