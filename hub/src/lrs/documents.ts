import { agentKey, checkAgent } from './agents';
import {
  invalid,
  iri,
  isObject,
  Json,
  parseTime,
  timestamp,
  uuid
} from './checks';
import { ILrsClient } from './clients';
import { DocumentKind, DocumentStore, IDocumentPlace } from './documentStore';
import { allowParams, IXapiRequest, mediaType } from './request';
import { IXapiResponse, NO_CONTENT } from './response';
import { parseJsonParam } from './statements';
import { DomainError, trans } from '../errors';

/**
 * The document resources (Part Three, 2.3–2.6): State (`/activities/state`), Activity
 * Profile (`/activities/profile`) and Agent Profile (`/agents/profile`). Each stores
 * opaque documents by id; POST merges JSON objects; ETags guard concurrent writes.
 */

interface IResourceShape {
  kind: DocumentKind;
  /** The parameter naming one document. */
  idParam: 'stateId' | 'profileId';
  /** Parameters that scope it. */
  scope: readonly ('activityId' | 'agent' | 'registration')[];
  required: readonly ('activityId' | 'agent')[];
  /** Whether PUT over an existing document needs If-Match or If-None-Match (profiles). */
  strictConcurrency: boolean;
}

export const STATE: IResourceShape = {
  kind: 'state',
  idParam: 'stateId',
  scope: ['activityId', 'agent', 'registration'],
  required: ['activityId', 'agent'],
  strictConcurrency: false
};
export const ACTIVITY_PROFILE: IResourceShape = {
  kind: 'activity',
  idParam: 'profileId',
  scope: ['activityId'],
  required: ['activityId'],
  strictConcurrency: true
};
export const AGENT_PROFILE: IResourceShape = {
  kind: 'agent',
  idParam: 'profileId',
  scope: ['agent'],
  required: ['agent'],
  strictConcurrency: true
};

export async function handleDocument(
  documents: DocumentStore,
  shape: IResourceShape,
  request: IXapiRequest,
  client: ILrsClient,
  now: string
): Promise<IXapiResponse> {
  const listing =
    request.method === 'GET' && request.query[shape.idParam] === undefined;
  allowParams(
    request,
    [...shape.scope, shape.idParam, ...(listing ? ['since'] : [])],
    shape.required
  );
  const place = placeOf(shape, request.query);
  if (
    request.method !== 'GET' &&
    client.actorKey !== null &&
    shape.scope.includes('agent') &&
    place.agentKey !== client.actorKey
  ) {
    throw new DomainError(
      'forbidden_actor',
      trans.__('This client writes only for its own actor.')
    );
  }
  const documentId = request.query[shape.idParam];
  if (documentId === undefined) {
    if (request.method === 'GET') {
      const since = request.query.since;
      const after =
        since === undefined
          ? undefined
          : new Date(parseTime(timestamp(since, 'since'))).toISOString();
      return { status: 200, body: await documents.list(place, after) };
    }
    if (request.method === 'DELETE' && shape.kind === 'state') {
      await documents.deleteStates(
        place.activityId,
        place.agentKey,
        place.registration
      );
      return NO_CONTENT;
    }
    throw new DomainError(
      'invalid_request',
      trans.__('Required parameter missing: « %1 ».', shape.idParam)
    );
  }
  const at: IDocumentPlace = { ...place, documentId };
  const existing = await documents.get(at);
  checkPreconditions(request, existing?.etag ?? null, shape.strictConcurrency);
  switch (request.method) {
    case 'GET':
      if (!existing) {
        throw new DomainError(
          'not_found',
          trans.__('No document has this id.')
        );
      }
      return {
        status: 200,
        headers: {
          'Content-Type': existing.contentType,
          ETag: `"${existing.etag}"`,
          'Last-Modified': new Date(existing.updated).toUTCString()
        },
        body: existing.content
      };
    case 'DELETE':
      await documents.delete(at);
      return NO_CONTENT;
    case 'PUT': {
      const etag = await documents.put(
        at,
        contentType(request),
        request.body,
        now
      );
      return { status: 204, headers: { ETag: `"${etag}"` } };
    }
    case 'POST': {
      let type = contentType(request);
      let content = request.body;
      if (mediaType(type) === 'application/json') {
        // POST merges JSON objects: one that says it is JSON must be one, even for
        // a new document (Part Three, 2.2: « cannot be parsed as a JSON Object »).
        parseObject(content);
      }
      if (existing) {
        // Merge two JSON objects; any other pair cannot be merged (Part Three, 2.3.2).
        const merged = mergeJson(
          existing.contentType,
          existing.content,
          type,
          content
        );
        [type, content] = ['application/json', merged];
      }
      const etag = await documents.put(at, type, content, now);
      return { status: 204, headers: { ETag: `"${etag}"` } };
    }
    default:
      throw new DomainError(
        'method_not_allowed',
        trans.__('Method not allowed.')
      );
  }
}

