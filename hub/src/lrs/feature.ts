import express from 'express';
import * as http from 'http';
import * as path from 'path';

import { SessionService } from '../auth/sessions';
import { IFeature, IHubContext } from '../context';
import { UserService } from '../users/service';
import { LrsClients } from './clients';
import { credentialRouter } from './credentials';
import { DocumentStore } from './documentStore';
import { xapiRouter } from './router';
import { StatementStore } from './statementStore';

/**
 * The Learning Record Store (xAPI 1.0.3): its clients and its HTTP handler, which
 * answers `/xapi/…` (the xAPI REST API) and `/hub/lrs/…` (credentials, behind the
 * hub's session). Everything else goes to the hub's application.
 */
export interface ILrsServices {
  clients: LrsClients;
  statements: StatementStore;
  /** Answers the request if it is the LRS's; whether it did. */
  handle(request: http.IncomingMessage, response: http.ServerResponse): boolean;
}

export interface ILrsDeps {
  users: UserService;
  sessions: SessionService;
}

export function create(
  context: IHubContext,
  deps: ILrsDeps
): IFeature<ILrsServices> {
  const { config, db } = context;
  const homePage = config.publicUrl ?? `http://${config.host}`;
  const clients = new LrsClients(
    db,
    LrsClients.loadPseudonymKey(path.join(config.dataDir, 'secrets')),
    homePage,
    context.clock
  );
  const statements = new StatementStore(db);
  const app = express();
  app.disable('x-powered-by');
  app.set(
    'trust proxy',
    config.trustedProxies.length ? [...config.trustedProxies] : false
  );
  app.use(
    '/xapi',
    xapiRouter({
      clients,
      statements,
      documents: new DocumentStore(db),
      clock: context.clock
    })
  );
  const secure = config.publicUrl?.startsWith('https:') ?? false;
  app.use(
    '/hub/lrs',
    credentialRouter({
      clients,
      sessions: deps.sessions,
      users: deps.users,
      secure,
      publicUrl: config.publicUrl
    })
  );
  // What the handlers above did not answer: logged, answered 500 without details.
  app.use(((error, request, response, _next) => {
    context.log.error(
      { err: error, path: request.path },
      'unexpected error in the LRS'
    );
    response.status(500).json({
      error: { code: 'internal_error', message: 'Erreur interne du serveur.' }
    });
  }) as express.ErrorRequestHandler);
  return {
    services: {
      clients,
      statements,
      handle: (request, response) => {
        const url = request.url ?? '';
        if (!/^\/(xapi|hub\/lrs)(\/|\?|$)/.test(url)) {
          return false;
        }
        void app(request as express.Request, response as express.Response);
        return true;
      }
    }
  };
}
