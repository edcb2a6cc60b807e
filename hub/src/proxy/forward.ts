import * as http from 'http';
import { Duplex } from 'stream';

import { ServerConnection } from '../spawner/address';
import { Compression } from './compress';

/**
 * Headers every answer under `/user/` carries, from a user's server or from the proxy
 * itself: no `Referer` leaves for another origin (it would carry `/user/<name>/…`, a
 * pupil's name and file names), and no browser takes an answer for another type than
 * the one it is sent as (a pupil's file run as a script or a page).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff'
};

/**
 * Headers that belong to one connection and must not be forwarded (RFC 9110 §7.6.1).
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade'
]);

/**
 * Copy request headers for the user server: no hop-by-hop header, no hub cookie, and
 * never an identity header sent by the browser (only the hub signs identities).
 */
export function forwardedHeaders(
  request: http.IncomingMessage,
  options: {
    cookie: string | undefined;
    identityHeader: string;
    identity: string;
  }
): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  const connectionTokens = String(request.headers.connection ?? '')
    .toLowerCase()
    .split(',')
    .map(token => token.trim());
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (
      HOP_BY_HOP.has(lower) ||
      connectionTokens.includes(lower) ||
      lower === 'cookie' ||
      lower === options.identityHeader.toLowerCase()
    ) {
      continue;
    }
    headers[name] = value;
  }
  if (options.cookie) {
    headers.cookie = options.cookie;
  }
  headers[options.identityHeader] = options.identity;
  headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
  return headers;
}

/**
 * Forward an HTTP request to the user server (on its Unix socket, or a TCP port) and
 * stream the answer back with {@link SECURITY_HEADERS}, compressed by `compression` when
 * the browser and the answer allow it; `origin` (the running server) lets `compression`
 * remember its versioned assets.
 */
export function forwardHttp(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  target: ServerConnection,
  headers: http.OutgoingHttpHeaders,
  agent: http.Agent,
  onError: (error: Error) => void,
  compression?: Compression,
  origin?: object
): void {
  const upstream = http.request(
    {
      ...target,
      method: request.method,
      path: request.url,
      headers,
      agent
    },
    answer => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (!HOP_BY_HOP.has(name.toLowerCase())) {
          out[name] = value;
        }
      }
      Object.assign(out, SECURITY_HEADERS);
      // The hub's own cookie set on this answer (a server origin's, renewed) would
      // otherwise give way to the server's (`writeHead` wins over `setHeader`).
      const own = response.getHeader('set-cookie');
      if (own !== undefined && out['set-cookie'] !== undefined) {
        out['set-cookie'] = [...asList(own), ...asList(out['set-cookie'])];
      }
      if (compression) {
        compression.send(request, answer, response, out, onError, origin);
      } else {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
        answer.pipe(response);
      }
    }
  );
  upstream.on('error', onError);
  request.on('aborted', () => upstream.destroy());
  request.pipe(upstream);
}

/**
 * Forward a WebSocket upgrade: once the user server accepts it, join both sockets.
 * `onOpen` is called once the sockets are joined; the function it returns, once when
 * they close (the registry counts open sockets as activity).
 */
export function forwardUpgrade(
  request: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: ServerConnection,
  headers: http.OutgoingHttpHeaders,
  onOpen: () => () => void = () => () => undefined
): void {
  const upstream = http.request({
    ...target,
    method: request.method,
    path: request.url,
    headers: {
      ...headers,
      connection: 'Upgrade',
      upgrade: request.headers.upgrade ?? 'websocket'
    }
  });
  upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
    const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
    for (let i = 0; i < answer.rawHeaders.length; i += 2) {
      lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
    }
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    if (upstreamHead.length) {
      socket.write(upstreamHead);
    }
    if (head.length) {
      upstreamSocket.write(head);
    }
    upstreamSocket.pipe(socket).pipe(upstreamSocket);
    const onClose = onOpen();
    const close = () => {
      onClose();
      upstreamSocket.destroy();
      socket.destroy();
    };
    upstreamSocket.on('error', close);
    socket.on('error', close);
    upstreamSocket.on('close', close);
    socket.on('close', close);
  });
  upstream.on('response', answer => {
    // The server refused the upgrade: pass its answer on and close.
    socket.end(
      `HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n${rawSecurityHeaders()}Connection: close\r\n\r\n`
    );
    answer.resume();
  });
  upstream.on('error', () => socket.destroy());
  upstream.end();
}

/**
 * {@link SECURITY_HEADERS} as raw header lines, for answers written on a socket.
 */
export function rawSecurityHeaders(): string {
  return Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
}

/** A header's values as a list. */
function asList(value: number | string | readonly string[]): string[] {
  return Array.isArray(value) ? [...value] : [String(value)];
}
