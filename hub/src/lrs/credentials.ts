import express, { Router } from 'express';

import { CookieJar } from '../auth/cookies';
import { attachSession, checkXsrf, IAuthContext } from '../auth/middleware';
import { SessionService } from '../auth/sessions';
import { DomainError, trans } from '../errors';
import { checkOrigin } from '../http/origin';
import { securityHeaders } from '../http/security';
import { UserService } from '../users/service';
import { isObject } from './checks';
import { LRS_SCOPES, LrsClients, LrsScope } from './clients';
import { xapiErrors } from './router';

/**
 * The hub's routes that hand out LRS credentials, behind the hub's session, origin
 * check and anti-CSRF header (`/hub/lrs`):
 *
 * - `POST /hub/lrs/credential`: any signed-in user's JupyterLab gets a write-only
 *   credential for the user's own pseudonymous actor (the Candyce emitter's);
 * - `POST /hub/lrs/clients` (admins): a client of any scope, bound or not to an actor;
 * - `DELETE /hub/lrs/clients/:key` (admins): revoke one.
 */
export interface ICredentialDeps {
  clients: LrsClients;
  sessions: SessionService;
  users: UserService;
  /** Whether the user's consent allows optional statements (answered as `consent`). */
  consent?: (user: {
    id: string;
    roles: readonly string[];
  }) => Promise<boolean>;
  secure: boolean;
  publicUrl?: string;
}

export function credentialRouter(deps: ICredentialDeps): Router {
  const router = Router();
  router.use(
    securityHeaders(deps.secure),
    attachSession(new CookieJar(deps.secure), deps.sessions, deps.users),
    (_request, response, next) => {
      response.set('Cache-Control', 'no-store');
      next();
    },
    signedIn,
    checkOrigin(deps.publicUrl),
    express.json({ limit: '16kb' }),
    checkXsrf
  );
  router.post('/credential', async (request, response, next) => {
    try {
      const { user } = response.locals.auth as IAuthContext;
      const credential = await deps.clients.forUser(user.id);
      const optional = deps.consent ? await deps.consent(user) : true;
      response.status(201).json({
        endpoint: endpoint(request, deps.publicUrl),
        ...credential,
        consent: { optional }
      });
    } catch (error) {
      next(error);
    }
  });
  router.post('/clients', admin, async (request, response, next) => {
    try {
      const body: unknown = request.body;
      if (
        !isObject(body) ||
        typeof body.name !== 'string' ||
        !LRS_SCOPES.includes(body.scope as LrsScope)
      ) {
        throw new DomainError(
          'invalid_request',
          trans.__('A client needs a name and a scope (read, write or all).')
        );
      }
      const credential = await deps.clients.create({
        name: body.name,
        scope: body.scope as LrsScope,
        actor: isObject(body.actor) ? body.actor : null
      });
      response
        .status(201)
        .json({ endpoint: endpoint(request, deps.publicUrl), ...credential });
    } catch (error) {
      next(error);
    }
  });
  router.delete('/clients/:key', admin, async (request, response, next) => {
    try {
      if (!(await deps.clients.revoke(String(request.params.key)))) {
        throw new DomainError('not_found', trans.__('No such LRS client.'));
      }
      response.status(204).end();
    } catch (error) {
      next(error);
    }
  });
  router.use(xapiErrors);
  return router;
}

const signedIn: express.RequestHandler = (_request, response, next) => {
  next(
    response.locals.auth
      ? undefined
      : new DomainError('unauthenticated', trans.__('Sign in first.'))
  );
};

const admin: express.RequestHandler = (_request, response, next) => {
  const { user } = response.locals.auth as IAuthContext;
  next(
    user.roles.includes('admin')
      ? undefined
      : new DomainError(
          'forbidden',
          trans.__('Only administrators manage LRS clients.')
        )
  );
};

/** The LRS's address, as the caller reaches the hub (or its public URL). */
function endpoint(request: express.Request, publicUrl?: string): string {
  const base =
    publicUrl ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
  return `${base.replace(/\/+$/, '')}/xapi/`;
}
