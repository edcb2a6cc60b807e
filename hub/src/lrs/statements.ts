import { randomUUID } from 'crypto';

import { mergeDefinitions } from './activity';
import { agentKey, checkActor } from './agents';
import {
  invalid,
  isObject,
  iri,
  Json,
  parseTime,
  timestamp,
  uuid
} from './checks';
import { ILrsClient, LrsClients } from './clients';
import { isEssential } from './consentRule';
import { IPart, parseMultipart, sha2Of } from './multipart';
import { allowParams, IXapiRequest, jsonBody, mediaType } from './request';
import { IXapiResponse, NO_CONTENT } from './response';
import { checkSignatures } from './signatures';
import { checkStatement } from './statement';
import { IStatementQuery, StatementStore } from './statementStore';
import { answerStatements, decodeMore } from './statementAnswers';
import { DomainError, trans } from '../errors';

/**
 * The Statement resource (Part Three, 2.1): PUT one, POST a batch, GET one or a query.
 */

/** Statements one POST may carry (more: 413). */
export const MAX_BATCH = 1000;

export interface IStatementsDeps {
  store: StatementStore;
  clients: LrsClients;
  clock: () => Date;
  /** Whether a user's consent allows optional statements (see `consentRule.ts`). */
  consent?: (userId: string) => Promise<boolean>;
}

export async function putStatement(
  deps: IStatementsDeps,
  request: IXapiRequest,
  client: ILrsClient
): Promise<IXapiResponse> {
  allowParams(request, ['statementId'], ['statementId']);
  const id = uuid(request.query.statementId, 'statementId').toLowerCase();
  const { statements, parts, batch } = readBody(request);
  if (batch || !isObject(statements[0])) {
    invalid('statement', trans.__('PUT stores a single statement.'));
  }
  const given = statements[0] as Json;
  if (given.id !== undefined && String(given.id).toLowerCase() !== id) {
    invalid('statement.id', trans.__('differs from statementId.'));
  }
  await store(deps, [{ ...given, id }], parts, client);
  return NO_CONTENT;
}

export async function postStatements(
  deps: IStatementsDeps,
  request: IXapiRequest,
  client: ILrsClient
): Promise<IXapiResponse> {
  allowParams(request, []);
  const { statements, parts } = readBody(request);
  const ids = await store(deps, statements, parts, client);
  return { status: 200, body: ids };
}

const QUERY_PARAMS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending'
];

export async function getStatements(
  deps: IStatementsDeps,
  request: IXapiRequest
): Promise<IXapiResponse> {
  const params = request.query;
  const consistent = deps.clock().toISOString();
  if (
    params.statementId !== undefined ||
    params.voidedStatementId !== undefined
  ) {
    allowParams(request, [
      'statementId',
      'voidedStatementId',
      'format',
      'attachments'
    ]);
    if (
      params.statementId !== undefined &&
      params.voidedStatementId !== undefined
    ) {
      throw new DomainError(
        'invalid_request',
        trans.__('statementId or voidedStatementId, not both.')
      );
    }
    const voided = params.voidedStatementId !== undefined;
    const id = uuid(
      voided ? params.voidedStatementId : params.statementId,
      voided ? 'voidedStatementId' : 'statementId'
    );
    const statement = await deps.store.get(id, voided);
    if (!statement) {
      throw new DomainError('not_found', trans.__('No statement has this id.'));
    }
    return answerStatements(deps.store, request, [statement], null, {
      'X-Experience-API-Consistent-Through': consistent,
      'Last-Modified': new Date(statement.stored as string).toUTCString()
    });
  }
  let query: IStatementQuery;
  if (params.more !== undefined) {
    allowParams(request, ['more']);
    query = decodeMore(params.more);
  } else {
    allowParams(request, QUERY_PARAMS);
    query = parseQuery(params);
  }
  const page = await deps.store.query(query);
  return answerStatements(
    deps.store,
    request,
    page.statements,
    page.more ? { ...query, after: page.more } : null,
    {
      'X-Experience-API-Consistent-Through': consistent
    }
  );
}

