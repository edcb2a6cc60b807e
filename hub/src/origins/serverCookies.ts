import { IServerGrant } from './enterCodes';
import { Signer } from './signed';

/**
 * How long a server's cookie lives without use; it is renewed on requests once half of
 * it has passed (sliding), and never outlives the hub session it comes from.
 */
export const SERVER_COOKIE_SECONDS = 15 * 60;

/**
 * A server's cookie once checked: its grant and when it ends.
 */
export interface IServerCookie extends IServerGrant {
  /** Unix time, in seconds. */
  expires: number;
}

/**
 * The cookie of a server's origin: host-only there (no `Domain`), HttpOnly,
 * SameSite=Lax, `__Host-` behind HTTPS. It is a signed grant (user, server, hub
 * session), so that it survives a hub restart (the key is kept in the secrets folder)
 * and needs no table; the hub session it names is checked on every use.
 */
export class ServerCookies {
  /**
   * @param name - the cookie's name (`CookieJar.serverName`: the proxy strips it from
   *   what servers receive).
   */
  constructor(
    private readonly _signer: Signer,
    readonly name: string,
    private readonly _secure: boolean,
    private readonly _now: () => number = Date.now,
    private readonly _lifetimeSeconds = SERVER_COOKIE_SECONDS
  ) {}

  /** A new cookie value for a grant. */
  make(grant: IServerGrant): string {
    return this._signer.sign('server', {
      u: grant.userId,
      s: grant.serverName,
      h: grant.sessionHash,
      e: Math.floor(this._now() / 1000) + this._lifetimeSeconds
    });
  }

  /** The grant of a cookie value, or null (forged, expired). */
  read(value: string): IServerCookie | null {
    const payload = this._signer.verify('server', value);
    if (
      !payload ||
      typeof payload.u !== 'string' ||
      typeof payload.s !== 'string' ||
      typeof payload.h !== 'string' ||
      typeof payload.e !== 'number' ||
      payload.e * 1000 <= this._now()
    ) {
      return null;
    }
    return {
      userId: payload.u,
      serverName: payload.s,
      sessionHash: payload.h,
      expires: payload.e
    };
  }

  /** Whether half of a cookie's life has passed: time to send a new one. */
  due(cookie: IServerCookie): boolean {
    return (
      cookie.expires * 1000 - this._now() < (this._lifetimeSeconds * 1000) / 2
    );
  }

  /** The `Set-Cookie` header of a value (or, without one, of its removal). */
  header(value: string | null): string {
    const parts = [
      `${this.name}=${value ?? ''}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Lax',
      `Max-Age=${value ? this._lifetimeSeconds : 0}`
    ];
    if (this._secure) {
      parts.push('Secure');
    }
    return parts.join('; ');
  }

  /**
   * The anti-CSRF token of the hub API on a server's origin: derived from the grant, so
   * that the hub session's own token never leaves the hub's origin.
   */
  xsrfToken(grant: IServerGrant): string {
    return this._signer.derive(
      `xsrf:${grant.sessionHash}:${grant.serverName}:${grant.userId}`
    );
  }
}
