import { randomBytes } from 'crypto';

import { serverLabel } from './labels';
import { Signer } from './signed';

/**
 * Who may enter which server, from which hub session: what an enter code and a
 * server's cookie both carry.
 */
export interface IServerGrant {
  userId: string;
  /** The server's name (today its owner's user name). */
  serverName: string;
  /** The SHA-256 of the hub session it comes from: logging out ends it too. */
  sessionHash: string;
}

/** Why a code was refused (said in the answer's message, never which part failed). */
export type EnterRefusal = 'invalid' | 'expired' | 'used' | 'other_server';

/**
 * How long a code may wait between the hub's redirect and the server's origin: a
 * browser follows a redirect at once.
 */
export const ENTER_CODE_SECONDS = 60;

/**
 * One-time, short-lived codes with which the hub, on its own origin (where the session
 * is), hands a server's origin over to a browser: `<server origin>/candyce/enter?code=…`.
 *
 * A code is signed with a key of this process only (a code never outlives the hub that
 * made it, so the set of used codes, in memory, is complete) and bound to one server:
 * the origin that redeems it must be that server's.
 */
export class EnterCodes {
  constructor(
    private readonly _now: () => number = Date.now,
    private readonly _signer = Signer.ephemeral(),
    private readonly _lifetimeSeconds = ENTER_CODE_SECONDS
  ) {}

  issue(grant: IServerGrant): string {
    this._purge();
    return this._signer.sign('enter', {
      u: grant.userId,
      s: grant.serverName,
      h: grant.sessionHash,
      e: Math.floor(this._now() / 1000) + this._lifetimeSeconds,
      n: randomBytes(12).toString('base64url')
    });
  }

  /**
   * The grant of a code, redeemed on the origin of label `label`; a code is taken
   * once, even when it is refused for another server (it was shown to the wrong one).
   */
  redeem(code: string, label: string): IServerGrant | EnterRefusal {
    this._purge();
    const payload = this._signer.verify('enter', code);
    if (
      !payload ||
      typeof payload.u !== 'string' ||
      typeof payload.s !== 'string' ||
      typeof payload.h !== 'string' ||
      typeof payload.e !== 'number' ||
      typeof payload.n !== 'string'
    ) {
      return 'invalid';
    }
    if (payload.e * 1000 <= this._now()) {
      return 'expired';
    }
    if (this._used.has(payload.n)) {
      return 'used';
    }
    this._used.set(payload.n, payload.e);
    if (serverLabel(payload.s) !== label) {
      return 'other_server';
    }
    return { userId: payload.u, serverName: payload.s, sessionHash: payload.h };
  }

  /** Forget used codes once they have expired anyway. */
  private _purge(): void {
    const nowSeconds = this._now() / 1000;
    for (const [nonce, expires] of this._used) {
      if (expires < nowSeconds) {
        this._used.delete(nonce);
      }
    }
  }

  /** Nonces of redeemed codes, with their expiry (seconds). */
  private readonly _used = new Map<string, number>();
}
