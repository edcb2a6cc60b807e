import { Duplex } from 'stream';

import { IAuthContext } from '../auth/middleware';
import { DomainError, trans } from '../errors';
import { groupAccountNamed, groupNeedsServerOrigins } from '../groups/access';
import { helpVisits } from '../help/visits';
import { mayEnter } from '../origins/access';
import { ServerRegistry } from '../servers/registry';
import { IServerHandle } from '../servers/types';
import { isValidUserName } from '../users/names';
import { IUser } from '../users/service';

/**
 * Where a request under `/user/<name>/` goes: to the login, to the start of a server
 * that does not run, or to a running server, whose owner (`user`) and caller
 * (`visitor`) differ on a shared one.
 */
export type ProxyTarget =
  | { kind: 'login' }
  | { kind: 'not-running'; user: IUser }
  | { kind: 'proxy'; user: IUser; visitor: IUser; handle: IServerHandle };

/**
 * The server a request under `/user/<name>/` is for, and as whom: each user reaches
 * their own server; a shared one (a group's, a pupil's a teacher joined to help) only
 * whoever `mayEnter` lets in, and only on its own origin.
 *
 * @throws {DomainError} 404 `not_found` for an address that names no server; 403
 *   `forbidden` for another's server the caller may not enter; 409
 *   `group_needs_server_origins` for a shared one on the hub's origin.
 */
export function proxyTarget(
  registry: Pick<ServerRegistry, 'running'>,
  url: string,
  auth: IAuthContext | null,
  onServerOrigin: boolean
): ProxyTarget {
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
  const owner =
    auth.user.name === name
      ? auth.user
      : sharedOwner(auth.user, name, onServerOrigin);
  const handle = registry.running(owner);
  return handle
    ? { kind: 'proxy', user: owner, visitor: auth.user, handle }
    : { kind: 'not-running', user: owner };
}

/**
 * Whether `visitor` enters `ownerName`'s server to look only (a teacher the pupil let
 * only look): the server then refuses her writes.
 */
export function looksOnly(visitor: IUser, ownerName: string): boolean {
  return (
    visitor.name !== ownerName &&
    helpVisits.visitOf(visitor, ownerName)?.access === 'read'
  );
}

/**
 * The WebSockets (kernel, collaboration) helping teachers opened to pupils' servers,
 * closed when the help ends: an open socket would otherwise outlive her right to enter.
 */
export class VisitorSockets {
  constructor() {
    helpVisits.onRevoked(visit => {
      const key = `${visit.visitorId}\n${visit.owner.name}`;
      this._sockets.get(key)?.forEach(socket => socket.destroy());
    });
  }

  /** Keep a visitor's socket to `serverName`'s server until it closes. */
  keep(visitor: IUser, serverName: string, socket: Duplex): void {
    const key = `${visitor.id}\n${serverName}`;
    const sockets = this._sockets.get(key) ?? new Set<Duplex>();
    this._sockets.set(key, sockets);
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (!sockets.size) {
        this._sockets.delete(key);
      }
    });
  }

  private readonly _sockets = new Map<string, Set<Duplex>>();
}

/**
 * The account of a shared server the caller may enter (a group workspace's, or the
 * pupil a teacher joined to help), or a refusal: not theirs, or (path mode) served on
 * the hub's own origin, where the server's pages would act with every visitor's hub
 * session.
 */
function sharedOwner(
  user: IUser,
  name: string,
  onServerOrigin: boolean
): IUser {
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
