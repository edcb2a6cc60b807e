import { DomainError, IMessage, trans } from '../errors';
import { IFile } from '../storage/files';
import type { AssignmentNews } from './news';
import { AssignmentService } from './service';
import { IAutogradeRow, ReviewStore } from './reviewStore';
import { AssignmentStore, IAssignmentRow, ILearnerRow } from './store';
import {
  AutogradeStatus,
  feedbackView,
  IFeedback,
  IPerson,
  ISubmission,
  LearnerState,
  learnerState,
  submissionView
} from './views';

/**
 * A row of the teacher's table: one learner of the assignment.
 */
export interface IProgressRow {
  learner: IPerson;
  /** A group's members, when the learner is a group (« par groupe »); else null. */
  members: IPerson[] | null;
  state: LearnerState;
  fetchedAt: string | null;
  lastActivityAt: string | null;
  submittedAt: string | null;
  version: number | null;
  late: boolean;
  grade: number | null;
  maxGrade: number | null;
  returnedAt: string | null;
  /** The grading of the latest submission, on autograded assignments. */
  autograde: IAutogradeSummary | null;
}

/**
 * Where the grading of a learner's latest submission stands; `points` is `null` until
 * it has run, `max` until it has been graded once.
 */
export interface IAutogradeSummary {
  status: AutogradeStatus;
  points: number | null;
  max: number | null;
}

/**
 * What a teacher writes about a submission.
 */
export interface IFeedbackInput {
  comment: string;
  grade: number | null;
  maxGrade: number | null;
  rubric: { criterion: string; points: number | null; max: number }[];
  cells: { path: string; cellId: string; comment: string }[];
}

/**
 * The teacher's side: the table of learners, reading submissions, feedback and grades,
 * returning them. Rights are decided by the routes (only the owner, or an admin).
 */
export class ReviewService {
  constructor(
    private readonly _store: AssignmentStore,
    private readonly _reviewStore: ReviewStore,
    private readonly _assignments: AssignmentService,
    private readonly _now: () => Date = () => new Date(),
    private readonly _news: AssignmentNews | null = null
  ) {}

  /** Every learner of the assignment and where they stand. */
  async progress(row: IAssignmentRow): Promise<IProgressRow[]> {
    const [learners, latest, feedback, autogrades] = await Promise.all([
      this._store.learners(row.id),
      this._store.latestSubmissions(row.id),
      this._reviewStore.allFeedback(row.id),
      this._reviewStore.allAutogrades(row.id)
    ]);
    const now = this._now();
    return learners.map(learner => {
      const submission = latest.get(learner.id) ?? null;
      const review = feedback.get(learner.id) ?? null;
      const returnedAt = review?.returned_at ?? null;
      return {
        learner: { name: learner.name, displayName: learner.displayName },
        members: learner.members ?? null,
        state: learnerState(
          row,
          { fetchedAt: learner.fetchedAt, latest: submission, returnedAt },
          now
        ),
        fetchedAt: learner.fetchedAt,
        lastActivityAt: learner.lastActivityAt,
        submittedAt: submission?.submittedAt ?? null,
        version: submission?.version ?? null,
        late: submission?.late ?? false,
        grade: review?.grade ?? null,
        maxGrade: review?.max_grade ?? null,
        returnedAt,
        autograde: autogradeSummary(
          row,
          submission?.version ?? null,
          autogrades.get(learner.id) ?? null
        )
      };
    });
  }

  /**
   * A learner's latest submission with its files.
   *
   * @throws {DomainError} 404 when they are not a learner of it or submitted nothing.
   */
  async latest(
    row: IAssignmentRow,
    learnerName: string
  ): Promise<{ submission: ISubmission; files: IFile[] }> {
    const learner = await this._learnerOr404(row, learnerName);
    const [latest] = await this._store.submissions(row.id, learner.id);
    if (!latest) {
      throw new DomainError(
        'not_submitted',
        trans.__('%1 has not handed anything in yet.', learner.displayName)
      );
    }
    return {
      submission: submissionView(latest),
      files: await this._assignments.contents(latest.files)
    };
  }

  /**
   * A learner's feedback (draft or returned).
   *
   * @throws {DomainError} 404 when there is none yet.
   */
  async feedback(row: IAssignmentRow, learnerName: string): Promise<IFeedback> {
    const learner = await this._learnerOr404(row, learnerName);
    const found = await this._reviewStore.feedback(row.id, learner.id);
    if (!found) {
      throw new DomainError(
        'no_feedback',
        trans.__('No feedback for this submission yet.')
      );
    }
    return feedbackView(found, Private.person(learner));
  }

  /**
   * Write feedback on a learner's latest submission (kept as a draft until returned;
   * an update of returned feedback is seen by the learner at once).
   *
   * @throws {DomainError} 404 unknown learner, 409 nothing submitted, 400 bad grades or
   *   cells that are not in the submission.
   */
  async saveFeedback(
    row: IAssignmentRow,
    learnerName: string,
    input: IFeedbackInput
  ): Promise<IFeedback> {
    const learner = await this._learnerOr404(row, learnerName);
    const [latest] = await this._store.submissions(row.id, learner.id);
    if (!latest) {
      throw new DomainError(
        'nothing_to_annotate',
        trans.__(
          '%1 has not handed anything in yet: there is no submission to annotate.',
          learner.displayName
        )
      );
    }
    Private.checkFeedback(
      input,
      latest.files.map(file => file.path)
    );
    const previous = await this._reviewStore.feedback(row.id, learner.id);
    await this._reviewStore.saveFeedback({
      assignment_id: row.id,
      user_id: learner.id,
      submission_version: latest.version,
      comment: input.comment,
      grade: input.grade,
      max_grade: input.maxGrade,
      rubric: JSON.stringify(input.rubric),
      cells: JSON.stringify(input.cells),
      updated_at: this._now().toISOString(),
      returned_at: previous?.returned_at ?? null,
      filled_by: 'teacher'
    });
    return this.feedback(row, learnerName);
  }

