import { RequestHandler } from 'express';
import * as http from 'http';
import { Duplex } from 'stream';

import { CookieJar } from '../auth/cookies';
import { AuthCache } from '../auth/authCache';
import { attachSession, authenticate, IAuthContext } from '../auth/middleware';
import { presetAuthOf } from '../auth/presetAuth';
import { SessionService } from '../auth/sessions';
import { DomainError, ERROR_STATUS } from '../errors';
import { groupAccountNamed, groupOpenPath } from '../groups/access';
import { IdentityKey } from '../identity/keys';
import { IDENTITY_HEADER } from '../identity/sign';
import { ServerRegistry } from '../servers/registry';
import { IServerHandle } from '../servers/types';
import { connectionOf } from '../spawner/address';
import { IUser, UserService } from '../users/service';
import { sendJsonError, setSecurityHeaders, toLoginOrSpawn } from './answers';
import { Compression } from './compress';
import {
  forwardedHeaders,
  forwardHttp,
  forwardUpgrade,
  rawSecurityHeaders
} from './forward';
import { IdentityHeaders } from './identityHeader';
import { watchKernelStart } from './kernelStarts';
import {
  looksOnly,
  proxyTarget,
  ProxyTarget,
  VisitorSockets
} from './ownerRouting';

/**
 * What the proxy needs.
 */
export interface IProxyDeps {
  registry: ServerRegistry;
  cookies: CookieJar;
  sessions: SessionService;
  users: UserService;
  /** Compresses answers on their way to the browser. */
  compression: Compression;
  /** Signs the identity header that servers trust (they hold its public key). */
  identityKey: IdentityKey;
  log: { warn: (object: unknown, message: string) => void };
  /**
   * A user's server was asked to start a kernel (or to change a notebook's) from this
   * kernelspec: the environments note the use.
   */
  onKernelStart?: (userId: string, kernelName: string) => void;
}

/**
 * `/user/<name>/…` → that user's server, after checking the session and the right to it.
 */
export class UserProxy {
  constructor(private readonly _deps: IProxyDeps) {
    this._identities = new IdentityHeaders(_deps.identityKey);
    _deps.sessions.onEnded(ended =>
      'token' in ended
        ? this._authCache.forgetToken(ended.token)
        : this._authCache.forgetUser(ended.userId)
    );
    const attach = attachSession(
      _deps.cookies,
      _deps.sessions,
      _deps.users,
      this._authCache
    );
    this.attachSession = (request, response, next) => {
      // First, so that every answer under /user has them, errors included.
      setSecurityHeaders(response);
      attach(request, response, next);
    };
  }

  /**
   * Express middleware that resolves the session cookie (through a short cache: see
   * `AuthCache`) and sets the security headers of every answer under /user; goes before
   * `handleHttp`.
   */
  readonly attachSession: RequestHandler;

  /**
   * The hot path, tried before Express: a request for the caller's own running server,
   * with a session resolved a moment ago, is forwarded at once. Express's router and the
   * asynchronous session middleware cost ≈0.7 ms of CPU per request, nearly as much as
   * the forwarding itself.
   *
   * @returns whether it took the request; if not (no session in the cache, another
   *   user's server, a server not running, a bad address), Express's `/user` route
   *   answers it as it answers every case.
   */
  forwardIfReady(
    request: http.IncomingMessage,
    response: http.ServerResponse
  ): boolean {
    const url = request.url ?? '';
    if (!url.startsWith('/user/')) {
      return false;
    }
    // On a server's origin the gate has already said who calls (hub/src/origins).
    const preset = presetAuthOf(request);
    const token =
      preset === undefined
        ? this._deps.cookies.read(request, this._deps.cookies.sessionName)
        : undefined;
    const auth =
      preset ?? (token ? this._authCache.get(token) : undefined) ?? undefined;
    if (!auth) {
      return false;
    }
    let target: ProxyTarget;
    try {
      target = this._route(url, auth, preset !== undefined);
    } catch {
      return false;
    }
    if (target.kind !== 'proxy') {
      return false;
    }
    setSecurityHeaders(response);
    try {
      this._forward(
        request,
        response,
        target.user,
        target.handle,
        target.visitor
      );
    } catch (error) {
      // Nothing sent yet: Express tries again, and reports what fails.
      if (!response.headersSent) {
        return false;
      }
      response.destroy(error as Error);
    }
    return true;
  }

  /**
   * Express handler for HTTP requests under /user.
   */
  readonly handleHttp: RequestHandler = (request, response, next) => {
    try {
      const target = this._route(
        request.originalUrl,
        response.locals.auth as IAuthContext | null,
        presetAuthOf(request) !== undefined
      );
      if (target.kind === 'login') {
        return toLoginOrSpawn(
          request,
          response,
          `/hub/login?next=${encodeURIComponent(request.originalUrl)}`,
          401,
          'unauthenticated',
          'Connexion requise.'
        );
      }
      if (target.kind === 'not-running') {
        // A group's server is started from its own page, not the caller's.
        const start = groupAccountNamed(target.user.name)
          ? groupOpenPath(target.user.name)
          : `/hub/spawn?next=${encodeURIComponent(request.originalUrl)}`;
        return toLoginOrSpawn(
          request,
          response,
          start,
          503,
          'server_not_running',
          'Votre espace de travail n’est pas démarré.'
        );
      }
      // Express took the mount point off the URL: the user's server wants it whole.
      request.url = request.originalUrl;
      this._forward(
        request,
        response,
        target.user,
        target.handle,
        target.visitor
      );
    } catch (error) {
      next(error);
    }
  };

