import { Kysely, Selectable } from 'kysely';

import {
  IAssignmentAutogradesTable,
  IAssignmentFeedbackTable,
  IDatabase
} from '../db/schema';

/** Feedback as stored. */
export type IFeedbackRow = Selectable<IAssignmentFeedbackTable>;

/** A grading run as stored. */
export type IAutogradeRow = Selectable<IAssignmentAutogradesTable>;

/**
 * What is said of learners' work (migration 0008): teachers' feedback, drafts and
 * returned, and the runs of the automatic grading. Only queries.
 */
export class ReviewStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  async feedback(
    assignmentId: string,
    userId: string
  ): Promise<IFeedbackRow | null> {
    return (
      (await this._db
        .selectFrom('assignment_feedback')
        .selectAll()
        .where('assignment_id', '=', assignmentId)
        .where('user_id', '=', userId)
        .executeTakeFirst()) ?? null
    );
  }

  /** Every feedback of an assignment, by user id. */
  async allFeedback(assignmentId: string): Promise<Map<string, IFeedbackRow>> {
    const rows = await this._db
      .selectFrom('assignment_feedback')
      .selectAll()
      .where('assignment_id', '=', assignmentId)
      .execute();
    return new Map(rows.map(row => [row.user_id, row]));
  }

  /**
   * Write feedback: a draft, or an update of feedback already returned (which stays
   * returned: the learner sees the update).
   */
  async saveFeedback(row: IFeedbackRow): Promise<void> {
    await this._db
      .insertInto('assignment_feedback')
      .values(row)
      .onConflict(oc =>
        oc.columns(['assignment_id', 'user_id']).doUpdateSet({
          submission_version: row.submission_version,
          comment: row.comment,
          grade: row.grade,
          max_grade: row.max_grade,
          rubric: row.rubric,
          cells: row.cells,
          updated_at: row.updated_at,
          filled_by: row.filled_by
        })
      )
      .execute();
  }

  /**
   * Write the autograder's proposal as feedback, unless the teacher has written some
   * or returned it: one statement, so that a teacher saving at the same moment wins.
   */
  async proposeFeedback(row: IFeedbackRow): Promise<void> {
    await this._db
      .insertInto('assignment_feedback')
      .values({ ...row, filled_by: 'autograder' })
      .onConflict(oc =>
        oc
          .columns(['assignment_id', 'user_id'])
          .doUpdateSet({
            submission_version: row.submission_version,
            comment: row.comment,
            grade: row.grade,
            max_grade: row.max_grade,
            rubric: row.rubric,
            cells: row.cells,
            updated_at: row.updated_at
          })
          .where('assignment_feedback.filled_by', '=', 'autograder')
          .where('assignment_feedback.returned_at', 'is', null)
      )
      .execute();
  }

  async autograde(
    assignmentId: string,
    userId: string
  ): Promise<IAutogradeRow | null> {
    return (
      (await this._db
        .selectFrom('assignment_autogrades')
        .selectAll()
        .where('assignment_id', '=', assignmentId)
        .where('user_id', '=', userId)
        .executeTakeFirst()) ?? null
    );
  }

  /** Every grading run of an assignment, by user id. */
  async allAutogrades(
    assignmentId: string
  ): Promise<Map<string, IAutogradeRow>> {
    const rows = await this._db
      .selectFrom('assignment_autogrades')
      .selectAll()
      .where('assignment_id', '=', assignmentId)
      .execute();
    return new Map(rows.map(row => [row.user_id, row]));
  }

  /** Record a grading run (queued, running or finished) of a learner's submission. */
  async saveAutograde(row: IAutogradeRow): Promise<void> {
    const { assignment_id: _a, user_id: _u, ...changes } = row;
    await this._db
      .insertInto('assignment_autogrades')
      .values(row)
      .onConflict(oc =>
        oc.columns(['assignment_id', 'user_id']).doUpdateSet(changes)
      )
      .execute();
  }

  /** Mark feedback as returned to these learners. */
  async markReturned(
    assignmentId: string,
    userIds: readonly string[],
    at: string
  ): Promise<void> {
    if (!userIds.length) {
      return;
    }
    await this._db
      .updateTable('assignment_feedback')
      .set({ returned_at: at })
      .where('assignment_id', '=', assignmentId)
      .where('user_id', 'in', userIds)
      .execute();
  }
}
