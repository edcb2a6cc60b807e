import { z } from 'zod';

import { IRoute, route, RouteRequest } from '../http/declared';
import { GROUP_MEMBERS_MAX, GROUP_NAME_MAX, GroupService } from './service';

/**
 * What the groups routes need.
 */
export interface IGroupRoutesDeps {
  groups: GroupService;
}

/**
 * Group workspaces in the hub API (`/hub/api/v1/groups…`). Who creates, changes and
 * deletes is decided by `GroupService` (a class's teachers; its pupils where it allows
 * it); who enters a workspace's server, by `groups/access.ts`.
 */
export function groupRoutes(deps: IGroupRoutesDeps): IRoute[] {
  // A workspace's class, for the right on it; an unknown or deleted workspace has none,
  // which the policy refuses as it refuses a class one does not teach.
  const classOfGroup = async (request: RouteRequest) => ({
    classId: (await deps.groups.classOf(request.params.id)) ?? ''
  });
  return [
    /** The workspaces the caller is a member of, or teaches the class of. */
    route({
      method: 'GET',
      path: '/groups',
      right: 'signedIn',
      handle: async ({ user, response }) => {
        response.json({ groups: await deps.groups.mine(user) });
      }
    }),

    /** Create a workspace in a class: its teachers, or its pupils where it allows it. */
    route({
      method: 'POST',
      path: '/classes/:id/groups',
      right: 'classes:read',
      object: request => ({ classId: request.params.id }),
      body: Private.createBody,
      handle: async ({ user, params, body, response }) => {
        response.status(201).json(
          await deps.groups.create(user, params.id, {
            name: body.name,
            memberNames: body.members
          })
        );
      }
    }),

    /** Change a workspace's members (the class's teachers). */
    route({
      method: 'PUT',
      path: '/groups/:id/members',
      right: 'classes:write',
      object: classOfGroup,
      body: Private.membersBody,
      handle: async ({ user, params, body, response }) => {
        response.json(
          await deps.groups.setMembers(user, params.id, body.members)
        );
      }
    }),

    /** Delete a workspace: its server stops, its files are kept (archived). */
    route({
      method: 'DELETE',
      path: '/groups/:id',
      right: 'classes:write',
      object: classOfGroup,
      handle: async ({ user, params, response }) => {
        await deps.groups.remove(user, params.id);
        response.status(204).end();
      }
    })
  ];
}

namespace Private {
  const members = z.array(z.string().max(64)).max(GROUP_MEMBERS_MAX * 2);

  export const createBody = z
    .object({ name: z.string().max(GROUP_NAME_MAX * 4), members })
    .strict();

  export const membersBody = z.object({ members }).strict();
}
