import { Router } from 'express';
import { z } from 'zod';

import { requireAuth } from '../auth/middleware';
import { HttpError, parseOr400 } from '../http/errors';
import { Policy } from '../policy';
import { IUser, UserService } from '../users/service';
import {
  CLASS_LEVEL_MAX,
  CLASS_NAME_MAX,
  classCaller,
  ClassService,
  IClass
} from './service';

/**
 * What the classes routes need.
 */
export interface IClassRoutesDeps {
  classes: ClassService;
  users: UserService;
  policy: Policy;
}

/**
 * The classes API, mounted in the hub API (`/hub/api/v1/classes…`). HTTP only: input
 * checked with zod, rights with the policy, the rest in ClassService.
 */
export function classesRouter(deps: IClassRoutesDeps): Router {
  const { classes, users, policy } = deps;
  const router = Router();

  /** The classes the caller may see: all for an admin, their own otherwise. */
  router.get('/classes', async (_request, response) => {
    const { user } = requireAuth(response);
    const reach = policy.requireReach(user, 'classes:read');
    const list =
      reach === 'all'
        ? await classes.all()
        : (await classes.forUser(user.id)).map(({ membership, ...klass }) => ({
            ...klass,
            membership
          }));
    response.json({ classes: list });
  });

  /** Create a class; a teacher who creates a class teaches it. */
  router.post('/classes', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'classes:create');
    const body = parseOr400(Private.createBody, request.body);
    response
      .status(201)
      .json(await classes.createAs(classCaller(policy, user), body));
  });

  /** A class and its members. */
  router.get('/classes/:id', async (request, response) => {
    const { user } = requireAuth(response);
    const classId = request.params.id;
    await policy.require(user, 'classes:read', { classId });
    const klass = await classes.getOr404(classId);
    response.json(await Private.withMembers(klass, classes, users));
  });

  /** Rename a class or change its level. */
  router.patch('/classes/:id', async (request, response) => {
    const { user } = requireAuth(response);
    const classId = request.params.id;
    await policy.require(user, 'classes:write', { classId });
    const body = parseOr400(Private.patchBody, request.body);
    response.json(await classes.update(classId, body));
  });

  /** Add a member by user name (or change their membership). */
  router.post('/classes/:id/members', async (request, response) => {
    const { user } = requireAuth(response);
    const classId = request.params.id;
    await policy.require(user, 'classes:write', { classId });
    const body = parseOr400(Private.memberBody, request.body);
    await classes.getOr404(classId);
    const member = await Private.userOr404(users, body.userName);
    const created = await classes.enrol(
      classCaller(policy, user),
      classId,
      member,
      body.membership
    );
    response.status(created ? 201 : 200).json({
      name: member.name,
      displayName: member.displayName,
      membership: body.membership
    });
  });

  /** Remove a member. */
  router.delete('/classes/:id/members/:userName', async (request, response) => {
    const { user } = requireAuth(response);
    const classId = request.params.id;
    await policy.require(user, 'classes:write', { classId });
    await classes.getOr404(classId);
    const member = await Private.userOr404(users, request.params.userName);
    await classes.unenrol(classCaller(policy, user), classId, member.id);
    response.status(204).end();
  });

  return router;
}

namespace Private {
  const name = z.string().min(1).max(CLASS_NAME_MAX);
  const level = z.string().max(CLASS_LEVEL_MAX).nullable();

  export const createBody = z
    .object({
      name,
      level: level.optional(),
      establishmentId: z.string().max(100).nullable().optional()
    })
    .strict();

  export const patchBody = z
    .object({ name: name.optional(), level: level.optional() })
    .strict()
    .refine(body => body.name !== undefined || body.level !== undefined, {
      message: 'indiquez « name » ou « level »'
    });

  export const memberBody = z
    .object({
      userName: z.string().min(1).max(64),
      membership: z.enum(['teacher', 'learner'])
    })
    .strict();

  export async function userOr404(
    users: UserService,
    userName: string
  ): Promise<IUser> {
    const user = await users.getByName(userName);
    if (!user) {
      throw new HttpError(404, 'unknown_user', 'Utilisateur inconnu.');
    }
    return user;
  }

  export async function withMembers(
    klass: IClass,
    classes: ClassService,
    users: UserService
  ): Promise<
    IClass & {
      members: { name: string; displayName: string; membership: string }[];
    }
  > {
    const members = [];
    for (const { userId, membership } of await classes.members(klass.id)) {
      const member = await users.get(userId);
      if (member) {
        members.push({
          name: member.name,
          displayName: member.displayName,
          membership
        });
      }
    }
    members.sort((a, b) =>
      a.membership === b.membership
        ? a.name.localeCompare(b.name)
        : a.membership === 'teacher'
          ? -1
          : 1
    );
    return { ...klass, members };
  }
}
