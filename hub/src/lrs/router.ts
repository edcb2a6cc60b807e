import express, { ErrorRequestHandler, Router } from 'express';

import { checkAgent } from './agents';
import { iri, isObject, Json } from './checks';
import { LrsClients } from './clients';
import {
  ACTIVITY_PROFILE,
  AGENT_PROFILE,
  handleDocument,
  STATE
} from './documents';
import { DocumentStore } from './documentStore';
import { allowParams, IXapiRequest, xapiRequest } from './request';
import { IXapiResponse } from './response';
import {
  getStatements,
  parseJsonParam,
  postStatements,
  putStatement
} from './statements';
import { StatementStore } from './statementStore';
import { DomainError, ERROR_STATUS, frenchText, trans } from '../errors';

/**
 * The xAPI 1.0.3 REST API under `/xapi` (Part Three): the version header on every
 * call and answer, HTTP Basic credentials and their scope, CORS, the alternate request
 * syntax, and the resources.
 */

export const XAPI_VERSION = '1.0.3';

/** Largest body: a batch of statements with their attachments. */
const MAX_BODY = '20mb';

const CORS_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, Accept-Language',
  'Access-Control-Expose-Headers':
    'ETag, Last-Modified, Content-Type, WWW-Authenticate, X-Experience-API-Version, X-Experience-API-Consistent-Through',
  'Access-Control-Max-Age': '600'
};

/** The methods of each resource (HEAD goes with GET). */
const ALLOWED_METHODS: Record<string, readonly string[]> = {
  '/about': ['GET', 'HEAD'],
  '/statements': ['GET', 'HEAD', 'PUT', 'POST'],
  '/activities': ['GET', 'HEAD'],
  '/agents': ['GET', 'HEAD'],
  '/activities/state': ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
  '/activities/profile': ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
  '/agents/profile': ['GET', 'HEAD', 'PUT', 'POST', 'DELETE']
};

export interface IXapiDeps {
  clients: LrsClients;
  statements: StatementStore;
  documents: DocumentStore;
  clock: () => Date;
  /** Whether a user's consent allows optional statements (see `consentRule.ts`). */
  consent?: (userId: string) => Promise<boolean>;
}

export function xapiRouter(deps: IXapiDeps): Router {
  const router = Router();
  router.use((request, response, next) => {
    // Credentials travel in the Authorization header, never in cookies: any page may
    // call, as browsers' emitters do (Part Three, 1.3 and 4.1).
    response.set({
      ...CORS_HEADERS,
      'Access-Control-Allow-Origin': request.get('origin') ?? '*',
      Vary: 'Origin'
    });
    response.set('X-Experience-API-Version', XAPI_VERSION);
    response.set('Cache-Control', 'no-store');
    if (/^\/statements\/?$/.test(request.path)) {
      // On every answer of the Statement resource, errors included (Part Three, 2.1.3).
      response.set(
        'X-Experience-API-Consistent-Through',
        deps.clock().toISOString()
      );
    }
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    next();
  });
  router.use(express.raw({ type: () => true, limit: MAX_BODY }));
  router.use(async (request, response, next) => {
    try {
      const xapi = xapiRequest(
        request,
        request.path.replace(/\/+$/, '') || '/'
      );
      const answer = await dispatch(deps, xapi);
      send(response, answer, request.method === 'HEAD');
    } catch (error) {
      next(error);
    }
  });
  router.use(xapiErrors);
  return router;
}

