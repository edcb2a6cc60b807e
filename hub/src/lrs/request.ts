import { Request } from 'express';
import { DomainError, trans } from '../errors';

/**
 * An xAPI request as the resources see it: method, headers, query and raw body, the
 * same whether it came as is or through the alternate request syntax (Part Three,
 * 1.3: `POST ?method=PUT` with headers, parameters and content as form fields).
 */
export interface IXapiRequest {
  method: string;
  /** The resource path under `/xapi` (`/statements`). */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  query: Record<string, string>;
  body: Buffer;
}

/** Headers the alternate syntax carries as form fields (Part Three, 1.3). */
const FORM_HEADERS = [
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match'
];

/** Build the request, unwrapping the alternate syntax; 400 on a malformed one. */
export function xapiRequest(request: Request, path: string): IXapiRequest {
  const query = flatQuery(request.query);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') {
      headers[name] = value;
    }
  }
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (query.method === undefined) {
    return { method: request.method, path, headers, query, body };
  }
  if (request.method !== 'POST') {
    throw new DomainError(
      'invalid_request',
      trans.__('The alternate request syntax uses POST.')
    );
  }
  if (Object.keys(query).length !== 1) {
    throw new DomainError(
      'invalid_request',
      trans.__(
        'The alternate request syntax takes only « method » in the address.'
      )
    );
  }
  const method = query.method.toUpperCase();
  if (!['GET', 'PUT', 'POST', 'DELETE'].includes(method)) {
    throw new DomainError('invalid_request', trans.__('Unknown method.'));
  }
  if (
    !(headers['content-type'] ?? '')
      .toLowerCase()
      .startsWith('application/x-www-form-urlencoded')
  ) {
    throw new DomainError(
      'invalid_request',
      trans.__(
        'The alternate request syntax sends a form (application/x-www-form-urlencoded).'
      )
    );
  }
  const form = new URLSearchParams(body.toString('utf8'));
  // The request's own headers stay (a client may send its credentials as headers);
  // those of the form win. Content-Type and length are the form's, not the content's.
  const kept = { ...headers };
  delete kept['content-type'];
  delete kept['content-length'];
  const unwrapped: IXapiRequest = {
    method,
    path,
    headers: kept,
    query: {},
    body: Buffer.alloc(0)
  };
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (FORM_HEADERS.includes(lower)) {
      unwrapped.headers[lower] = value;
    } else if (name === 'content') {
      unwrapped.body = Buffer.from(value, 'utf8');
    } else {
      unwrapped.query[name] = value;
    }
  }
  if (
    unwrapped.body.length &&
    unwrapped.headers['content-type'] === undefined
  ) {
    unwrapped.headers['content-type'] = 'application/json';
  }
  return unwrapped;
}

function flatQuery(query: Request['query']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') {
      throw new DomainError(
        'invalid_request',
        trans.__('Parameter « %1 » given more than once or malformed.', name)
      );
    }
    flat[name] = value;
  }
  return flat;
}

/** Only these parameters; `required` present. */
export function allowParams(
  request: IXapiRequest,
  allowed: readonly string[],
  required: readonly string[] = []
): void {
  for (const name of Object.keys(request.query)) {
    if (!allowed.includes(name)) {
      throw new DomainError(
        'invalid_request',
        trans.__('Unknown parameter: « %1 ».', name)
      );
    }
  }
  for (const name of required) {
    if (request.query[name] === undefined) {
      throw new DomainError(
        'invalid_request',
        trans.__('Required parameter missing: « %1 ».', name)
      );
    }
  }
}

/** The body as JSON, or 400. */
export function jsonBody(request: IXapiRequest): unknown {
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new DomainError(
      'invalid_json',
      trans.__('The request body is not valid JSON.')
    );
  }
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(value: string | undefined): string {
  return (value ?? '').split(';')[0].trim().toLowerCase();
}
