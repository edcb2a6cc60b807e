import { z } from 'zod';

import type { EstablishmentAdministration } from '../establishments/service';
import { DomainError, trans } from '../errors';
import { IRoute, route, RouteRequest } from '../http/declared';
import { jupyterLabLocale, LANGUAGES, requestLanguage } from '../i18n';
import { Reach, scopesOf } from '../policy';
import type { IServerSummary, ServerState } from '../servers/types';
import { IUserListEntry } from './adminStore';
import { UserAdministration } from './administration';
import { ROLES } from './names';
import { IUser, UserService } from './service';

/**
 * What the caller's own routes need.
 */
export interface IMeRoutesDeps {
  users: UserService;
}

/**
 * The caller's own account: the language they chose (`GET /me`, which says who they
 * are, is declared with the API's other routes in `api/routes.ts`).
 */
export function meRoutes(deps: IMeRoutesDeps): IRoute[] {
  return [
    route({
      method: 'PATCH',
      path: '/me',
      right: 'signedIn',
      body: Private.meUpdate,
      handle: async ({ user, body, response }) => {
        await deps.users.setLanguage(user.id, body.language);
        response.json({ locale: jupyterLabLocale(body.language) });
      }
    })
  ];
}

/**
 * The caller's language under JupyterLab's name (`fr_FR` or `en`): the one they chose,
 * else the request's (`Accept-Language`, French by default).
 */
export function userLocale(user: IUser, request: RouteRequest): 'fr_FR' | 'en' {
  return jupyterLabLocale(user.language ?? requestLanguage(request));
}

namespace Private {
  /** What a caller may change of their account: their language, nothing else. */
  export const meUpdate = z.strictObject({ language: z.enum(LANGUAGES) });
}

/**
 * What the administration's API routes need.
 */
export interface IUserAdminRoutesDeps {
  administration: UserAdministration;
  /** Who administers which establishments, and which a user belongs to. */
  establishments: EstablishmentAdministration;
  /** A user's classes (the classes module). */
  classes: {
    forUser(
      userId: string
    ): Promise<{ id: string; name: string; membership: string }[]>;
  };
  /**
   * A user's server, and the running servers with their last activity (the servers
   * module; the hub's « Administration » page shows the same activity).
   */
  registry: {
    state(user: IUser): ServerState;
    list(): readonly IServerSummary[];
  };
}

/**
 * The administration of users through the API (`/admin/users…`): the same service,
 * hence the same rules, as the hub's pages. Global administrators act on every
 * account; administrators of establishments on the users of their establishments
 * (the policy's `establishment` reach: the routes name the user acted on, or the
 * establishment a new account joins, and a list keeps only their users).
 */