/** The filters of a GET, checked (400 on a wrong one). */
function parseQuery(params: Record<string, string>): IStatementQuery {
  const query: IStatementQuery = {
    relatedActivities: flag(params.related_activities, 'related_activities'),
    relatedAgents: flag(params.related_agents, 'related_agents'),
    ascending: flag(params.ascending, 'ascending'),
    limit: 100
  };
  if (params.agent !== undefined) {
    const key = agentKey(
      checkActor(parseJsonParam(params.agent, 'agent'), 'agent')
    );
    if (key === null) {
      invalid(
        'agent',
        trans.__('an agent or an identified group is expected.')
      );
    }
    query.agent = key;
  }
  if (params.verb !== undefined) {
    query.verb = iri(params.verb, 'verb');
  }
  if (params.activity !== undefined) {
    query.activity = iri(params.activity, 'activity');
  }
  if (params.registration !== undefined) {
    query.registration = uuid(
      params.registration,
      'registration'
    ).toLowerCase();
  }
  for (const name of ['since', 'until'] as const) {
    if (params[name] !== undefined) {
      query[name] = new Date(
        parseTime(timestamp(params[name], name))
      ).toISOString();
    }
  }
  if (params.limit !== undefined) {
    const limit = Number(params.limit);
    if (!/^\d+$/.test(params.limit) || !Number.isSafeInteger(limit)) {
      invalid('limit', trans.__('a non-negative integer is expected.'));
    }
    // 0 asks for the server's maximum.
    query.limit = limit === 0 ? 500 : Math.min(limit, 500);
  }
  if (
    params.format !== undefined &&
    !['exact', 'ids', 'canonical'].includes(params.format)
  ) {
    invalid('format', trans.__('exact, ids or canonical is expected.'));
  }
  flag(params.attachments, 'attachments');
  return query;
}

export function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === 'false') {
    return false;
  }
  if (value !== 'true') {
    invalid(name, trans.__('true or false is expected.'));
  }
  return true;
}

export function parseJsonParam(value: string, name: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return invalid(name, trans.__('JSON is expected.'));
  }
}

/** The statements of a body (JSON, or the first part of multipart/mixed) and its attachment parts. */
function readBody(request: IXapiRequest): {
  statements: unknown[];
  parts: IPart[] | null;
  batch: boolean;
} {
  const type = mediaType(request.headers['content-type']);
  let parts: IPart[] | null = null;
  let json: unknown;
  if (type === 'multipart/mixed') {
    parts = parseMultipart(request.body, request.headers['content-type']);
    if (
      !parts.length ||
      mediaType(parts[0].headers['content-type']) !== 'application/json'
    ) {
      throw new DomainError(
        'invalid_multipart',
        trans.__('The first part must be the statements, as application/json.')
      );
    }
    try {
      json = JSON.parse(parts[0].content.toString('utf8'));
    } catch {
      throw new DomainError(
        'invalid_json',
        trans.__('The first part is not valid JSON.')
      );
    }
  } else if (type === 'application/json') {
    json = jsonBody(request);
  } else {
    throw new DomainError(
      'invalid_request',
      trans.__('Content-Type application/json or multipart/mixed is expected.')
    );
  }
  const statements = Array.isArray(json) ? json : [json];
  if (statements.length > MAX_BATCH) {
    throw new DomainError(
      'too_large',
      trans.__('At most %1 statements per request.', MAX_BATCH)
    );
  }
  return {
    statements,
    parts: parts ? parts.slice(1) : null,
    batch: Array.isArray(json)
  };
}

/** Check, complete and store statements; their ids. Nothing is stored on any error. */
async function store(
  deps: IStatementsDeps,
  given: unknown[],
  parts: IPart[] | null,
  client: ILrsClient
): Promise<string[]> {
  const stored = deps.clock().toISOString();
  const authority = deps.clients.authority(client);
  const seen = new Set<string>();
  const statements = given.map((value, index) => {
    const statement = checkStatement(
      value,
      given.length > 1 ? `statement[${index}]` : 'statement'
    );
    if (
      client.actorKey !== null &&
      agentKey(statement.actor as Json) !== client.actorKey
    ) {
      throw new DomainError(
        'forbidden_actor',
        trans.__('This client writes only for its own actor.')
      );
    }
    const id = (statement.id as string | undefined) ?? randomUUID();
    if (seen.has(id)) {
      invalid(
        `statement[${index}].id`,
        trans.__('id repeated in the request.')
      );
    }
    seen.add(id);
    return {
      ...statement,
      id,
      timestamp: statement.timestamp ?? stored,
      stored,
      authority,
      version: statement.version ?? '1.0.0'
    } as Json;
  });
  await checkConsent(deps, statements, client);
  const attachments = matchAttachments(statements, parts ?? []);
  statements.forEach(statement => checkSignatures(statement, attachments));
  await deps.store.insert(
    statements,
    client.id,
    attachments,
    definitions(statements)
  );
  return statements.map(statement => statement.id as string);
}

