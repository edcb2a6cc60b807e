import { Kysely } from 'kysely';

import { compareText } from '../db/portable';
import { IDatabase } from '../db/schema';
import { GroupLearners } from './groupLearners';
import type { IAssignmentRow, IFileRow } from './rows';
import { ILearnerRow, LearnerStore } from './learnerStore';
import {
  INewSubmission,
  ISubmissionRow,
  SubmissionStore
} from './submissionStore';

export type { ILearnerRow } from './learnerStore';
export type { ISubmissionRow } from './submissionStore';

export type { IAssignmentRow, IFileRow } from './rows';

/**
 * The assignments' tables (migration 0008) but feedback and grading runs (see
 * ReviewStore), and only queries: rules (dates, rights, versions) are the services'.
 *
 * The assignments, their files and classes are queried here; their learners
 * ({@link LearnerStore}) and submissions ({@link SubmissionStore}) through it.
 */
export class AssignmentStore {
  constructor(private readonly _db: Kysely<IDatabase>) {
    this._learners = new LearnerStore(_db);
    this._submissions = new SubmissionStore(_db);
    this.groups = new GroupLearners(_db);
  }

  /** The groups of assignments handed out « par groupe ». */
  readonly groups: GroupLearners;

  /**
   * Run work in one transaction, on a store bound to it.
   */
  transaction<T>(work: (store: AssignmentStore) => Promise<T>): Promise<T> {
    return this._db.isTransaction
      ? work(this)
      : this._db.transaction().execute(trx => work(new AssignmentStore(trx)));
  }

  /**
   * Insert an assignment: the files handed out and, when autograded, the teacher's
   * notebooks they were made from.
   */
  async insert(
    row: IAssignmentRow,
    files: readonly IFileRow[],
    classIds: readonly string[],
    sourceFiles: readonly IFileRow[] = [],
    groupClassIds: readonly string[] = []
  ): Promise<void> {
    await this.transaction(async store => {
      await store._db.insertInto('assignments').values(row).execute();
      if (files.length) {
        await store._db
          .insertInto('assignment_files')
          .values(files.map(file => ({ assignment_id: row.id, ...file })))
          .execute();
      }
      if (sourceFiles.length) {
        await store._db
          .insertInto('assignment_source_files')
          .values(sourceFiles.map(file => ({ assignment_id: row.id, ...file })))
          .execute();
      }
      await store.setClasses(row.id, classIds);
      await store.groups.setClassIds(row.id, groupClassIds);
    });
  }

  /** An assignment, if it exists. */
  async get(id: string): Promise<IAssignmentRow | null> {
    return (
      (await this._db
        .selectFrom('assignments')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()) ?? null
    );
  }

  /** The assignment a share code (normalized) gives, if any. */
  async byShareCode(code: string): Promise<IAssignmentRow | null> {
    return (
      (await this._db
        .selectFrom('assignments')
        .selectAll()
        .where('share_code', '=', code)
        .executeTakeFirst()) ?? null
    );
  }

  /** Change an assignment's row. */
  async update(
    id: string,
    changes: Partial<Omit<IAssignmentRow, 'id' | 'owner_id' | 'created_at'>>
  ): Promise<void> {
    await this._db
      .updateTable('assignments')
      .set(changes)
      .where('id', '=', id)
      .execute();
  }

  /** The files an assignment hands out. */
  async files(assignmentId: string): Promise<IFileRow[]> {
    return this._db
      .selectFrom('assignment_files')
      .select(['path', 'sha256', 'size'])
      .where('assignment_id', '=', assignmentId)
      .orderBy('path')
      .execute();
  }

  /** The teacher's notebooks of an autograded assignment (none otherwise). */
  async sourceFiles(assignmentId: string): Promise<IFileRow[]> {
    return this._db
      .selectFrom('assignment_source_files')
      .select(['path', 'sha256', 'size'])
      .where('assignment_id', '=', assignmentId)
      .orderBy('path')
      .execute();
  }

  /** The ids of the assignments whose submissions are autograded. */
  async autogradedIds(): Promise<string[]> {
    const rows = await this._db
      .selectFrom('assignments')
      .select('id')
      .where('autograde', '=', 1)
      .execute();
    return rows.map(row => row.id);
  }

  /** The classes an assignment is given to, by name. */
  async classes(assignmentId: string): Promise<{ id: string; name: string }[]> {
    const rows = await this._db
      .selectFrom('assignment_classes')
      .innerJoin('classes', 'classes.id', 'assignment_classes.class_id')
      .select(['classes.id', 'classes.name'])
      .where('assignment_classes.assignment_id', '=', assignmentId)
      .execute();
    return rows.sort((a, b) => compareText(a.name, b.name));
  }

