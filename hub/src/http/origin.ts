import { Request, RequestHandler } from 'express';

import { messagePage, pageTrans } from '../pages/render';
import { DomainError, trans, translateMessage } from '../errors';

/**
 * Methods that change nothing, which any page may send.
 */
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Refuse state-changing requests that a browser sent from another site (403), before
 * their body is read: a second wall behind the anti-CSRF token, for pages (login forms
 * included: no site may sign a browser in) and the API alike, so that a token that
 * leaked (a cached answer, a copied page) is not enough. Mounted once the session is
 * known.
 *
 * A browser names where a request comes from in `Origin` (every POST, PUT, PATCH and
 * DELETE of today's browsers); it must be the hub's own origin: `publicUrl`'s, or the
 * one the request was addressed to (its `Host`, over HTTPS or the scheme it came by).
 * Without `Origin`, `Sec-Fetch-Site` must say `same-origin` or `none` (the user's own
 * action). With neither, the caller is a script (`curl`) or a browser too old to say:
 * the anti-CSRF token alone guards it, as before.
 *
 * Under `/api/` the refusal is the API's JSON error (`foreign_origin`); elsewhere a page.
 */
export function checkOrigin(publicUrl?: string): RequestHandler {
  const configured = publicUrl ? new URL(publicUrl).origin : null;
  return (request, response, next) => {
    const api = request.path.startsWith('/api/');
    if (
      SAFE_METHODS.includes(request.method) ||
      // Without a session an API call changes nothing: its answer is the API's 401.
      (api && !response.locals.auth) ||
      Private.sameOrigin(request, configured)
    ) {
      return next();
    }
    if (api) {
      return next(
        new DomainError(
          'foreign_origin',
          trans.__('Request refused: it does not come from a Candyce page.')
        )
      );
    }
    // `trans` writes messages down (errors/message.ts); the page's language tells them.
    const reader = pageTrans(response);
    messagePage(
      response,
      403,
      translateMessage(trans.__('Request refused'), reader),
      translateMessage(
        trans.__(
          'This form does not come from a Candyce page: open Candyce and start again.'
        ),
        reader
      )
    );
  };
}

namespace Private {
  /** Whether the request comes from the hub's own pages, or from no browser at all. */
  export function sameOrigin(
    request: Request,
    configured: string | null
  ): boolean {
    const origin = request.header('origin');
    if (origin === undefined) {
      const site = request.header('sec-fetch-site');
      return site === undefined || site === 'same-origin' || site === 'none';
    }
    const own = [configured, ...addressed(request)];
    return own.includes(origin.toLowerCase());
  }

  /**
   * The origins the request was addressed to: its host over the scheme it came by, and
   * over HTTPS (a proxy in front of the hub that ends TLS and is not among
   * `trustedProxies`: an HTTPS page of this very host is the hub's own).
   */
  export function addressed(request: Request): string[] {
    const host = request.host;
    if (!host) {
      return [];
    }
    const origins: string[] = [];
    for (const scheme of new Set([request.protocol, 'https'])) {
      try {
        origins.push(new URL(`${scheme}://${host}`).origin);
      } catch {
        // A Host header that is no host: no origin matches it.
      }
    }
    return origins;
  }
}
