import express, { RequestHandler, Router } from 'express';

import { IAuthContext } from '../auth/middleware';
import { RateLimiter } from '../auth/rateLimit';
import { HttpError } from '../http/errors';
import { Policy } from '../policy';
import { addAssignmentRoutes } from './assignmentRoutes';
import { AutogradingService } from './autograding';
import { addLearnerRoutes } from './learnerRoutes';
import { ReviewService } from './review';
import { addReviewRoutes } from './reviewRoutes';
import { AssignmentService } from './service';
import { SubmissionService } from './submissions';

/**
 * What the assignment routes need.
 */
export interface IAssignmentRoutesDeps {
  assignments: AssignmentService;
  submissions: SubmissionService;
  reviews: ReviewService;
  autograding: AutogradingService;
  policy: Policy;
  /** Share-code attempts per user (default: 10 a minute). */
  joinLimiter?: RateLimiter;
}

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
        new HttpError(
          413,
          'too_large',
          'Envoi trop volumineux : 50 Mo de fichiers au plus par devoir.'
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
export function assignmentsRouter(deps: IAssignmentRoutesDeps): Router {
  const router = Router();
  // In this order: a literal segment (`join`, `mine`) before the `:param` it matches.
  addAssignmentRoutes(router, deps);
  addLearnerRoutes(router, deps);
  addReviewRoutes(router, deps);
  return router;
}