  /** Give an assignment to these classes (and no others). */
  async setClasses(
    assignmentId: string,
    classIds: readonly string[]
  ): Promise<void> {
    await this._db
      .deleteFrom('assignment_classes')
      .where('assignment_id', '=', assignmentId)
      .execute();
    if (classIds.length) {
      await this._db
        .insertInto('assignment_classes')
        .values(
          [...new Set(classIds)].map(classId => ({
            assignment_id: assignmentId,
            class_id: classId
          }))
        )
        .execute();
    }
    // A class no longer given the assignment is no longer given it by group.
    const kept = new Set(classIds);
    const byGroup = await this.groups.classIds(assignmentId);
    if (byGroup.some(id => !kept.has(id))) {
      await this.groups.setClassIds(
        assignmentId,
        byGroup.filter(id => kept.has(id))
      );
    }
  }

  /** The assignments a user owns, newest first. */
  async ownedBy(userId: string): Promise<IAssignmentRow[]> {
    return this._db
      .selectFrom('assignments')
      .selectAll()
      .where('owner_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /**
   * Whether a user owns an assignment or is one of its learners.
   */
  async relation(
    assignmentId: string,
    userId: string
  ): Promise<'owner' | 'learner' | null> {
    const row = await this.get(assignmentId);
    if (!row) {
      return null;
    }
    if (row.owner_id === userId) {
      return 'owner';
    }
    return (await this._learners.isLearner(assignmentId, userId))
      ? 'learner'
      : null;
  }

  /** The assignments given to a learner (by class or by code), newest first. */
  givenTo(userId: string): Promise<IAssignmentRow[]> {
    return this._learners.givenTo(userId);
  }

  /** The assignments given to a class, newest first. */
  async givenToClass(classId: string): Promise<IAssignmentRow[]> {
    return this._db
      .selectFrom('assignments')
      .innerJoin(
        'assignment_classes',
        'assignment_classes.assignment_id',
        'assignments.id'
      )
      .selectAll('assignments')
      .where('assignment_classes.class_id', '=', classId)
      .orderBy('assignments.created_at', 'desc')
      .orderBy('assignments.id')
      .execute();
  }

  /** Every learner of an assignment, in French alphabetical order of their names. */
  learners(assignmentId: string): Promise<ILearnerRow[]> {
    return this._learners.learners(assignmentId);
  }

  /** The learners of an assignment's classes, with a class name each, by user id. */
  classLearners(assignmentId: string): Promise<Map<string, string>> {
    return this._learners.classLearners(assignmentId);
  }

  /** A learner's dealings with an assignment, if any. */
  dealings(
    assignmentId: string,
    userId: string
  ): Promise<{ fetchedAt: string | null; lastActivityAt: string } | null> {
    return this._learners.dealings(assignmentId, userId);
  }

  /**
   * Record a learner's activity: joining by code, fetching, or submitting.
   */
  touch(
    assignmentId: string,
    userId: string,
    at: string,
    what: 'join' | 'fetch' | 'submit'
  ): Promise<void> {
    return this._learners.touch(assignmentId, userId, at, what);
  }

  /** The submission a request created, if it did. */
  submissionByRequest(
    assignmentId: string,
    userId: string,
    requestId: string
  ): Promise<ISubmissionRow | null> {
    return this._submissions.byRequest(assignmentId, userId, requestId);
  }

  /** A learner's submissions, newest first. */
  submissions(assignmentId: string, userId: string): Promise<ISubmissionRow[]> {
    return this._submissions.submissions(assignmentId, userId);
  }

  /** The latest submission of each learner who submitted, by user id. */
  latestSubmissions(
    assignmentId: string
  ): Promise<
    Map<string, { version: number; submittedAt: string; late: boolean }>
  > {
    return this._submissions.latest(assignmentId);
  }

  /**
   * Store a submission as the learner's next version (in the caller's transaction).
   */
  async insertSubmission(
    submission: INewSubmission,
    groupSubmitterId: string | null = null
  ): Promise<number> {
    const version = await this._submissions.insert(submission);
    if (groupSubmitterId !== null) {
      await this.groups.recordSubmitter(submission.id, groupSubmitterId);
    }
    await this._learners.touch(
      submission.assignmentId,
      submission.userId,
      submission.submittedAt,
      'submit'
    );
    return version;
  }

  /** Submission counts of the assignments a teacher owns. */
  counts(
    assignmentIds: readonly string[]
  ): Promise<Map<string, { submitted: number; returned: number }>> {
    return this._submissions.counts(assignmentIds);
  }

  private readonly _learners: LearnerStore;
  private readonly _submissions: SubmissionStore;
}