export function userAdminRoutes(deps: IUserAdminRoutesDeps): IRoute[] {
  const { administration } = deps;
  /**
   * The user a route acts on, by name (absent: refused, unless for everyone). A group
   * workspace's account is absent too: the administration knows people only.
   */
  const named = async (request: RouteRequest) => ({
    userId: (await administration.person(String(request.params.name)))?.id
  });
  /** The establishments a list keeps: all (undefined) or the caller's. */
  const within = async (user: IUser, reach: Reach | null) =>
    reach === 'establishment'
      ? ((await deps.establishments.administered(user))?.establishmentIds ?? [])
      : undefined;
  return [
    /** A page of users in name order: `after` / `before` a name (keyset paging). */
    route({
      method: 'GET',
      path: '/admin/users',
      right: 'users:write',
      object: 'reach',
      query: AdminPrivate.listQuery,
      handle: async ({ user, reach, query, response }) => {
        const page = await administration.list({
          query: query.q,
          role: query.role,
          deactivated:
            query.state === undefined
              ? undefined
              : query.state === 'deactivated',
          after: query.after,
          before: query.before,
          limit: query.limit,
          establishmentIds: await within(user, reach)
        });
        const activity = AdminPrivate.activityByUser(deps.registry);
        response.json({
          users: page.users.map(entry => AdminPrivate.entry(entry, activity)),
          total: page.total,
          next: page.next,
          previous: page.previous
        });
      }
    }),

    /** A user's account, classes, establishments and server. */
    route({
      method: 'GET',
      path: '/admin/users/:name',
      right: 'users:read',
      object: named,
      handle: async ({ params, response }) => {
        const target = await administration.person(params.name);
        if (!target) {
          throw new DomainError('unknown_user', trans.__('Unknown user.'));
        }
        const [classes, establishmentIds] = await Promise.all([
          deps.classes.forUser(target.id),
          deps.establishments.establishmentsOf(target.id)
        ]);
        const establishments = await deps.establishments.list(establishmentIds);
        response.json({
          name: target.name,
          displayName: target.displayName,
          roles: target.roles,
          deactivated: target.deactivatedAt !== undefined,
          classes: classes.map(klass => ({
            id: klass.id,
            name: klass.name,
            membership: klass.membership
          })),
          establishments: establishments.map(each => ({
            id: each.id,
            name: each.name
          })),
          server: deps.registry.state(target).kind,
          lastActivity: AdminPrivate.latest(
            AdminPrivate.activityByUser(deps.registry).get(target.id),
            await administration.lastSeen(target.id)
          )
        });
      }
    }),

    route({
      method: 'POST',
      path: '/admin/users',
      right: 'users:write',
      // An establishment's administrator creates accounts in their establishments
      // only, hence names one; a global administrator may leave it out.
      object: async (request, user) => {
        const establishmentId = (request.body as { establishmentId?: unknown })
          ?.establishmentId;
        if (typeof establishmentId === 'string') {
          return { establishmentId };
        }
        if (
          !scopesOf(user.roles).has('users:write') &&
          (await deps.establishments.administered(user))
        ) {
          throw new DomainError(
            'establishment_required',
            trans.__('Choose the school the account belongs to.')
          );
        }
        return {};
      },
      body: AdminPrivate.createBody,
      handle: async ({ user, body, response }) => {
        const created = await administration.create(user, body);
        response.status(201).json({
          name: created.name,
          displayName: created.displayName,
          roles: created.roles,
          deactivated: false
        });
      }
    }),

    /** Set the roles, or deactivate / reactivate (one change per call). */
    route({
      method: 'PATCH',
      path: '/admin/users/:name',
      right: 'users:write',
      object: named,
      body: AdminPrivate.updateBody,
      handle: async ({ user, params, body, response }) => {
        if (body.roles !== undefined) {
          await administration.setRoles(user, params.name, body.roles);
        } else if (body.active === false) {
          await administration.deactivate(user, params.name);
        } else {
          await administration.reactivate(user, params.name);
        }
        response.status(204).end();
      }
    }),

    /** Issue a one-time reset code: in this answer only, never again. */
    route({
      method: 'POST',
      path: '/admin/users/:name/password-reset',
      right: 'users:write',
      object: named,
      handle: async ({ user, params, response }) => {
        const reset = await administration.issueReset(user, params.name);
        response.setHeader('Cache-Control', 'no-store');
        response.status(201).json(reset);
      }
    })
  ];
}

namespace AdminPrivate {
  const name = z.string().min(1).max(64);

  export const listQuery = z
    .object({
      q: z.string().trim().max(100).optional(),
      role: z.enum(ROLES).optional(),
      state: z.enum(['active', 'deactivated']).optional(),
      after: name.optional(),
      before: name.optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50)
    })
    .strict()
    .refine(query => !(query.after && query.before), {
      message: 'after and before exclude each other'
    });

  export const createBody = z
    .object({
      name: z.string().max(64),
      displayName: z.string().max(200),
      roles: z.array(z.string().max(20)).max(ROLES.length),
      establishmentId: z.string().min(1).max(100).optional()
    })
    .strict();

  export const updateBody = z
    .object({
      roles: z.array(z.string().max(20)).max(ROLES.length).optional(),
      active: z.boolean().optional()
    })
    .strict()
    .refine(
      body => (body.roles === undefined) !== (body.active === undefined),
      {
        message: 'exactly one of roles and active'
      }
    );

  export function entry(
    user: IUserListEntry,
    activity: ReadonlyMap<string, string>
  ) {
    return {
      name: user.name,
      displayName: user.displayName,
      roles: user.roles,
      deactivated: user.deactivatedAt !== null,
      establishments: user.establishments,
      lastActivity: latest(activity.get(user.id), user.lastSeenAt)
    };
  }

  /**
   * A person's last activity: the later of her server's last use and her last use of
   * the hub (ISO strings of one format compare as dates), or null.
   */
  export function latest(
    ...times: (string | null | undefined)[]
  ): string | null {
    return times.reduce<string | null>(
      (last, time) => (time && (!last || time > last) ? time : last),
      null
    );
  }

  /**
   * When each running server was last used (ISO), by user id: what the hub records,
   * in memory, no query. A stopped server's activity is not kept (its owner's last
   * session use stands for it then).
   */
  export function activityByUser(registry: {
    list(): readonly IServerSummary[];
  }): Map<string, string> {
    return new Map(
      registry
        .list()
        .map(server => [
          server.userId,
          new Date(server.lastActivityAt).toISOString()
        ])
    );
  }
}
