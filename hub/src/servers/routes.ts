import { Router } from 'express';

import { requireAuth } from '../auth/middleware';
import { HttpError } from '../http/errors';
import { Policy } from '../policy';
import { IUser, UserService } from '../users/service';
import { ServerRegistry } from './registry';

/**
 * What the server routes need.
 */
export interface IServerRoutesDeps {
  users: UserService;
  policy: Policy;
  registry: ServerRegistry;
}

/**
 * Stop and restart users' servers (`/hub/api/v1/users/:name/server`): one's own, or any
 * for an admin. The home and admin pages call {@link stopServer} and
 * {@link restartServer} from their forms.
 */
export function serversRouter(deps: IServerRoutesDeps): Router {
  const router = Router();

  /** Stop a server: 204, or 409 if it is not running. */
  router.delete('/users/:name/server', async (request, response) => {
    const { user } = requireAuth(response);
    await stopServer(deps, user, String(request.params.name));
    response.status(204).end();
  });

  /** Restart a server (or start it): 202, then follow its state. */
  router.post('/users/:name/server', async (request, response) => {
    const { user } = requireAuth(response);
    const target = await restartServer(deps, user, String(request.params.name));
    response
      .status(202)
      .json({ name: target.name, state: deps.registry.state(target).kind });
  });

  return router;
}

/**
 * Stop `name`'s server for `caller`.
 *
 * @throws {HttpError} 403 without the right (the same whether the user exists or not),
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
    throw new HttpError(
      409,
      'server_starting',
      'Cet espace est en train de démarrer : réessayez dans un instant.'
    );
  }
  if (state.kind !== 'running') {
    throw new HttpError(
      409,
      'server_not_running',
      'Cet espace est déjà arrêté : il n’y a rien à arrêter.'
    );
  }
  await deps.registry.stop(target);
  return target;
}

/**
 * Restart (or start) `name`'s server for `caller`.
 *
 * @throws {HttpError} 403 without the right, 404 for an unknown user (admins only),
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
      throw new HttpError(404, 'unknown_user', 'Utilisateur inconnu.');
    }
    return target;
  }
}
