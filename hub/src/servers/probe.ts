import * as http from 'http';

import { IDENTITY_HEADER, signIdentity } from '../identity/sign';
import { IUser } from '../users/service';
import { userColor } from './colors';
import type { IServerHandle } from './types';

/**
 * Whether a recorded server answers as the one the hub started: asked for its status with
 * an identity signed with the server's secret, it says 200. A server that hangs, a server
 * with another secret (403) or another program on its port (404…) does not.
 */
export type ServerProbe = (
  handle: IServerHandle,
  baseUrl: string,
  user: IUser
) => Promise<boolean>;

/**
 * The real probe: `GET <url><baseUrl>api/status` on loopback, as the server's owner.
 */
export function probeServer(
  handle: IServerHandle,
  baseUrl: string,
  user: IUser,
  timeoutMs = 5000
): Promise<boolean> {
  let identity: string;
  try {
    identity = signIdentity(
      {
        name: user.name,
        displayName: user.displayName,
        role: user.roles[0] ?? 'learner',
        color: userColor(user.name)
      },
      handle.secret
    );
  } catch {
    return Promise.resolve(false); // a secret no server would accept
  }
  return new Promise(resolve => {
    const request = http.get(
      new URL(`${baseUrl}api/status`, handle.server.url),
      {
        agent: false,
        timeout: timeoutMs,
        headers: { [IDENTITY_HEADER]: identity }
      }
    );
    request.once('response', response => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}
