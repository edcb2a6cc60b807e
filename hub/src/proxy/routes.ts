import { RequestHandler } from 'express';
import * as http from 'http';
import { Duplex } from 'stream';

import { CookieJar } from '../auth/cookies';
import { AuthCache } from '../auth/authCache';
import { attachSession, authenticate, IAuthContext } from '../auth/middleware';
import { presetAuthOf } from '../auth/presetAuth';
import { SessionService } from '../auth/sessions';
import { DomainError, ERROR_STATUS, trans } from '../errors';
import {
  groupAccountNamed,
  groupNeedsServerOrigins,
  groupOpenPath
} from '../groups/access';
import { helpVisits } from '../help/visits';
import { IdentityKey } from '../identity/keys';
import { IDENTITY_HEADER } from '../identity/sign';
import { mayEnter } from '../origins/access';
import { userColor } from '../servers/colors';
import { ServerRegistry } from '../servers/registry';
import { IServerHandle } from '../servers/types';
import { connectionOf } from '../spawner/address';
import { isValidUserName, Role } from '../users/names';
import { IUser, UserService } from '../users/service';
import { Compression } from './compress';
import {
  forwardedHeaders,
  forwardHttp,
  forwardUpgrade,
  rawSecurityHeaders,
  SECURITY_HEADERS
} from './forward';
import { watchKernelStart } from './kernelStarts';

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

/** An identity header, signed and kept for reuse. */
interface ISignedIdentity {
  key: string;
  header: string;
  renewAt: number;
}

/**
 * How long an identity header is valid, in seconds.
 */
const IDENTITY_LIFETIME_SECONDS = 60;

/**
 * The role shown to JupyterLab: the highest the user holds.
 */
const ROLE_ORDER: Role[] = [
  'admin',
  'inspector',
  'teacher',
  'author',
  'learner'
];

/**
 * `/user/<name>/…` → that user's server, after checking the session and the right to it.
 */
export class UserProxy {
  constructor(private readonly _deps: IProxyDeps) {
    helpVisits.onRevoked(visit => {
      const key = `${visit.visitorId}\n${visit.owner.name}`;
      this._visitorSockets.get(key)?.forEach(socket => socket.destroy());
    });
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
    let target: ReturnType<UserProxy['_route']>;
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
        this._keepVisitorSocket(target.visitor, target.user.name, socket);
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
  ):
    | { kind: 'login' }
    | { kind: 'not-running'; user: IUser }
    | { kind: 'proxy'; user: IUser; visitor: IUser; handle: IServerHandle } {
    const name = decodeURIComponent(url.split('/')[2] ?? '');
    if (!url.startsWith('/user/') || !isValidUserName(name)) {
      throw new DomainError(
        'not_found',
        trans.__('This address does not exist.')
      );
    }
    if (!auth) {
      return { kind: 'login' };
    }
    // Each user reaches their own server; a shared one (a group's) only whoever
    // `mayEnter` lets in, and only on its own origin.
    const owner =
      auth.user.name === name
        ? auth.user
        : Private.sharedOwner(auth.user, name, onServerOrigin);
    const handle = this._deps.registry.running(owner);
    return handle
      ? { kind: 'proxy', user: owner, visitor: auth.user, handle }
      : { kind: 'not-running', user: owner };
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
      identity: this._identityFor(user, handle, ownerName)
    });
  }

  /**
   * The signed identity of the user for their server. A header is valid 60 s; it is
   * reused for half of that (signing it on every request cost the proxy 8 % of its
   * throughput), and signed again at once if the user's name or role changed.
   */
  private _identityFor(
    user: IUser,
    handle: IServerHandle,
    ownerName: string
  ): string {
    // A teacher the pupil let only look: her server refuses her writes.
    const readOnly =
      user.name !== ownerName &&
      helpVisits.visitOf(user, ownerName)?.access === 'read';
    const identity = {
      name: user.name,
      displayName: user.displayName,
      role: ROLE_ORDER.find(r => user.roles.includes(r)) ?? 'learner',
      color: userColor(user.name),
      ...(readOnly ? { access: 'read' as const } : {})
    };
    const key = JSON.stringify(identity);
    const nowSeconds = Math.floor(Date.now() / 1000);
    // One per visitor of the server (its owner; a group's members).
    const byVisitor =
      this._signed.get(handle) ?? new Map<string, ISignedIdentity>();
    this._signed.set(handle, byVisitor);
    const signed = byVisitor.get(user.name);
    if (signed && signed.key === key && nowSeconds < signed.renewAt) {
      return signed.header;
    }
    const header = this._deps.identityKey.sign(
      identity,
      nowSeconds,
      IDENTITY_LIFETIME_SECONDS
    );
    byVisitor.set(user.name, {
      key,
      header,
      renewAt: nowSeconds + IDENTITY_LIFETIME_SECONDS / 2
    });
    return header;
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

  /**
   * A helping teacher's WebSocket (kernel, collaboration) to a pupil's server, closed
   * when the help ends: an open socket would otherwise outlive her right to enter.
   */
  private _keepVisitorSocket(
    visitor: IUser,
    serverName: string,
    socket: Duplex
  ): void {
    const key = `${visitor.id}\n${serverName}`;
    const sockets = this._visitorSockets.get(key) ?? new Set<Duplex>();
    this._visitorSockets.set(key, sockets);
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (!sockets.size) {
        this._visitorSockets.delete(key);
      }
    });
  }

  private readonly _visitorSockets = new Map<string, Set<Duplex>>();

  private readonly _authCache = new AuthCache();

  /** The identity header last signed for each running server and visitor. */
  private readonly _signed = new WeakMap<
    IServerHandle,
    Map<string, ISignedIdentity>
  >();

  // Connections to users' servers (on their Unix sockets: the agent keeps one pool per
  // socket path) are reused; a burst may open many, but only a few stay open once it is
  // over (each idle one costs the server a file descriptor).
  private readonly _agent = new http.Agent({
    keepAlive: true,
    maxSockets: 256,
    maxFreeSockets: 16
  });
}

namespace Private {
  /**
   * The account of a shared server the caller may enter (a group workspace's), or a
   * refusal: not theirs, or (path mode) served on the hub's own origin, where the
   * server's pages would act with every visitor's hub session.
   */
  export function sharedOwner(
    user: IUser,
    name: string,
    onServerOrigin: boolean
  ): IUser {
    // A group's account, or the pupil a teacher joined to help.
    const owner =
      groupAccountNamed(name) ?? helpVisits.visitOf(user, name)?.owner ?? null;
    if (!owner || !mayEnter(user, name)) {
      throw new DomainError(
        'forbidden',
        trans.__('This workspace is not yours.')
      );
    }
    if (!onServerOrigin) {
      throw groupNeedsServerOrigins();
    }
    return owner;
  }
}

/**
 * Pages go to the login or start page; API calls get a JSON error. Plain `http`, for
 * the answers of the hot path too.
 */
function toLoginOrSpawn(
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
function setSecurityHeaders(response: http.ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    response.setHeader(name, value);
  }
}

/** The hub's JSON error, `{ "error": { "code", "message" } }`. */
function sendJsonError(
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
