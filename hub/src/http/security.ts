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
