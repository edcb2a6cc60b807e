import { Response } from 'express';
import { IncomingMessage } from 'http';

/**
 * Cookie names and attributes. Behind HTTPS the session cookie takes the `__Host-`
 * prefix (Secure, Path=/, no Domain: it cannot be set by a sibling subdomain).
 */
export class CookieJar {
  constructor(private readonly _secure: boolean) {}

  get sessionName(): string {
    return this._secure ? '__Host-candyce-session' : 'candyce-session';
  }

  get loginXsrfName(): string {
    return this._secure ? '__Host-candyce-login' : 'candyce-login';
  }

  /** The id of an OpenID Connect login in progress (auth/oidc/flows.ts). */
  get oidcFlowName(): string {
    return this._secure ? '__Host-candyce-oidc' : 'candyce-oidc';
  }

  /**
   * The cookie of a server's origin (`hub/src/origins/serverCookies.ts`), in subdomain
   * mode: a server never sees it either.
   */
  get serverName(): string {
    return this._secure ? '__Host-candyce-server' : 'candyce-server';
  }

  read(
    request: Pick<IncomingMessage, 'headers'>,
    name: string
  ): string | undefined {
    const header = request.headers.cookie;
    if (!header) {
      return undefined;
    }
    for (const part of header.split(';')) {
      const at = part.indexOf('=');
      if (at > 0 && part.slice(0, at).trim() === name) {
        try {
          return decodeURIComponent(part.slice(at + 1).trim());
        } catch {
          return undefined;
        }
      }
    }
    return undefined;
  }

  set(
    response: Response,
    name: string,
    value: string,
    maxAgeSeconds?: number
  ): void {
    response.cookie(name, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this._secure,
      path: '/',
      ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds * 1000 } : {})
    });
  }

  /**
   * A Cookie header without the hub's own cookies: user servers never see the session.
   */
  withoutHubCookies(header: string | undefined): string | undefined {
    if (!header) {
      return undefined;
    }
    const hub = [
      this.sessionName,
      this.loginXsrfName,
      this.oidcFlowName,
      this.serverName
    ];
    const kept = header
      .split(';')
      .map(part => part.trim())
      .filter(part => part && !hub.includes(part.slice(0, part.indexOf('='))));
    return kept.length ? kept.join('; ') : undefined;
  }

  clear(response: Response, name: string): void {
    response.clearCookie(name, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this._secure,
      path: '/'
    });
  }
}
