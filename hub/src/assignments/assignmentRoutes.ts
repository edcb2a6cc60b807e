import { RateLimiter } from '../auth/rateLimit';
import { IRoute, route } from '../http/declared';
import { DomainError, trans } from '../errors';
import {
  assignmentOf,
  loadAssignment,
  requireClasses,
  teaches
} from './routeAccess';
import {
  createBody,
  decodeFiles,
  joinBody,
  newSettings,
  patchBody
} from './routeBodies';
import type { IAssignmentRoutesDeps } from './routeDeps';

/**
 * The assignments themselves: listing, creating, joining by code, reading and
 * changing one (`/assignments`, `/assignments/join`, `/assignments/:id`).
 */
export function assignmentItselfRoutes(deps: IAssignmentRoutesDeps): IRoute[] {
  const { assignments, autograding, policy } = deps;
  const assignmentRow = loadAssignment(deps);
  const joinLimiter = deps.joinLimiter ?? new RateLimiter(10, 60_000);

  return [
    /** What the caller teaches and what they are given. */
    route({
      method: 'GET',
      path: '/assignments',
      right: 'signedIn',
      handle: async ({ user, response }) => {
        response.json(await assignments.list(user));
      }
    }),

    route({
      method: 'POST',
      path: '/assignments',
      right: 'assignments:create',
      body: createBody,
      handle: async ({ user, body, response }) => {
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
      }
    }),

    /** Join with a share code. */
    route({
      method: 'POST',
      path: '/assignments/join',
      right: 'assignments:join',
      body: joinBody,
      handle: async ({ user, body, response }) => {
        if (!joinLimiter.take(user.id)) {
          throw new DomainError(
            'too_many_attempts',
            trans.__('Too many codes tried: wait a minute before trying again.')
          );
        }
        response.json(await assignments.join(user, body.code));
      }
    }),

    route({
      method: 'GET',
      path: '/assignments/:id',
      right: 'assignments:read',
      object: assignmentOf,
      load: assignmentRow,
      handle: async ({ user, loaded: row, response }) => {
        response.json(
          (await teaches(policy, user, row))
            ? await assignments.teacherView(row)
            : await assignments.learnerView(row, user.id)
        );
      }
    }),

    route({
      method: 'PATCH',
      path: '/assignments/:id',
      right: 'assignments:write',
      object: assignmentOf,
      load: assignmentRow,
      body: patchBody,
      handle: async ({ user, loaded: row, body, response }) => {
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
      }
    })
  ];
}
