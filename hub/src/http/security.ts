import { RequestHandler } from 'express';

/**
 * Security headers of hub pages and API answers. Hub pages never embed user-written
 * HTML, load nothing from elsewhere and may not be framed.
 */
export function securityHeaders(secure: boolean): RequestHandler {
  return (_request, response, next) => {
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (secure) {
      response.setHeader(
        'Strict-Transport-Security',
        'max-age=63072000; includeSubDomains'
      );
    }
    next();
  };
}

/**
 * `Cache-Control: no-store` on every answer to a signed-in caller: they are theirs alone,
 * and many carry the session's anti-CSRF token (`/api/v1/me`, every page with a form),
 * which no browser or shared cache may keep. Mounted once the session is known; a
 * route that serves immutable files says otherwise itself.
 */
export const noStoreForSessions: RequestHandler = (
  _request,
  response,
  next
) => {
  if (response.locals.auth) {
    response.setHeader('Cache-Control', 'no-store');
  }
  next();
};
