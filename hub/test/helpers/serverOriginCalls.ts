import * as net from 'net';

import { passwordOf, xsrfIn } from '../hubHarness';
import { IAnswer, OriginBrowser } from './originBrowser';

/**
 * Someone in a browser of their own on a hub in subdomain mode: hub API calls on the
 * hub's origin (with the hub session's anti-CSRF token), and on the origin of a server
 * they entered (with that origin's cookie and token), as a page of that origin sends
 * them.
 */
export interface IOriginUser {
  browser: OriginBrowser;
  /** `/hub/api/v1<path>` on the hub's origin. */
  hub(method: string, path: string, json?: unknown): Promise<IAnswer>;
  /**
   * Enter `serverName`'s origin from the hub (the hand-over, then the code): its status,
   * 303 once in.
   */
  enter(serverName: string): Promise<number>;
  /** `path` (`/hub/api/v1/me`, `/hub/lrs/credential`) on `serverName`'s origin. */
  on(
    serverName: string,
    method: string,
    path: string,
    json?: unknown
  ): Promise<IAnswer>;
}

/** Sign `name` in with the password form on the hub's origin. */
export async function signInOrigins(
  hubOrigin: string,
  serverOrigin: (serverName: string) => string,
  name: string
): Promise<IOriginUser> {
  const browser = new OriginBrowser();
  const form = await browser.get(`${hubOrigin}/hub/login`);
  const login = await browser.request('POST', `${hubOrigin}/hub/login`, {
    form: {
      _xsrf: xsrfIn(form.body),
      username: name,
      password: passwordOf(name),
      next: '/hub/home'
    }
  });
  if (login.status !== 303) {
    throw new Error(`login of ${name} answered ${login.status}`);
  }
  const hubXsrf = (await browser.get(`${hubOrigin}/hub/api/v1/me`)).json()
    .xsrfToken as string;
  const tokens = new Map<string, string>();
  return {
    browser,
    hub: (method, path, json) =>
      browser.request(method, `${hubOrigin}/hub/api/v1${path}`, {
        headers: { 'x-candyce-xsrf': hubXsrf, origin: hubOrigin },
        json
      }),
    enter: async serverName => {
      const handover = await browser.navigate(
        `${hubOrigin}/user/${serverName}/lab`
      );
      if (handover.status !== 303) {
        return handover.status;
      }
      return (await browser.navigate(handover.headers.location!)).status;
    },
    on: async (serverName, method, path, json) => {
      const origin = serverOrigin(serverName);
      if (!tokens.has(serverName) && method !== 'GET') {
        // The origin's anti-CSRF token, as JupyterLab reads it from `/me` there.
        const me = await browser.get(`${origin}/hub/api/v1/me`);
        tokens.set(serverName, me.status === 200 ? me.json().xsrfToken : '');
      }
      return browser.request(method, `${origin}${path}`, {
        headers: {
          'x-candyce-xsrf': tokens.get(serverName) ?? '',
          origin
        },
        json
      });
    }
  };
}

/** A free port of `from…to` (each helper's tests have a range of their own). */
export async function freePortIn(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port += 1) {
    const free = await new Promise<boolean>(resolve => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) {
      return port;
    }
  }
  throw new Error(`no free port in ${from}-${to}`);
}
