import type { AuditLog } from '../audit';
import { IRoute, route, RouteRequest } from '../http/declared';
import { DomainError, trans } from '../errors';
import { Policy } from '../policy';
import { mayEnter } from '../origins/access';
import { whoMayEnter } from '../origins/entrants';
import { IUser, UserService } from '../users/service';
import { userColor } from './colors';
import { ServerRegistry } from './registry';

/**
 * What the server routes need.
 */
export interface IServerRoutesDeps {
  users: UserService;
  policy: Policy;
  registry: ServerRegistry;
  /** Where stopping someone else's server is recorded. */
  audit: AuditLog;
}

/**
 * Stop and restart users' servers (`/hub/api/v1/users/:name/server`): one's own, or any
 * for an admin. The home and admin pages call {@link stopServer} and
 * {@link restartServer} from their forms.
 */
export function serverRoutes(deps: IServerRoutesDeps): IRoute[] {
  // The user named in the path; an unknown name is asked as nobody's server, so that a
  // refusal does not tell whether the user exists.
  const serverOf = async (request: RouteRequest) => ({
    userId: (await deps.users.getByName(String(request.params.name)))?.id ?? ''
  });
  return [
    /**
     * Stop a server: 204, or 409 if it is not running. Stopping someone else's is an
     * administrative action, recorded in the audit log as the admin page does.
     */
    route({
      method: 'DELETE',
      path: '/users/:name/server',
      right: 'servers:write',
      object: serverOf,
      handle: async ({ user, params, response }) => {
        const target = await stopServer(deps, user, params.name);
        if (target.id !== user.id) {
          await deps.audit.record({
            actorId: user.id,
            action: 'server.stop',
            targetId: target.id
          });
        }
        response.status(204).end();
      }
    }),

    /** Restart a server (or start it): 202, then follow its state. */
    route({
      method: 'POST',
      path: '/users/:name/server',
      right: 'servers:write',
      object: serverOf,
      handle: async ({ user, params, response }) => {
        const target = await restartServer(deps, user, params.name);
        response
          .status(202)
          .json({ name: target.name, state: deps.registry.state(target).kind });
      }
    }),

    /**
     * Who may enter a server, with the names and colours collaborators see (the share
     * dialog): asked by someone who may enter it, as the origin gate decides. A server
     * one may not enter, or nobody's, is refused alike.
     */
    route({
      method: 'GET',
      path: '/users/:name/server/people',
      right: 'signedIn',
      handle: async ({ user, params, response }) => {
        const name = String(params.name);
        if (!mayEnter(user, name)) {
          throw new DomainError(
            'forbidden',
            trans.__('This workspace is not yours.')
          );
        }
        const people = (await whoMayEnter(deps, name)).map(entrant => ({
          name: entrant.user.name,
          displayName: entrant.user.displayName,
          color: userColor(entrant.user.name),
          reason: entrant.reason
        }));
        response.json({ server: name, people });
      }
    })
  ];
}

/**
 * Stop `name`'s server for `caller`.
 *
 * @throws {DomainError} 403 without the right (the same whether the user exists or not),
 *   404 for an unknown user (admins only), 409 when the server is not running.
 */
export async function stopServer(
  deps: IServerRoutesDeps,
  caller: IUser,
  name: string
): Promise<IUser> {
  const target = await Private.target(deps, caller, name);
  const state = deps.registry.state(target);
  if (state.kind === 'starting') {
    throw new DomainError(
      'server_starting',
      trans.__('This workspace is starting: try again in a moment.')
    );
  }
  if (state.kind !== 'running') {
    throw new DomainError(
      'server_not_running',
      trans.__('This workspace is already stopped: there is nothing to stop.')
    );
  }
  await deps.registry.stop(target);
  return target;
}

/**
 * Restart (or start) `name`'s server for `caller`.
 *
 * @throws {DomainError} 403 without the right, 404 for an unknown user (admins only),
 *   503 when the platform is full.
 */
export async function restartServer(
  deps: IServerRoutesDeps,
  caller: IUser,
  name: string
): Promise<IUser> {
  const target = await Private.target(deps, caller, name);
  await deps.registry.restart(target);
  return target;
}

namespace Private {
  export async function target(
    deps: IServerRoutesDeps,
    caller: IUser,
    name: string
  ): Promise<IUser> {
    const target = await deps.users.getByName(name);
    // Asked before looking further: a refusal does not tell whether the user exists.
    await deps.policy.require(caller, 'servers:write', {
      userId: target?.id ?? ''
    });
    if (!target) {
      throw new DomainError('unknown_user', trans.__('Unknown user.'));
    }
    return target;
  }
}
