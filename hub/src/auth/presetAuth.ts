import type { IncomingMessage } from 'http';

import type { IAuthContext } from './authContext';

/**
 * The caller of requests that a server's origin authenticated (`hub/src/origins`: its
 * own cookie, never the hub's session). Once set, it is the request's only caller:
 * `authenticate` reads no cookie for it.
 */
const PRESET = new WeakMap<IncomingMessage, IAuthContext | null>();

/** Say who calls (null: nobody) before the request reaches the hub's handlers. */
export function presetAuth(
  request: IncomingMessage,
  auth: IAuthContext | null
): void {
  PRESET.set(request, auth);
}

/** The caller set by {@link presetAuth}; undefined when none was. */
export function presetAuthOf(
  request: Pick<IncomingMessage, 'headers'>
): IAuthContext | null | undefined {
  return PRESET.get(request as IncomingMessage);
}
