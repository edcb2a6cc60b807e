import { HttpError } from '../http/errors';
import { frenchDate } from './dates';
import { IAssignmentRow } from './store';

/**
 * Refuse learners' work on an assignment before it opens.
 *
 * @throws {HttpError} 422 `not_open`.
 */
export function refuseBeforeOpening(row: IAssignmentRow, now: Date): void {
  if (row.opens_at && now.toISOString() < row.opens_at) {
    throw new HttpError(
      422,
      'not_open',
      `Ce devoir n’est pas encore ouvert : il ouvre le ${frenchDate(row.opens_at)}.`
    );
  }
}

/**
 * Whether an assignment that refuses late work is past its due date: it takes no new
 * learner and no new submission.
 */
export function closedToLateWork(row: IAssignmentRow, now: Date): boolean {
  return (
    row.late_policy === 'refuse' &&
    row.due_at !== null &&
    now.toISOString() > row.due_at
  );
}
