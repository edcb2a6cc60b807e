import * as http from 'http';

import { SECURITY_HEADERS } from './forward';

/**
 * The proxy's own answers (not its servers'), in plain `http`, for the answers of the
 * hot path too.
 */

/**
 * Pages go to the login or start page; API calls get a JSON error.
 */
export function toLoginOrSpawn(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  location: string,
  status: number,
  code: string,
  message: string
): void {
  if (
    request.method === 'GET' &&
    (request.headers.accept ?? '').includes('text/html')
  ) {
    response.writeHead(303, { location, 'content-length': 0 });
    response.end();
  } else {
    sendJsonError(response, status, code, message);
  }
}

/** Set {@link SECURITY_HEADERS} on an answer. */
export function setSecurityHeaders(response: http.ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    response.setHeader(name, value);
  }
}

/** The hub's JSON error, `{ "error": { "code", "message" } }`. */
export function sendJsonError(
  response: http.ServerResponse,
  status: number,
  code: string,
  message: string
): void {
  const body = JSON.stringify({ error: { code, message } });
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body)
  });
  response.end(body);
}