async function dispatch(
  deps: IXapiDeps,
  request: IXapiRequest
): Promise<IXapiResponse> {
  const allowed = ALLOWED_METHODS[request.path];
  if (!allowed) {
    throw new DomainError('not_found', trans.__('Unknown xAPI resource.'));
  }
  // Before the credentials: a method the resource does not have is 405 for anyone.
  if (!allowed.includes(request.method)) {
    throw new DomainError(
      'method_not_allowed',
      trans.__('Method not allowed.')
    );
  }
  if (request.path === '/about') {
    return {
      status: 200,
      body: {
        version: [XAPI_VERSION, '1.0.2', '1.0.1', '1.0.0'],
        extensions: {}
      }
    };
  }
  checkVersion(request.headers['x-experience-api-version']);
  const client = await deps.clients.authenticate(request.headers.authorization);
  if (!client) {
    throw new DomainError(
      'unauthenticated',
      trans.__('xAPI credentials missing or wrong.')
    );
  }
  const reading = request.method === 'GET' || request.method === 'HEAD';
  if (
    (reading && client.scope === 'write') ||
    (!reading && client.scope === 'read')
  ) {
    throw new DomainError(
      'forbidden',
      trans.__('This client has the scope « %1 ».', client.scope)
    );
  }
  const now = deps.clock().toISOString();
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const normalised = { ...request, method };
  switch (`${method} ${request.path}`) {
    case 'PUT /statements':
      return putStatement(statementDeps(deps), normalised, client);
    case 'POST /statements':
      return postStatements(statementDeps(deps), normalised, client);
    case 'GET /statements':
      return getStatements(statementDeps(deps), normalised);
    case 'GET /activities':
      return activity(deps, normalised);
    case 'GET /agents':
      return person(normalised);
  }
  const shape = {
    '/activities/state': STATE,
    '/activities/profile': ACTIVITY_PROFILE,
    '/agents/profile': AGENT_PROFILE
  }[request.path]!;
  return handleDocument(deps.documents, shape, normalised, client, now);
}

function statementDeps(deps: IXapiDeps) {
  return {
    store: deps.statements,
    clients: deps.clients,
    clock: deps.clock,
    consent: deps.consent
  };
}

/** `X-Experience-API-Version` 1.0.x on every call but About (Part Three, 3.3). */
function checkVersion(version: string | undefined): void {
  if (version === undefined) {
    throw new DomainError(
      'xapi_version',
      trans.__('The X-Experience-API-Version header is missing.')
    );
  }
  if (!/^1\.0(\.\d+)?$/.test(version.trim())) {
    throw new DomainError(
      'xapi_version',
      trans.__('Unsupported xAPI version: %1 (1.0.x expected).', version)
    );
  }
}

/** The Activities resource: the activity with its latest known definition. */
async function activity(
  deps: IXapiDeps,
  request: IXapiRequest
): Promise<IXapiResponse> {
  allowParams(request, ['activityId'], ['activityId']);
  const id = iri(request.query.activityId, 'activityId');
  const definition = await deps.statements.activity(id);
  return {
    status: 200,
    body: definition
      ? { objectType: 'Activity', id, definition }
      : { objectType: 'Activity', id }
  };
}

/** The Agents resource: the Person object of an agent (the LRS knows one identifier). */
function person(request: IXapiRequest): IXapiResponse {
  allowParams(request, ['agent'], ['agent']);
  const agent = checkAgent(
    parseJsonParam(request.query.agent, 'agent'),
    'agent'
  );
  const found: Json = { objectType: 'Person' };
  if (typeof agent.name === 'string') {
    found.name = [agent.name];
  }
  for (const ifi of ['mbox', 'mbox_sha1sum', 'openid', 'account']) {
    if (agent[ifi] !== undefined) {
      found[ifi] = [agent[ifi]];
    }
  }
  return { status: 200, body: found };
}

function send(
  response: express.Response,
  answer: IXapiResponse,
  head: boolean
): void {
  response.status(answer.status);
  response.set(answer.headers ?? {});
  if (answer.body === undefined || answer.status === 204) {
    response.end();
  } else if (Buffer.isBuffer(answer.body)) {
    response.end(head ? undefined : answer.body);
  } else {
    const text = JSON.stringify(answer.body);
    // Exactly `application/json` (no charset parameter), as xAPI clients compare it.
    response.setHeader('Content-Type', 'application/json');
    response.end(head ? undefined : text);
  }
}

/**
 * Errors as the hub answers them (`{ error: { code, message } }`), with xAPI's
 * statuses; a 401 names the Basic scheme.
 */
export const xapiErrors: ErrorRequestHandler = (
  error,
  _request,
  response,
  next
) => {
  if (response.headersSent) {
    return next(error);
  }
  if (error instanceof DomainError) {
    const status = ERROR_STATUS[error.code];
    if (status === 401) {
      response.set('WWW-Authenticate', 'Basic realm="xAPI"');
    }
    response
      .status(status)
      .json({ error: { code: error.code, message: error.message } });
  } else if (isObject(error) && error.type === 'entity.too.large') {
    response.status(413).json({
      error: {
        code: 'too_large',
        message: frenchText(trans.__('The request is too large.'))
      }
    });
  } else {
    next(error);
  }
};
