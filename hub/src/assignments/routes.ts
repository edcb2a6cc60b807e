import express, { RequestHandler } from 'express';

import type { IAuthContext } from '../auth/authContext';
import { IRoute } from '../http/declared';
import { DomainError, trans } from '../errors';
import { assignmentItselfRoutes } from './assignmentRoutes';
import { learnerRoutes } from './learnerRoutes';
import type { IAssignmentRoutesDeps } from './routeDeps';
import { reviewRoutes } from './reviewRoutes';

export type { IAssignmentRoutesDeps } from './routeDeps';

/** The largest request body: 50 MB of files, in base64, in JSON. */
const BODY_LIMIT_BYTES = 70 * 1024 * 1024;

/**
 * The body parser of assignment routes: work travels as JSON with base64 files (50 MB
 * of files at most, as in the library). Bodies of callers without a session are not
 * even read, nor is a body whose announced length is over the limit: it is refused at
 * once and the connection closed, instead of being read to the end and dropped.
 */
export function assignmentBodyParser(): RequestHandler {
  const parse = express.json({ limit: BODY_LIMIT_BYTES });
  return (request, response, next) => {
    if (!(response.locals.auth as IAuthContext | null)) {
      return next();
    }
    if (Number(request.headers['content-length'] ?? 0) > BODY_LIMIT_BYTES) {
      response.set('Connection', 'close');
      return next(
        new DomainError(
          'too_large',
          trans.__('Upload too large: 50 MB of files at most per assignment.')
        )
      );
    }
    parse(request, response, next);
  };
}

/**
 * The assignments API, `/hub/api/v1/assignments/…`: the teacher creates, follows,
 * annotates and returns; the learner joins, fetches, submits and reads feedback.
 */
export function assignmentRoutes(deps: IAssignmentRoutesDeps): IRoute[] {
  return [
    ...assignmentItselfRoutes(deps),
    ...learnerRoutes(deps),
    ...reviewRoutes(deps)
  ];
}
