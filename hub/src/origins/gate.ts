import type { Express } from 'express';
import * as http from 'http';
import { Duplex } from 'stream';

import { CookieJar } from '../auth/cookies';
import { presetAuth } from '../auth/presetAuth';
import { SessionService } from '../auth/sessions';
import { DomainError, trans } from '../errors';
import { IServerHandle } from '../servers/types';
import { IUser, UserService } from '../users/service';
import { groupOriginAllows } from '../groups/hubCalls';
import { hubCallerFrom, mayEnter } from './access';
import { decide, GateDecision } from './decisions';
import { EnterCodes } from './enterCodes';
import { gateAnswers } from './gateAnswers';
import { ServerOrigins } from './hosts';
import { serverLabel } from './labels';
import { IServerCaller, ServerAuthenticator } from './serverAuth';
import { ServerCookies } from './serverCookies';
import { Signer } from './signed';

/**
 * What the gate needs.
 */
export interface IOriginGateDeps {
  origins: ServerOrigins;
  cookies: CookieJar;
  sessions: SessionService;
  users: UserService;
  /** The running server of a user, if any. */
  running: (user: IUser) => IServerHandle | null;
  /** The hub's secrets folder: the key of servers' cookies is kept there. */
  secretsDir: string;
  /** Whether users reach the hub over HTTPS (Secure, `__Host-` cookies). */
  secure: boolean;
  log: { error: (object: unknown, message: string) => void };
  now?: () => number;
}

/** The name of the key file of servers' cookies in the secrets folder. */
export const SERVER_COOKIE_KEY_FILE = 'server-cookies.key';

/** Methods that change nothing. */
const SAFE = ['GET', 'HEAD', 'OPTIONS'];

/**
 * The first step of every request and WebSocket (`serverOrigins`): in path mode it lets
 * everything through. In subdomain mode it sorts requests by `Host`:
 *
 * - on another name of the machine (`127.0.0.1`), a browser's navigation goes to the
 *   hub's own host;
 * - on the hub's origin, `/user/<name>/…` is no longer served but hands the server's
 *   origin over (`gateAnswers.ts`), and API calls made from a server's origin are
 *   refused;
 * - on a server's origin, the hub's cookies are dropped and the caller is the one of
 *   that origin's cookie, for that server only (`presetAuth`): the proxy for
 *   `/user/<name>/…`, the API and the LRS credential for the server's owner only, or
 *   on a group workspace's server as the group's account, for a few calls
 *   (`groups/hubCalls.ts`);
 *   `/xapi` with its own credentials; hub pages go back to the hub's origin.
 */
export class OriginGate {
  constructor(private readonly _deps: IOriginGateDeps) {
    const now = _deps.now ?? Date.now;
    this.codes = new EnterCodes(now);
    this.serverCookies = new ServerCookies(
      Signer.persistent(_deps.secretsDir, SERVER_COOKIE_KEY_FILE),
      _deps.cookies.serverName,
      _deps.secure,
      now
    );
    this._authenticator = new ServerAuthenticator(
      {
        cookies: _deps.cookies,
        serverCookies: this.serverCookies,
        sessions: _deps.sessions,
        users: _deps.users
      },
      now
    );
    this._answers = gateAnswers({
      ...this._deps,
      codes: this.codes,
      serverCookies: this.serverCookies
    });
  }

  readonly codes: EnterCodes;
  readonly serverCookies: ServerCookies;

