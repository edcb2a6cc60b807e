import { Router } from 'express';

import { requireAuth } from '../auth/middleware';
import { RateLimiter } from '../auth/rateLimit';
import { HttpError, parseOr400 } from '../http/errors';
import { reach, requireClasses, teaches } from './routeAccess';
import {
  createBody,
  decodeFiles,
  joinBody,
  newSettings,
  patchBody
} from './routeBodies';
import type { IAssignmentRoutesDeps } from './routes';

/**
 * The assignments themselves: listing, creating, joining by code, reading and
 * changing one (`/assignments`, `/assignments/join`, `/assignments/:id`).
 */
export function addAssignmentRoutes(
  router: Router,
  deps: IAssignmentRoutesDeps
): void {
  const { assignments, autograding, policy } = deps;
  const joinLimiter = deps.joinLimiter ?? new RateLimiter(10, 60_000);

  /** What the caller teaches and what they are given. */
  router.get('/assignments', async (_request, response) => {
    const { user } = requireAuth(response);
    response.json(await assignments.list(user));
  });

  router.post('/assignments', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'assignments:create');
    const body = parseOr400(createBody, request.body);
    await requireClasses(policy, user, body.classIds ?? []);
    const created = await assignments.create(
      user,
      newSettings(body),
      body.source.library
        ? { library: body.source.library }
        : {
            home: {
              path: body.source.home!.path,
              files: decodeFiles(body.source.home!.files)
            }
          }
    );
    response.status(201).json(created);
  });

  /** Join with a share code (before `/:id` routes: « join » is not an id). */
  router.post('/assignments/join', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'assignments:join');
    const body = parseOr400(joinBody, request.body);
    if (!joinLimiter.take(user.id)) {
      throw new HttpError(
        429,
        'too_many_attempts',
        'Trop de codes essayés : attendez une minute avant de réessayer.'
      );
    }
    response.json(await assignments.join(user, body.code));
  });

  router.get('/assignments/:id', async (request, response) => {
    const { user, row } = await reach(
      deps,
      request.params.id,
      response,
      'assignments:read'
    );
    response.json(
      (await teaches(policy, user, row))
        ? await assignments.teacherView(row)
        : await assignments.learnerView(row, user.id)
    );
  });

  router.patch('/assignments/:id', async (request, response) => {
    const { user, row } = await reach(
      deps,
      request.params.id,
      response,
      'assignments:write'
    );
    const body = parseOr400(patchBody, request.body);
    if (body.classIds) {
      const current = new Set(await assignments.classIds(row.id));
      await requireClasses(
        policy,
        user,
        body.classIds.filter(id => !current.has(id))
      );
    }
    const updated = await assignments.update(row, body);
    if (body.autograde && row.autograde !== 1) {
      // Turned back on: grade what was submitted meanwhile.
      autograding.resume(row.id);
    }
    response.json(updated);
  });
}
