import type { RateLimiter } from '../auth/rateLimit';
import type { Policy } from '../policy';
import type { AutogradingService } from './autograding';
import type { ReviewService } from './review';
import type { AssignmentService } from './service';
import type { SubmissionService } from './submissions';

/**
 * What the assignment routes need. A leaf module, so that the route files and
 * `routes.ts`, which gathers them, do not import each other.
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
