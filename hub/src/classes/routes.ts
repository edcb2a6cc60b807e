import { z } from 'zod';

import { IRoute, route, RouteRequest } from '../http/declared';
import { DomainError, trans } from '../errors';
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
 * The classes API, in the hub API (`/hub/api/v1/classes…`): declared routes (rights
 * enforced by `mountRoutes`), input checked with zod, the rest in ClassService.
 */
export function classRoutes(deps: IClassRoutesDeps): IRoute[] {
  const { classes, users, policy } = deps;
  const classOf = (request: RouteRequest) => ({ classId: request.params.id });
  return [
    /** The classes the caller may see: all for an admin, their own otherwise. */
    route({
      method: 'GET',
      path: '/classes',
      right: 'classes:read',
      object: 'reach',
      handle: async ({ user, reach, response }) => {
        const list =
          reach === 'all'
            ? await classes.all()
            : (await classes.forUser(user.id)).map(
                ({ membership, ...klass }) => ({ ...klass, membership })
              );
        response.json({ classes: list });
      }
    }),

    /** Create a class; a teacher who creates a class teaches it. */
    route({
      method: 'POST',
      path: '/classes',
      right: 'classes:create',
      body: Private.createBody,
      handle: async ({ user, body, response }) => {
        response
          .status(201)
          .json(await classes.createAs(classCaller(policy, user), body));
      }
    }),

    /** A class and its members. */
    route({
      method: 'GET',
      path: '/classes/:id',
      right: 'classes:read',
      object: classOf,
      handle: async ({ params, response }) => {
        const klass = await classes.getOr404(params.id);
        response.json(await Private.withMembers(klass, classes, users));
      }
    }),

    /** Rename a class or change its level. */
    route({
      method: 'PATCH',
      path: '/classes/:id',
      right: 'classes:write',
      object: classOf,
      body: Private.patchBody,
      handle: async ({ params, body, response }) => {
        response.json(await classes.update(params.id, body));
      }
    }),

    /** Add a member by user name (or change their membership). */
    route({
      method: 'POST',
      path: '/classes/:id/members',
      right: 'classes:write',
      object: classOf,
      body: Private.memberBody,
      handle: async ({ user, params, body, response }) => {
        const classId = params.id;
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
      }
    }),

    /** Remove a member. */
    route({
      method: 'DELETE',
      path: '/classes/:id/members/:userName',
      right: 'classes:write',
      object: classOf,
      handle: async ({ user, params, response }) => {
        await classes.getOr404(params.id);
        const member = await Private.userOr404(users, params.userName);
        await classes.unenrol(classCaller(policy, user), params.id, member.id);
        response.status(204).end();
      }
    }),

    /** Whether the class's learners get JupyterLab's school mode (issue 18). */
    route({
      method: 'GET',
      path: '/classes/:id/school-mode',
      right: 'classes:read',
      object: classOf,
      handle: async ({ params, response }) => {
        await classes.getOr404(params.id);
        response.json({ schoolMode: await classes.schoolMode.isOn(params.id) });
      }
    }),

    /** Turn school mode on or off for the class's learners (its teachers). */
    route({
      method: 'PUT',
      path: '/classes/:id/school-mode',
      right: 'classes:write',
      object: classOf,
      body: Private.schoolModeBody,
      handle: async ({ params, body, response }) => {
        await classes.getOr404(params.id);
        await classes.schoolMode.set(params.id, body.schoolMode);
        response.json({ schoolMode: body.schoolMode });
      }
    })
  ];
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

  export const schoolModeBody = z.object({ schoolMode: z.boolean() }).strict();

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
      throw new DomainError('unknown_user', trans.__('Unknown user.'));
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
