/**
 * The library's Express middleware, mounted before its routes: body parsing for
 * publishing, and CORS for a public library.
 */
import express, { RequestHandler } from 'express';

import { IAuthContext } from '../auth/middleware';

/** A zip to import: the limits of publishing, plus what a zip adds around them. */
const ZIP_BODY_LIMIT = '55mb';

/**
 * The routes a public library answers to callers without a session, under
 * `/hub/api/v1/library`.
 */
const PUBLIC_PATHS =
  /^\/(taxonomy|resources(\/[^/]+(\/versions\/[^/]+(\/files\/.+|\/export\.zip)?)?)?)$/;

/**
 * The body parser of publishing routes: a resource travels as JSON with base64 files
 * (50 MB of files at most), or as a zip to import. Bodies of callers without a session
 * are not even read.
 */
export function libraryBodyParser(): RequestHandler {
  const json = express.json({ limit: '70mb' });
  const zip = express.raw({ type: 'application/zip', limit: ZIP_BODY_LIMIT });
  return (request, response, next) =>
    (response.locals.auth as IAuthContext | null)
      ? json(request, response, error =>
          error ? next(error) : zip(request, response, next)
        )
      : next();
}

/**
 * CORS for a public library (`libraryPublic`): its read-only routes may be fetched
 * from any origin, without credentials (`Access-Control-Allow-Origin: *` never lets a
 * browser send cookies), so that a JupyterLab without the platform can search it.
 * Mounted at `/library`; does nothing when the library is not public.
 */
export function libraryCors(isPublic: boolean): RequestHandler {
  return (request, response, next) => {
    if (!isPublic || !PUBLIC_PATHS.test(request.path)) {
      return next();
    }
    if (request.method === 'OPTIONS') {
      response
        .status(204)
        .set({
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
          'Access-Control-Allow-Headers': 'Accept, Content-Type',
          'Access-Control-Max-Age': '600'
        })
        .end();
      return;
    }
    if (request.method === 'GET' || request.method === 'HEAD') {
      response.set({
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Expose-Headers': 'Content-Disposition, ETag'
      });
    }
    next();
  };
}
