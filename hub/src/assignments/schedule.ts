import { DomainError, dateParameter, trans } from '../errors';
import { IAssignmentRow } from './store';

/**
 * Refuse learners' work on an assignment before it opens.
 *
 * @throws {DomainError} 422 `not_open`.
 */
export function refuseBeforeOpening(row: IAssignmentRow, now: Date): void {
  if (row.opens_at && now.toISOString() < row.opens_at) {
    throw new DomainError(
      'not_open',
      trans.__(
        'This assignment is not open yet: it opens on %1.',
        dateParameter(row.opens_at)
      )
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