/**
 * A credential made for a user writes optional statements only with their consent
 * (`consentRule.ts`): one optional statement without it refuses the whole batch.
 */
async function checkConsent(
  deps: IStatementsDeps,
  statements: Json[],
  client: ILrsClient
): Promise<void> {
  if (
    client.userId === null ||
    !deps.consent ||
    statements.every(isEssential) ||
    (await deps.consent(client.userId))
  ) {
    return;
  }
  throw new DomainError(
    'consent_required',
    trans.__(
      'Optional traces are not recorded for this user (no consent): only statements about assignments are accepted.'
    )
  );
}

/**
 * Every attachment without `fileUrl` is sent as a part, and every part is an attachment
 * of the batch, with the SHA-2 it claims (Part Three, 1.5.2).
 */
function matchAttachments(
  statements: Json[],
  parts: IPart[]
): Map<string, { contentType: string; content: Buffer }> {
  const declared = new Map<string, Json>();
  const needed = new Set<string>();
  const collect = (statement: Json) => {
    for (const attachment of (statement.attachments as Json[] | undefined) ??
      []) {
      declared.set(attachment.sha2 as string, attachment);
      if (attachment.fileUrl === undefined) {
        needed.add(attachment.sha2 as string);
      }
    }
    const target = statement.object as Json;
    if (target.objectType === 'SubStatement') {
      collect(target);
    }
  };
  statements.forEach(collect);
  const found = new Map<string, { contentType: string; content: Buffer }>();
  for (const part of parts) {
    const hash = part.headers['x-experience-api-hash'];
    if (!hash) {
      throw new DomainError(
        'invalid_multipart',
        trans.__('An attachment without X-Experience-API-Hash.')
      );
    }
    if (
      (part.headers['content-transfer-encoding'] ?? '').toLowerCase() !==
      'binary'
    ) {
      throw new DomainError(
        'invalid_multipart',
        trans.__('An attachment without Content-Transfer-Encoding: binary.')
      );
    }
    if (!declared.has(hash)) {
      throw new DomainError(
        'invalid_multipart',
        trans.__('An attachment that no statement declares.')
      );
    }
    if (sha2Of(part.content, hash) !== hash.toLowerCase()) {
      throw new DomainError(
        'invalid_multipart',
        trans.__("An attachment's SHA-2 does not match its content.")
      );
    }
    found.set(hash, {
      contentType: part.headers['content-type'] ?? 'application/octet-stream',
      content: part.content
    });
  }
  for (const sha2 of needed) {
    if (!found.has(sha2)) {
      throw new DomainError(
        'invalid_multipart',
        trans.__('An attachment declared without fileUrl was not sent.')
      );
    }
  }
  return found;
}

/** The activity definitions a batch gives (merged, the later winning). */
function definitions(statements: Json[]): Map<string, Json> {
  const found = new Map<string, Json>();
  const visit = (value: unknown) => {
    if (
      isObject(value) &&
      typeof value.id === 'string' &&
      isObject(value.definition)
    ) {
      const older = found.get(value.id);
      found.set(
        value.id,
        older ? mergeDefinitions(older, value.definition) : value.definition
      );
    }
  };
  for (const statement of statements) {
    const target = statement.object as Json;
    visit(target);
    if (target.objectType === 'SubStatement') {
      visit(target.object);
    }
    const context = isObject(statement.context) ? statement.context : {};
    if (isObject(context.contextActivities)) {
      Object.values(context.contextActivities).forEach(list =>
        (list as unknown[]).forEach(visit)
      );
    }
  }
  return found;
}
