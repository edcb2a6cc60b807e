import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import type { IFileRow } from './rows';

/**
 * A submission with its files.
 */
export interface ISubmissionRow {
  id: string;
  version: number;
  submittedAt: string;
  late: boolean;
  files: IFileRow[];
}

/**
 * A submission to store, with its files, before it has a version.
 */
export interface INewSubmission {
  id: string;
  assignmentId: string;
  userId: string;
  requestId: string;
  submittedAt: string;
  late: boolean;
  files: readonly IFileRow[];
}

/**
 * Learners' submissions and their files (migration 0008). Only queries;
 * {@link AssignmentStore} is the way in.
 */
export class SubmissionStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /** The submission a request created, if it did. */
  async byRequest(
    assignmentId: string,
    userId: string,
    requestId: string
  ): Promise<ISubmissionRow | null> {
    const row = await this._db
      .selectFrom('assignment_submissions')
      .select(['id', 'version', 'submitted_at', 'late'])
      .where('assignment_id', '=', assignmentId)
      .where('user_id', '=', userId)
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    return row ? this._withFiles(row) : null;
  }

  /** A learner's submissions, newest first. */
  async submissions(
    assignmentId: string,
    userId: string
  ): Promise<ISubmissionRow[]> {
    const rows = await this._db
      .selectFrom('assignment_submissions')
      .select(['id', 'version', 'submitted_at', 'late'])
      .where('assignment_id', '=', assignmentId)
      .where('user_id', '=', userId)
      .orderBy('version', 'desc')
      .execute();
    return Promise.all(rows.map(row => this._withFiles(row)));
  }

  /** The latest submission of each learner who submitted, by user id. */
  async latest(
    assignmentId: string
  ): Promise<
    Map<string, { version: number; submittedAt: string; late: boolean }>
  > {
    const rows = await this._db
      .selectFrom('assignment_submissions')
      .select(['user_id', 'version', 'submitted_at', 'late'])
      .where('assignment_id', '=', assignmentId)
      .orderBy('version')
      .execute();
    const latest = new Map<
      string,
      { version: number; submittedAt: string; late: boolean }
    >();
    for (const row of rows) {
      latest.set(row.user_id, {
        version: row.version,
        submittedAt: row.submitted_at,
        late: row.late === 1
      });
    }
    return latest;
  }

  /**
   * Store a submission and its files as the learner's next version.
   *
   * @returns its version.
   */
  async insert(submission: INewSubmission): Promise<number> {
    const last = await this._db
      .selectFrom('assignment_submissions')
      .select(eb => eb.fn.max('version').as('version'))
      .where('assignment_id', '=', submission.assignmentId)
      .where('user_id', '=', submission.userId)
      .executeTakeFirst();
    const version = Number(last?.version ?? 0) + 1;
    await this._db
      .insertInto('assignment_submissions')
      .values({
        id: submission.id,
        assignment_id: submission.assignmentId,
        user_id: submission.userId,
        version,
        request_id: submission.requestId,
        submitted_at: submission.submittedAt,
        late: submission.late ? 1 : 0
      })
      .execute();
    await this._db
      .insertInto('assignment_submission_files')
      .values(
        submission.files.map(file => ({
          submission_id: submission.id,
          ...file
        }))
      )
      .execute();
    return version;
  }

  /**
   * How many learners submitted and how many were given feedback back, by assignment
   * (every id has an entry).
   */
  async counts(
    assignmentIds: readonly string[]
  ): Promise<Map<string, { submitted: number; returned: number }>> {
    const counts = new Map<string, { submitted: number; returned: number }>();
    if (!assignmentIds.length) {
      return counts;
    }
    const submitted = await this._db
      .selectFrom('assignment_submissions')
      .select(eb => [
        'assignment_id',
        eb.fn.count<number>('user_id').distinct().as('count')
      ])
      .where('assignment_id', 'in', assignmentIds)
      .groupBy('assignment_id')
      .execute();
    const returned = await this._db
      .selectFrom('assignment_feedback')
      .select(eb => ['assignment_id', eb.fn.countAll<number>().as('count')])
      .where('assignment_id', 'in', assignmentIds)
      .where('returned_at', 'is not', null)
      .groupBy('assignment_id')
      .execute();
    for (const id of assignmentIds) {
      counts.set(id, { submitted: 0, returned: 0 });
    }
    for (const row of submitted) {
      counts.get(row.assignment_id)!.submitted = Number(row.count);
    }
    for (const row of returned) {
      counts.get(row.assignment_id)!.returned = Number(row.count);
    }
    return counts;
  }

  private async _withFiles(row: {
    id: string;
    version: number;
    submitted_at: string;
    late: number;
  }): Promise<ISubmissionRow> {
    const files = await this._db
      .selectFrom('assignment_submission_files')
      .select(['path', 'sha256', 'size'])
      .where('submission_id', '=', row.id)
      .orderBy('path')
      .execute();
    return {
      id: row.id,
      version: row.version,
      submittedAt: row.submitted_at,
      late: row.late === 1,
      files
    };
  }
}
