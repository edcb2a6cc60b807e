import * as http from 'http';

import { IdentityKey } from '../identity/keys';
import { IDENTITY_HEADER } from '../identity/sign';
import { requestOptions } from '../spawner/address';
import { IUser } from '../users/service';
import { userColor } from './colors';
import type { IServerHandle } from './types';

/**
 * Whether a recorded server answers as the one the hub started: asked for its status with
 * an identity signed with the hub's key, it says 200. A server that hangs, a server that
 * trusts another key (403) or another program on its socket (404…) does not.
 */
export type ServerProbe = (
  handle: IServerHandle,
  baseUrl: string,
  user: IUser
) => Promise<boolean>;

/**
 * The real probe: `GET <baseUrl>api/status` on the server's socket (or port), as the
 * server's owner, signed with `key`.
 */
export function probeServer(
  key: IdentityKey,
  handle: IServerHandle,
  baseUrl: string,
  user: IUser,
  timeoutMs = 5000
): Promise<boolean> {
  let options: http.RequestOptions;
  try {
    options = requestOptions(handle.server.url, `${baseUrl}api/status`);
  } catch {
    return Promise.resolve(false); // an address no server listens at
  }
  const identity = key.sign({
    name: user.name,
    displayName: user.displayName,
    role: user.roles[0] ?? 'learner',
    color: userColor(user.name)
  });
  return new Promise(resolve => {
    const request = http.get({
      ...options,
      agent: false,
      timeout: timeoutMs,
      headers: { [IDENTITY_HEADER]: identity }
    });
    request.once('response', response => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}