  /**
   * Return feedback to some learners (by name), or to every learner who has some.
   *
   * @returns the names of those it was returned to.
   * @throws {DomainError} 409 when a named learner has no feedback yet.
   */
  async giveBack(
    row: IAssignmentRow,
    learnerNames: readonly string[] | null
  ): Promise<string[]> {
    const [learners, feedback] = await Promise.all([
      this._store.learners(row.id),
      this._reviewStore.allFeedback(row.id)
    ]);
    let chosen = learners.filter(learner => feedback.has(learner.id));
    if (learnerNames) {
      const byName = new Map(learners.map(learner => [learner.name, learner]));
      chosen = [];
      for (const name of new Set(learnerNames)) {
        const learner = byName.get(name);
        if (!learner) {
          throw Private.unknownLearner();
        }
        if (!feedback.has(learner.id)) {
          throw new DomainError(
            'nothing_to_return',
            trans.__(
              'Write feedback for %1 first: there is nothing to return.',
              learner.displayName
            )
          );
        }
        chosen.push(learner);
      }
    }
    await this._reviewStore.markReturned(
      row.id,
      chosen.map(learner => learner.id),
      this._now().toISOString()
    );
    // A group's feedback is news for each of its members, and in its workspace.
    const returnedTo = chosen.map(learner => learner.id);
    await this._news?.returned(row, [
      ...new Set([
        ...returnedTo,
        ...(await this._store.groups.people(row.id, returnedTo))
      ])
    ]);
    return chosen.map(learner => learner.name);
  }

  /**
   * The learner's returned feedback.
   *
   * @throws {DomainError} 404 until it is returned.
   */
  async returnedTo(row: IAssignmentRow, learnerId: string): Promise<IFeedback> {
    const found = await this._reviewStore.feedback(row.id, learnerId);
    if (!found?.returned_at) {
      throw new DomainError(
        'not_returned',
        trans.__('Your submission has not been marked yet.')
      );
    }
    return feedbackView(found, await this._assignments.person(learnerId));
  }

  private _learnerOr404(
    row: IAssignmentRow,
    name: string
  ): Promise<ILearnerRow> {
    return learnerOr404(this._store, row, name);
  }
}

/**
 * A learner of an assignment, by name.
 *
 * @throws {DomainError} 404 `unknown_learner`.
 */
export async function learnerOr404(
  store: AssignmentStore,
  row: IAssignmentRow,
  name: string
): Promise<ILearnerRow> {
  const learner = (await store.learners(row.id)).find(
    candidate => candidate.name === name
  );
  if (!learner) {
    throw Private.unknownLearner();
  }
  return learner;
}

/**
 * Where the grading of a learner's latest submission stands: `null` on assignments
 * not autograded (and before anything is submitted), `queued` until a run of that
 * version is recorded.
 */
export function autogradeSummary(
  row: IAssignmentRow,
  latestVersion: number | null,
  run: IAutogradeRow | null
): IAutogradeSummary | null {
  if (latestVersion === null) {
    return null;
  }
  if (run && run.submission_version === latestVersion) {
    return {
      status: run.status as AutogradeStatus,
      points: run.points,
      max: run.max_points
    };
  }
  return row.autograde === 1
    ? { status: 'queued', points: null, max: run?.max_points ?? null }
    : null;
}

namespace Private {
  export const COMMENT_MAX = 20_000;
  export const CELL_COMMENT_MAX = 5_000;

  export function person(learner: ILearnerRow): IPerson {
    return { name: learner.name, displayName: learner.displayName };
  }

  export function unknownLearner(): DomainError {
    return new DomainError(
      'unknown_learner',
      trans.__('This pupil is not part of this assignment.')
    );
  }

  export function checkFeedback(
    input: IFeedbackInput,
    submittedPaths: readonly string[]
  ): void {
    const problem = (message: IMessage) =>
      new DomainError('invalid_feedback', message);
    if (input.comment.length > COMMENT_MAX) {
      throw problem(
        trans.__(
          'The feedback is too long (%1 characters at most).',
          COMMENT_MAX
        )
      );
    }
    if (input.grade !== null && input.maxGrade !== null) {
      if (input.grade > input.maxGrade) {
        throw problem(
          trans.__(
            'The grade (%1) is above the maximum (%2).',
            input.grade,
            input.maxGrade
          )
        );
      }
    }
    for (const row of input.rubric) {
      if (row.points !== null && row.points > row.max) {
        throw problem(
          trans.__(
            '“%1”: %2 points for %3 at most.',
            row.criterion,
            row.points,
            row.max
          )
        );
      }
    }
    for (const cell of input.cells) {
      if (!submittedPaths.includes(cell.path)) {
        throw problem(
          trans.__('“%1” is not part of the submission handed in.', cell.path)
        );
      }
      if (cell.comment.length > CELL_COMMENT_MAX) {
        throw problem(
          trans.__(
            'A cell comment is too long (%1 characters at most).',
            CELL_COMMENT_MAX
          )
        );
      }
    }
  }
}
