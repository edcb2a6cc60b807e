import { randomUUID } from 'crypto';

import { isUniqueViolation } from '../db/portable';
import { DomainError, dateParameter, trans } from '../errors';
import { BlobStore } from '../storage/blobs';
import { checkFiles } from '../library/files';
import { IFile } from '../storage/files';
import { extraFilesOf, refuseUndeclaredFiles } from './extraFiles';
import type { AssignmentNews } from './news';
import { closedToLateWork, refuseBeforeOpening } from './schedule';
import { AssignmentStore, IAssignmentRow, IFileRow } from './store';
import { ISubmission, submissionView } from './views';

/**
 * Learners' submissions: immutable versions, idempotent and durable.
 *
 * A submission is acknowledged only once durable: every file is written and flushed
 * to disk under its hash (BlobStore), then one transaction records the version and its
 * files (SQLite in WAL mode with `synchronous = FULL`, or PostgreSQL, flushes the commit
 * before answering). A crash before the commit leaves at most unreferenced files,
 * never a version without its files. The client sends the same `requestId` when it
 * retries: the version it may already have created is answered again, never doubled.
 */
export class SubmissionService {
  constructor(
    private readonly _store: AssignmentStore,
    private readonly _blobs: BlobStore,
    private readonly _now: () => Date = () => new Date(),
    private readonly _news: AssignmentNews | null = null
  ) {}

  /**
   * Submit a learner's work.
   *
   * @returns the submission and whether this request created it.
   * @throws {DomainError} 422 before opening or past a due date that refuses late work,
   *   or for a file the assignment does not allow (neither its own nor a declared
   *   extra: nothing is stored), 409 when the assignment takes one submission and has
   *   it, 400 / 413 bad files. A group's submission (`learnerId` its account) names
   *   the member who handed it in (`groupSubmitterId`).
   */
  async submit(
    row: IAssignmentRow,
    learnerId: string,
    requestId: string,
    files: IFile[],
    groupSubmitterId: string | null = null
  ): Promise<{ submission: ISubmission; created: boolean }> {
    const earlier = await this._store.submissionByRequest(
      row.id,
      learnerId,
      requestId
    );
    if (earlier) {
      return { submission: submissionView(earlier), created: false };
    }
    const now = this._now();
    refuseBeforeOpening(row, now);
    if (closedToLateWork(row, now)) {
      throw new DomainError(
        'late_refused',
        trans.__(
          'The due date was %1: this assignment no longer accepts late work. Your work stays in your folder; talk to your teacher about it.',
          dateParameter(row.due_at!)
        )
      );
    }
    refuseUndeclaredFiles(
      files.map(file => file.path),
      (await this._store.files(row.id)).map(file => file.path),
      extraFilesOf(row)
    );
    const stored = await this._storeFiles(files);
    const late = row.due_at !== null && now.toISOString() > row.due_at;
    for (let attempt = 0; ; attempt++) {
      try {
        const version = await this._store.transaction(async store => {
          if (
            row.multiple_submissions === 0 &&
            (await store.submissions(row.id, learnerId)).length > 0
          ) {
            throw new DomainError(
              'already_submitted',
              trans.__(
                'You have already handed in this assignment, and it accepts only one submission.'
              )
            );
          }
          return store.insertSubmission(
            {
              id: randomUUID(),
              assignmentId: row.id,
              userId: learnerId,
              requestId,
              submittedAt: now.toISOString(),
              late,
              files: stored
            },
            groupSubmitterId
          );
        });
        await this._news?.submitted(row, learnerId, { version, late });
        return {
          submission: {
            version,
            submittedAt: now.toISOString(),
            late,
            files: stored
          },
          created: true
        };
      } catch (error) {
        if (!isUniqueViolation(error)) {
          throw error;
        }
        // The same request committed meanwhile (a retry racing its first try), or
        // another submission took this version number: answer the first, retry the
        // second.
        const same = await this._store.submissionByRequest(
          row.id,
          learnerId,
          requestId
        );
        if (same) {
          return { submission: submissionView(same), created: false };
        }
        if (attempt >= 5) {
          throw new DomainError(
            'busy',
            trans.__(
              'Other submissions are in progress: try again in a moment.'
            )
          );
        }
      }
    }
  }

  /** A learner's submissions, newest first. */
  async mine(assignmentId: string, learnerId: string): Promise<ISubmission[]> {
    return (await this._store.submissions(assignmentId, learnerId)).map(
      submissionView
    );
  }

  private async _storeFiles(files: IFile[]): Promise<IFileRow[]> {
    const checked = checkFiles(files).files;
    return Promise.all(
      checked.map(async file => ({
        path: file.path,
        sha256: await this._blobs.put(file.content),
        size: file.content.length
      }))
    );
  }
}