function placeOf(
  shape: IResourceShape,
  query: Record<string, string>
): Omit<IDocumentPlace, 'documentId'> {
  let agent = '';
  if (shape.scope.includes('agent')) {
    const parsed = checkAgent(parseJsonParam(query.agent, 'agent'), 'agent');
    agent = agentKey(parsed)!;
  }
  return {
    kind: shape.kind,
    activityId: shape.scope.includes('activityId')
      ? iri(query.activityId, 'activityId')
      : '',
    agentKey: agent,
    registration:
      query.registration !== undefined
        ? uuid(query.registration, 'registration').toLowerCase()
        : ''
  };
}

function contentType(request: IXapiRequest): string {
  return request.headers['content-type'] ?? 'application/octet-stream';
}

/**
 * If-Match (the ETag, or `*`: exists) and If-None-Match (`*`: does not exist) answer
 * 412 when false; a PUT to a profile without either answers 409 if it exists, else 400
 * (Part Three, 3.1).
 */
function checkPreconditions(
  request: IXapiRequest,
  etag: string | null,
  strict: boolean
): void {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  const tags = (header: string) =>
    header
      .split(',')
      .map(tag => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (ifMatch !== undefined) {
    const wanted = tags(ifMatch);
    if (etag === null || !(wanted.includes('*') || wanted.includes(etag))) {
      throw new DomainError(
        'precondition_failed',
        trans.__('The document has changed (If-Match).')
      );
    }
  }
  if (ifNoneMatch !== undefined && etag !== null) {
    const unwanted = tags(ifNoneMatch);
    if (unwanted.includes('*') || unwanted.includes(etag)) {
      throw new DomainError(
        'precondition_failed',
        trans.__('The document already exists (If-None-Match).')
      );
    }
  }
  if (
    strict &&
    request.method === 'PUT' &&
    ifMatch === undefined &&
    ifNoneMatch === undefined
  ) {
    // A client MUST send one of them (Part Three, 3.1.s3.b1): over an existing
    // profile it is a conflict (3.1.s4.b13), else a missing argument (3.2.s2.b1).
    throw etag === null
      ? new DomainError(
          'invalid_request',
          trans.__('A PUT to a profile needs If-Match or If-None-Match.')
        )
      : new DomainError(
          'document_conflict',
          trans.__('This document exists: send If-Match or If-None-Match.')
        );
  }
}

function mergeJson(
  oldType: string,
  oldContent: Buffer,
  newType: string,
  newContent: Buffer
): Buffer {
  if (
    mediaType(oldType) !== 'application/json' ||
    mediaType(newType) !== 'application/json'
  ) {
    throw new DomainError(
      'invalid_request',
      trans.__('Only two JSON documents can be merged.')
    );
  }
  return Buffer.from(
    JSON.stringify({ ...parseObject(oldContent), ...parseObject(newContent) })
  );
}

function parseObject(content: Buffer): Json {
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    if (isObject(value)) {
      return value;
    }
  } catch {
    // Answered below.
  }
  return invalid(
    'document',
    trans.__('a JSON object is expected for a merge.')
  );
}
