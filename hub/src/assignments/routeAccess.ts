import { Response } from 'express';

import { requireAuth } from '../auth/middleware';
import { Policy } from '../policy';
import { Right } from '../policy/scopes';
import { IUser } from '../users/service';
import type { IAssignmentRoutesDeps } from './routes';
import { IAssignmentRow } from './store';

/**
 * What the access checks of the assignment routes need.
 */
export type IAccessDeps = Pick<IAssignmentRoutesDeps, 'policy' | 'assignments'>;

/**
 * The caller and the assignment, once the caller holds `right` on it (see
 * {@link allowed}).
 */
export async function reach(
  deps: IAccessDeps,
  id: string,
  response: Response,
  right: Right
): Promise<{ user: IUser; row: IAssignmentRow }> {
  const { user } = requireAuth(response);
  return { user, row: await allowed(deps, user, id, right) };
}

/**
 * The assignment, once the caller holds `right` on it. An unknown assignment and one
 * the caller may not see answer the same 403: rights do not reveal what exists.
 */
export async function allowed(
  deps: IAccessDeps,
  user: IUser,
  id: string,
  right: Right
): Promise<IAssignmentRow> {
  await deps.policy.require(user, right, { assignmentId: id });
  return deps.assignments.getOr404(id);
}

/** Whether the caller reads the assignment as its teacher (owner or admin). */
export function teaches(
  policy: Policy,
  user: IUser,
  row: IAssignmentRow
): Promise<boolean> {
  return policy.allows(user, 'assignments:write', { assignmentId: row.id });
}

/** A teacher hands out only to classes they teach (admins: to any). */
export async function requireClasses(
  policy: Policy,
  user: IUser,
  classIds: readonly string[]
): Promise<void> {
  for (const classId of classIds) {
    await policy.require(user, 'classes:write', { classId });
  }
}
