/**
 * Where a user's server listens, written as a URL: `http://<host>:<port>` for a TCP
 * server (a Kubernetes pod, a test's fake), `http+unix://<socket path, percent-encoded>`
 * for a local server on its Unix socket (the form jupyter_server itself prints).
 */
import * as http from 'http';

/** The scheme of a server on a Unix socket. */
const UNIX_SCHEME = 'http+unix://';

/**
 * The longest Unix socket path Linux accepts (`sun_path` is 108 bytes, NUL included).
 */
export const MAX_SOCKET_PATH_BYTES = 107;

/**
 * How to connect to a server: the options `http.request` takes for it.
 */
export type ServerConnection =
  | { readonly socketPath: string }
  | { readonly host: string; readonly port: number };

/**
 * The URL of a server listening on `socketPath`.
 */
export function socketUrl(socketPath: string): string {
  return UNIX_SCHEME + encodeURIComponent(socketPath);
}

/**
 * The socket path of a `http+unix://` URL, or `null` for any other URL.
 */
export function socketPathOf(url: string): string | null {
  if (!url.startsWith(UNIX_SCHEME)) {
    return null;
  }
  const rest = url.slice(UNIX_SCHEME.length);
  const end = rest.indexOf('/');
  try {
    const socketPath = decodeURIComponent(end < 0 ? rest : rest.slice(0, end));
    return socketPath.startsWith('/') ? socketPath : null;
  } catch {
    return null;
  }
}

/**
 * How to connect to the server of `url` (its path, if any, is ignored).
 *
 * @throws TypeError when the URL is neither form.
 */
export function connectionOf(url: string): ServerConnection {
  if (url.startsWith(UNIX_SCHEME)) {
    const socketPath = socketPathOf(url);
    if (socketPath === null) {
      throw new TypeError(`Not a server address: ${url}`);
    }
    return { socketPath };
  }
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') {
    throw new TypeError(`Not a server address: ${url}`);
  }
  return { host: parsed.hostname, port: Number(parsed.port || 80) };
}

/**
 * The `http.request` options of a request to `path` on the server of `serverUrl`.
 */
export function requestOptions(
  serverUrl: string,
  path: string
): http.RequestOptions {
  return { ...connectionOf(serverUrl), path };
}
