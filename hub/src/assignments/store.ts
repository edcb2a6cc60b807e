import { Kysely, Selectable } from 'kysely';

import { compareText } from '../db/portable';
import { AssignmentsTable, Database } from '../db/schema';

/** An assignment as stored. */
export type IAssignmentRow = Selectable<AssignmentsTable>;

/**
 * A file of an assignment or of a submission: its content is in the blob store.
 */
export interface IFileRow {
  path: string;
  sha256: string;
  size: number;
}

/**
 * A learner of an assignment: enrolled in one of its classes, or joined by code.
 */
export interface ILearnerRow {
  id: string;
  name: string;
  displayName: string;
  fetchedAt: string | null;
  lastActivityAt: string | null;
}

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
 * The assignments' tables (migration 0008) but feedback and grading runs (see
 * ReviewStore), and only queries: rules (dates, rights, versions) are the services'.
 */
export class AssignmentStore {
  constructor(private readonly _db: Kysely<Database>) {}

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
    sourceFiles: readonly IFileRow[] = []
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
    });
  }

  async get(id: string): Promise<IAssignmentRow | null> {
    return (
      (await this._db
        .selectFrom('assignments')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()) ?? null
    );
  }

  async byShareCode(code: string): Promise<IAssignmentRow | null> {
    return (
      (await this._db
        .selectFrom('assignments')
        .selectAll()
        .where('share_code', '=', code)
        .executeTakeFirst()) ?? null
    );
  }

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

  async classes(assignmentId: string): Promise<{ id: string; name: string }[]> {
    const rows = await this._db
      .selectFrom('assignment_classes')
      .innerJoin('classes', 'classes.id', 'assignment_classes.class_id')
      .select(['classes.id', 'classes.name'])
      .where('assignment_classes.assignment_id', '=', assignmentId)
      .execute();
    return rows.sort((a, b) => compareText(a.name, b.name));
  }

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
    const joined = await this._db
      .selectFrom('assignment_learners')
      .select('user_id')
      .where('assignment_id', '=', assignmentId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (joined) {
      return 'learner';
    }
    const enrolled = await this._db
      .selectFrom('assignment_classes')
      .innerJoin(
        'class_members',
        'class_members.class_id',
        'assignment_classes.class_id'
      )
      .select('class_members.user_id')
      .where('assignment_classes.assignment_id', '=', assignmentId)
      .where('class_members.user_id', '=', userId)
      .where('class_members.membership', '=', 'learner')
      .executeTakeFirst();
    return enrolled ? 'learner' : null;
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

  /** The assignments given to a learner (by class or by code), newest first. */
  async givenTo(userId: string): Promise<IAssignmentRow[]> {
    return this._db
      .selectFrom('assignments')
      .selectAll()
      .where(eb =>
        eb.or([
          eb(
            'id',
            'in',
            eb
              .selectFrom('assignment_learners')
              .select('assignment_id')
              .where('user_id', '=', userId)
          ),
          eb(
            'id',
            'in',
            eb
              .selectFrom('assignment_classes')
              .innerJoin(
                'class_members',
                'class_members.class_id',
                'assignment_classes.class_id'
              )
              .select('assignment_classes.assignment_id')
              .where('class_members.user_id', '=', userId)
              .where('class_members.membership', '=', 'learner')
          )
        ])
      )
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** Every learner of an assignment, in French alphabetical order of their names. */
  async learners(assignmentId: string): Promise<ILearnerRow[]> {
    const enrolled = await this._db
      .selectFrom('assignment_classes')
      .innerJoin(
        'class_members',
        'class_members.class_id',
        'assignment_classes.class_id'
      )
      .innerJoin('users', 'users.id', 'class_members.user_id')
      .select(['users.id', 'users.name', 'users.display_name'])
      .where('assignment_classes.assignment_id', '=', assignmentId)
      .where('class_members.membership', '=', 'learner')
      .execute();
    const dealings = await this._db
      .selectFrom('assignment_learners')
      .innerJoin('users', 'users.id', 'assignment_learners.user_id')
      .select([
        'users.id',
        'users.name',
        'users.display_name',
        'assignment_learners.fetched_at',
        'assignment_learners.last_activity_at'
      ])
      .where('assignment_learners.assignment_id', '=', assignmentId)
      .execute();
    const byId = new Map<string, ILearnerRow>();
    for (const user of enrolled) {
      byId.set(user.id, {
        id: user.id,
        name: user.name,
        displayName: user.display_name,
        fetchedAt: null,
        lastActivityAt: null
      });
    }
    for (const user of dealings) {
      byId.set(user.id, {
        id: user.id,
        name: user.name,
        displayName: user.display_name,
        fetchedAt: user.fetched_at,
        lastActivityAt: user.last_activity_at
      });
    }
    return [...byId.values()].sort(
      (a, b) =>
        compareText(a.displayName, b.displayName) || compareText(a.name, b.name)
    );
  }

  /** A learner's dealings with an assignment, if any. */
  async dealings(
    assignmentId: string,
    userId: string
  ): Promise<{ fetchedAt: string | null; lastActivityAt: string } | null> {
    const row = await this._db
      .selectFrom('assignment_learners')
      .select(['fetched_at', 'last_activity_at'])
      .where('assignment_id', '=', assignmentId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row
      ? { fetchedAt: row.fetched_at, lastActivityAt: row.last_activity_at }
      : null;
  }

  /**
   * Record a learner's activity: joining by code, fetching, or submitting.
   */
  async touch(
    assignmentId: string,
    userId: string,
    at: string,
    what: 'join' | 'fetch' | 'submit'
  ): Promise<void> {
    await this._db
      .insertInto('assignment_learners')
      .values({
        assignment_id: assignmentId,
        user_id: userId,
        joined_by_code: what === 'join' ? 1 : 0,
        fetched_at: what === 'fetch' ? at : null,
        last_activity_at: at
      })
      .onConflict(oc =>
        oc.columns(['assignment_id', 'user_id']).doUpdateSet(eb => ({
          last_activity_at: at,
          fetched_at:
            what === 'fetch' ? at : eb.ref('assignment_learners.fetched_at')
        }))
      )
      .execute();
  }

  async submissionByRequest(
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
  async latestSubmissions(
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
   * Store a submission as the learner's next version (in the caller's transaction).
   */
  async insertSubmission(submission: {
    id: string;
    assignmentId: string;
    userId: string;
    requestId: string;
    submittedAt: string;
    late: boolean;
    files: readonly IFileRow[];
  }): Promise<number> {
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
    await this.touch(
      submission.assignmentId,
      submission.userId,
      submission.submittedAt,
      'submit'
    );
    return version;
  }

  /** Submission counts of the assignments a teacher owns. */
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