  /**
   * Sort an HTTP request: answer it, or call `next` (with the caller preset on a
   * server's origin).
   */
  handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    next: () => void
  ): void {
    const { origins } = this._deps;
    if (!origins.subdomains) {
      return next();
    }
    const host = origins.classify(request.headers.host);
    const url = request.url ?? '/';
    if (host.kind === 'hub') {
      // Another name of the machine (`127.0.0.1:8000`): a browser goes to the hub's
      // own, whose host servers' origins are made from and where its cookies belong.
      if (
        !origins.isHubHost(request.headers.host) &&
        Private.navigates(request)
      ) {
        return this._answer(request, response, { kind: 'to-hub' });
      }
      if (url.startsWith('/user/')) {
        return this._answer(request, response, { kind: 'enter-from-hub' });
      }
      if (
        url.startsWith('/hub/api/') &&
        origins.isServerOrigin(request.headers.origin)
      ) {
        return this._answer(request, response, {
          kind: 'refuse',
          error: Private.serverOriginForbidden()
        });
      }
      return next();
    }
    this._dropHubCookies(request);
    const path = url.split('?')[0];
    if (path === '/candyce/enter') {
      return this._answer(request, response, {
        kind: 'redeem',
        label: host.label
      });
    }
    if (/^\/xapi(\/|$)/.test(path)) {
      // Its own credentials (Authorization), never a cookie.
      presetAuth(request, null);
      return next();
    }
    void this._serverRequest(request, response, next, host.label, path).catch(
      error => this._answer(request, response, { kind: 'refuse', error })
    );
  }

  /**
   * Sort a WebSocket upgrade: on a server's origin only to that server, from a page of
   * that origin, with its cookie.
   */
  upgrade(
    request: http.IncomingMessage,
    socket: Duplex,
    next: () => void
  ): void {
    const { origins } = this._deps;
    if (!origins.subdomains) {
      return next();
    }
    const host = origins.classify(request.headers.host);
    const url = request.url ?? '/';
    if (host.kind === 'hub') {
      return url.startsWith('/user/')
        ? Private.refuseSocket(socket, '421 Misdirected Request')
        : next();
    }
    this._dropHubCookies(request);
    const name = Private.serverNameIn(url);
    if (name === null || serverLabel(name) !== host.label) {
      return Private.refuseSocket(socket, '404 Not Found');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== origins.serverOrigin(name)) {
      return Private.refuseSocket(socket, '403 Forbidden');
    }
    void this._authenticator
      .resolve(request)
      .then(caller => {
        if (!this._enters(caller, name)) {
          return Private.refuseSocket(socket, '401 Unauthorized');
        }
        presetAuth(request, caller!.auth);
        next();
      })
      .catch(() => Private.refuseSocket(socket, '503 Service Unavailable'));
  }

  private async _serverRequest(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    next: () => void,
    label: string,
    path: string
  ): Promise<void> {
    const { origins } = this._deps;
    const name = Private.serverNameIn(path);
    const api = /^\/hub\/(api|lrs)\//.test(path);
    if (name === null && !api) {
      return this._answer(request, response, { kind: 'to-hub' });
    }
    if (name !== null && serverLabel(name) !== label) {
      throw new DomainError(
        'not_found',
        trans.__('This address does not exist.')
      );
    }
    const caller = await this._authenticator.resolve(request);
    // A cookie counts only on the origin of its own server.
    const own =
      caller && serverLabel(caller.cookie.serverName) === label ? caller : null;
    if (own?.renewal) {
      response.setHeader('Set-Cookie', own.renewal);
    }
    if (api) {
      const caller = own
        ? hubCallerFrom(own.auth, own.cookie.serverName)
        : null;
      if (
        own &&
        (!caller ||
          (caller.visitor &&
            !groupOriginAllows(request.method, path, own.cookie.serverName)))
      ) {
        throw Private.serverOriginForbidden();
      }
      // The API's own rules follow (401 without a caller, origin, anti-CSRF).
      presetAuth(request, caller);
      return next();
    }
    if (!this._enters(own, name!)) {
      return this._answer(request, response, { kind: 'server-login' });
    }
    if (
      !SAFE.includes(request.method ?? 'GET') &&
      !Private.fromOwnPage(request, origins.serverOrigin(name!))
    ) {
      throw new DomainError(
        'foreign_origin',
        trans.__('Request refused: it does not come from a Candyce page.')
      );
    }
    presetAuth(request, own!.auth);
    next();
  }

  /** Whether a caller holds this server's cookie and may still enter it. */
  private _enters(caller: IServerCaller | null, name: string): boolean {
    return (
      !!caller &&
      caller.cookie.serverName === name &&
      mayEnter(caller.auth.user, name)
    );
  }

  /** A server's origin never takes the hub's own cookies, even sent by hand. */
  private _dropHubCookies(request: http.IncomingMessage): void {
    const { cookies } = this._deps;
    const hub = [
      cookies.sessionName,
      cookies.loginXsrfName,
      cookies.oidcFlowName
    ];
    const header = request.headers.cookie;
    if (!header) {
      return;
    }
    const kept = header
      .split(';')
      .map(part => part.trim())
      .filter(part => part && !hub.includes(part.slice(0, part.indexOf('='))));
    if (kept.length) {
      request.headers.cookie = kept.join('; ');
    } else {
      delete request.headers.cookie;
    }
  }

  private _answer(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    decision: GateDecision
  ): void {
    decide(request, decision);
    void this._answers(request, response);
  }

  private readonly _authenticator: ServerAuthenticator;
  private readonly _answers: Express;
}

namespace Private {
  export function serverOriginForbidden(): DomainError {
    return new DomainError(
      'server_origin_forbidden',
      trans.__(
        'The hub does not answer this call from a workspace’s address: only its owner may call it from there.'
      )
    );
  }

  /** The name in `/user/<name>/…`, or null. */
  export function serverNameIn(url: string): string | null {
    const match = /^\/user\/([^/?]+)(\/|$|\?)/.exec(url);
    if (!match) {
      return null;
    }
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return null;
    }
  }

  /**
   * Whether a state-changing request comes from a page of this very origin (as the
   * hub's `checkOrigin`): `Origin`, else `Sec-Fetch-Site`, else no browser at all.
   */
  export function fromOwnPage(
    request: http.IncomingMessage,
    origin: string
  ): boolean {
    const given = request.headers.origin;
    if (given !== undefined) {
      return given.toLowerCase() === origin;
    }
    const site = request.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }

  /** A browser's navigation (a page is wanted), not a script's call. */
  export function navigates(request: http.IncomingMessage): boolean {
    return (
      ['GET', 'HEAD'].includes(request.method ?? 'GET') &&
      (request.headers.accept ?? '').includes('text/html')
    );
  }

  export function refuseSocket(socket: Duplex, status: string): void {
    socket.end(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
    );
  }
}