  /**
   * The HTTP server's `upgrade` listener (WebSocket: kernels, collaboration).
   */
  async handleUpgrade(
    request: http.IncomingMessage,
    socket: Duplex,
    head: Buffer
  ): Promise<void> {
    const refuse = (status: string) => {
      socket.end(
        `HTTP/1.1 ${status}\r\n${rawSecurityHeaders()}Connection: close\r\nContent-Length: 0\r\n\r\n`
      );
    };
    try {
      const auth = await authenticate(
        request,
        this._deps.cookies,
        this._deps.sessions,
        this._deps.users,
        this._authCache
      );
      const target = this._route(
        request.url ?? '',
        auth,
        presetAuthOf(request) !== undefined
      );
      if (target.kind === 'proxy' && target.visitor.id !== target.user.id) {
        this._visitorSockets.keep(target.visitor, target.user.name, socket);
      }
      if (target.kind === 'login') {
        return refuse('401 Unauthorized');
      }
      if (target.kind === 'not-running') {
        return refuse('503 Service Unavailable');
      }
      forwardUpgrade(
        request,
        socket,
        head,
        connectionOf(target.handle.server.url),
        this._headers(request, target.visitor, target.handle, target.user.name),
        () => this._deps.registry.socketOpened(target.user.id)
      );
    } catch (error) {
      refuse(
        error instanceof DomainError && ERROR_STATUS[error.code] === 403
          ? '403 Forbidden'
          : '404 Not Found'
      );
    }
  }

  private _route(
    url: string,
    auth: IAuthContext | null,
    onServerOrigin: boolean
  ): ProxyTarget {
    return proxyTarget(this._deps.registry, url, auth, onServerOrigin);
  }

  /**
   * Forward to the user's running server (or answer from its remembered assets), as
   * `visitor` (the user themselves, or a member of a group whose server it is).
   */
  private _forward(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    user: IUser,
    handle: IServerHandle,
    visitor: IUser = user
  ): void {
    this._deps.registry.touch(user.id);
    const onKernelStart = this._deps.onKernelStart;
    if (onKernelStart) {
      watchKernelStart(request, name => onKernelStart(user.id, name));
    }
    // A versioned asset this server already sent: no need to ask it again.
    if (this._deps.compression.sendRemembered(request, response, handle)) {
      return;
    }
    forwardHttp(
      request,
      response,
      connectionOf(handle.server.url),
      this._headers(request, visitor, handle, user.name),
      this._agent,
      error =>
        void this._unreachable(request, response, user.id, handle, error),
      this._deps.compression,
      handle
    );
  }

  private _headers(
    request: http.IncomingMessage,
    user: IUser,
    handle: IServerHandle,
    ownerName: string = user.name
  ): http.OutgoingHttpHeaders {
    return forwardedHeaders(request, {
      cookie: this._deps.cookies.withoutHubCookies(request.headers.cookie),
      identityHeader: IDENTITY_HEADER,
      identity: this._identities.sign(user, handle, looksOnly(user, ownerName))
    });
  }

  /**
   * A user's server did not answer: if it has exited on its own, send the user to the
   * progress page that starts it again; otherwise say it does not answer (it may be
   * busy, or starting its answer).
   */
  private async _unreachable(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    userId: string,
    handle: IServerHandle,
    error: Error
  ): Promise<void> {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const exited = await this._deps.registry
      .forgetIfExited(userId, handle)
      .catch(() => false);
    this._deps.log.warn(
      { err: error.message, userId, exited },
      exited ? 'user server exited on its own' : 'user server unreachable'
    );
    if (response.headersSent) {
      return;
    }
    if (exited) {
      toLoginOrSpawn(
        request,
        response,
        `/hub/spawn?next=${encodeURIComponent(request.url ?? '')}`,
        503,
        'server_exited',
        'Votre espace de travail s’est arrêté : rechargez la page pour le redémarrer.'
      );
      return;
    }
    sendJsonError(
      response,
      502,
      'server_unreachable',
      'Votre espace de travail ne répond pas : rechargez la page dans un instant.'
    );
  }

  private readonly _visitorSockets = new VisitorSockets();

  private readonly _identities: IdentityHeaders;

  private readonly _authCache = new AuthCache();

  // Connections to users' servers (on their Unix sockets: the agent keeps one pool per
  // socket path) are reused; a burst may open many, but only a few stay open once it is
  // over (each idle one costs the server a file descriptor).
  private readonly _agent = new http.Agent({
    keepAlive: true,
    maxSockets: 256,
    maxFreeSockets: 16
  });
}
