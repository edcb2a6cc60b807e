import type { RouteRequest } from '../http/declared';
import type { ITarget, Policy } from '../policy';
import type { IUser } from '../users/service';
import type { IAssignmentRoutesDeps } from './routeDeps';
import type { IAssignmentRow } from './store';

/**
 * The object of the rights of `/assignments/:id…` routes. An unknown assignment and
 * one the caller may not see answer the same 403: rights do not reveal what exists.
 */
export function assignmentOf(request: RouteRequest): ITarget {
  return { assignmentId: request.params.id };
}

/**
 * How `/assignments/:id…` routes find their assignment, once the right is granted.
 *
 * @throws {DomainError} 404 for an unknown assignment (only callers who may see every
 *   assignment get this far).
 */
export function loadAssignment(
  deps: Pick<IAssignmentRoutesDeps, 'assignments'>
): (request: RouteRequest) => Promise<IAssignmentRow> {
  return request => deps.assignments.getOr404(request.params.id);
}

/** Whether the caller reads the assignment as its teacher (owner or admin). */
export function teaches(
  policy: Policy,
  user: IUser,
  row: IAssignmentRow
): Promise<boolean> {
  return policy.allows(user, 'assignments:write', { assignmentId: row.id });
}

/**
 * A teacher hands out only to classes they teach (admins: to any): the classes named
 * in a body, beyond the right the route declares.
 */
export async function requireClasses(
  policy: Policy,
  user: IUser,
  classIds: readonly string[]
): Promise<void> {
  for (const classId of classIds) {
    await policy.require(user, 'classes:write', { classId });
  }
}
