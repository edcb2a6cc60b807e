import express from 'express';
import * as http from 'http';
import * as path from 'path';

import { SessionService } from '../auth/sessions';
import { IFeature, IHubContext } from '../context';
import { UserService } from '../users/service';
import { LrsClients } from './clients';
import { IStatementObserver } from './observer';
import { credentialRouter } from './credentials';
import { DocumentStore } from './documentStore';
import { RetentionPurge } from './retention';
import { xapiRouter } from './router';
import { StatementStore } from './statementStore';
import { TraceService } from './traces';

/**
 * The Learning Record Store (xAPI 1.0.3): its clients and its HTTP handler, which
 * answers `/xapi/…` (the xAPI REST API) and `/hub/lrs/…` (credentials, behind the
 * hub's session). Everything else goes to the hub's application.
 */
export interface ILrsServices {
  clients: LrsClients;
  statements: StatementStore;
  /** A user's traces: export and erasure. */
  traces: TraceService;
  /** The retention limit's purge (`lrsRetentionDays`). */
  retention: RetentionPurge;
  /** Answers the request if it is the LRS's; whether it did. */
  handle(request: http.IncomingMessage, response: http.ServerResponse): boolean;
}

export interface ILrsDeps {
  users: UserService;
  sessions: SessionService;
  /**
   * Whether a user's consent allows optional statements (`consentRule.ts`); without
   * it every statement is accepted.
   */
  consent?: (user: {
    id: string;
    roles: readonly string[];
  }) => Promise<boolean>;
  /** Kept up to date with the statements that count (the dashboards' counts). */
  observer?: IStatementObserver;
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
  const observer = deps.observer ?? null;
  const statements = new StatementStore(db, observer);
  const retention = new RetentionPurge(db, {
    retentionDays: config.lrsRetentionDays,
    intervalHours: config.lrsPurgeIntervalHours,
    clock: context.clock,
    observer: deps.observer,
    log: context.log
  });
  const consent = deps.consent;
  const userConsent = consent
    ? async (userId: string) => {
        const user = await deps.users.get(userId);
        return user ? consent(user) : false;
      }
    : undefined;
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
      clock: context.clock,
      consent: userConsent
    })
  );
  const secure = config.publicUrl?.startsWith('https:') ?? false;
  app.use(
    '/hub/lrs',
    credentialRouter({
      clients,
      sessions: deps.sessions,
      users: deps.users,
      consent,
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
      traces: new TraceService(db, context.clock, observer),
      retention,
      handle: (request, response) => {
        const url = request.url ?? '';
        if (!/^\/(xapi|hub\/lrs)(\/|\?|$)/.test(url)) {
          return false;
        }
        void app(request as express.Request, response as express.Response);
        return true;
      }
    },
    start: () => retention.start(),
    stop: () => retention.stop()
  };
}
