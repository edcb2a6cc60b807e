import { DomainError, trans } from '../errors';
import { ICellResult, IGradingOutcome } from './autograder';
import {
  autogradeComment,
  autogradeMessage,
  autogradeRubric,
  IGradingLimits
} from './autogradeFeedback';
import { IGradingKernels } from './gradingPlan';
import { gradeSubmission, IRunner } from './gradingRun';
import { autogradeSummary, learnerOr404 } from './review';
import { AssignmentService } from './service';
import { IAutogradeRow, ReviewStore } from './reviewStore';
import { AssignmentStore, IAssignmentRow, IFileRow } from './store';
import { AutogradeStatus, IPerson } from './views';

/**
 * A learner's grading as the API shows it (`Autograde` in openapi.yml).
 */
export interface IAutograde {
  learner: IPerson;
  /** The version of the latest submission, the one graded (or to grade). */
  submissionVersion: number;
  status: AutogradeStatus;
  /** The status in French, for the teacher. */
  message: string;
  /** The points earned (answers the teacher grades count 0 until then). */
  points: number | null;
  max: number | null;
  cells: ICellResult[];
  /** The last lines the run wrote. */
  log: string;
  queuedAt: string | null;
  gradedAt: string | null;
}

/**
 * What to log.
 */
export interface IAutogradingLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * Autograding: a queue that grades learners' latest submissions one at a time, in the
 * background (a submission is acknowledged before it is graded), records each run,
 * and proposes its points as feedback until the teacher writes their own.
 *
 * The queue lives in memory; what it held is found again at start ({@link recover}):
 * every latest submission of an autograded assignment without a finished run.
 */
export class AutogradingService {
  constructor(
    private readonly _store: AssignmentStore,
    private readonly _reviewStore: ReviewStore,
    private readonly _assignments: AssignmentService,
    private readonly _runner: IRunner,
    private readonly _kernels: IGradingKernels,
    private readonly _limits: IGradingLimits,
    private readonly _log: IAutogradingLog,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /**
   * A learner submitted: grade their latest submission, later.
   */
  submitted(row: IAssignmentRow, learnerId: string): void {
    if (row.autograde === 1) {
      this._enqueue(row.id, learnerId);
    }
  }

  /**
   * Queue what an earlier hub left ungraded (or what is left after autograding is
   * turned back on): latest submissions without a finished run of their version.
   *
   * @param assignmentId - one assignment, or every autograded one.
   * @returns how many submissions were queued.
   */
  async recover(assignmentId?: string): Promise<number> {
    const ids = assignmentId
      ? [assignmentId]
      : await this._store.autogradedIds();
    let queued = 0;
    for (const id of ids) {
      const [latest, runs] = await Promise.all([
        this._store.latestSubmissions(id),
        this._reviewStore.allAutogrades(id)
      ]);
      for (const [userId, submission] of latest) {
        const run = runs.get(userId);
        if (!run || Private.unfinished(run, submission.version)) {
          this._enqueue(id, userId);
          queued++;
        }
      }
    }
    return queued;
  }

  /**
   * Autograding was turned back on: queue, in the background, what was submitted
   * meanwhile.
   */
  resume(assignmentId: string): void {
    this.recover(assignmentId).catch(error =>
      this._log.error(
        { err: error, assignmentId },
        'autograding could not resume'
      )
    );
  }

  /**
   * A learner's grading.
   *
   * @throws {DomainError} 404 unknown learner or nothing submitted, 409 when the
   *   assignment is not autograded.
   */
  async get(row: IAssignmentRow, learnerName: string): Promise<IAutograde> {
    const learner = await learnerOr404(this._store, row, learnerName);
    const [latest] = await this._store.submissions(row.id, learner.id);
    if (!latest) {
      throw new DomainError(
        'not_submitted',
        trans.__('%1 has not handed anything in yet.', learner.displayName)
      );
    }
    const run = await this._reviewStore.autograde(row.id, learner.id);
    const summary = autogradeSummary(row, latest.version, run);
    if (!summary) {
      throw Private.notAutograded();
    }
    const current = run?.submission_version === latest.version ? run : null;
    return {
      learner: { name: learner.name, displayName: learner.displayName },
      submissionVersion: latest.version,
      status: summary.status,
      message: this._message(summary.status),
      points: summary.points,
      max: summary.max,
      cells: current ? JSON.parse(current.results) : [],
      log: current?.log ?? '',
      queuedAt: current?.queued_at ?? null,
      gradedAt: current?.graded_at ?? null
    };
  }

  /**
   * Grade a learner's latest submission again (after an environment change…).
   *
   * @throws {DomainError} as {@link get}.
   */
  async rerun(row: IAssignmentRow, learnerName: string): Promise<IAutograde> {
    if (row.autograde !== 1) {
      throw Private.notAutograded();
    }
    const learner = await learnerOr404(this._store, row, learnerName);
    const [latest] = await this._store.submissions(row.id, learner.id);
    if (latest) {
      const previous = await this._reviewStore.autograde(row.id, learner.id);
      await this._reviewStore.saveAutograde({
        ...Private.emptyRun(row.id, learner.id, latest.version, this._now()),
        max_points: previous?.max_points ?? 0
      });
      this._enqueue(row.id, learner.id);
    }
    return this.get(row, learnerName);
  }

  /**
   * Stop: forget the queue (the next start finds it again) and end the current run.
   */
  async close(): Promise<void> {
    this._pending.clear();
    this._closing.abort();
    await this._pumping;
  }

  private _enqueue(assignmentId: string, userId: string): void {
    if (this._closing.signal.aborted) {
      return;
    }
    // Already waiting: its turn will grade whatever is latest then.
    this._pending.set(`${assignmentId}/${userId}`, { assignmentId, userId });
    this._pumping ??= this._pump().finally(() => {
      this._pumping = null;
    });
  }

  private async _pump(): Promise<void> {
    for (
      let next = Private.shift(this._pending);
      next && !this._closing.signal.aborted;
      next = Private.shift(this._pending)
    ) {
      try {
        await this._grade(next.assignmentId, next.userId);
      } catch (error) {
        this._log.error(
          { err: error, ...next },
          'autograding failed unexpectedly'
        );
      }
    }
  }

  /** Grade a learner's latest submission, unless it already is. */
  private async _grade(assignmentId: string, userId: string): Promise<void> {
    const row = await this._store.get(assignmentId);
    const [latest] = row ? await this._store.submissions(row.id, userId) : [];
    if (!row || row.autograde !== 1 || !latest) {
      return;
    }
    const previous = await this._reviewStore.autograde(row.id, userId);
    if (previous && !Private.unfinished(previous, latest.version)) {
      return;
    }
    const started = this._now();
    const run = {
      ...Private.emptyRun(row.id, userId, latest.version, started),
      status: 'running',
      queued_at: previous?.queued_at ?? started.toISOString()
    };
    await this._reviewStore.saveAutograde(run);
    const began = Date.now();
    const { outcome, max } = await this._run(row, latest.files).catch(error => {
      this._log.error(
        { err: error, assignmentId, userId },
        'autograding could not run'
      );
      return {
        outcome: {
          status: 'failed' as const,
          cells: [],
          log: 'Erreur interne du hub pendant la correction.'
        },
        max: previous?.max_points ?? 0
      };
    });
    if (this._closing.signal.aborted) {
      return; // stopped by the hub: the next start grades it again
    }
    const points = outcome.cells.reduce(
      (sum, cell) => sum + (cell.points ?? 0),
      0
    );
    const gradedAt = this._now().toISOString();
    await this._reviewStore.saveAutograde({
      ...run,
      status: outcome.status,
      points,
      max_points: max,
      results: JSON.stringify(outcome.cells),
      log: outcome.log,
      graded_at: gradedAt
    });
    this._log.info(
      {
        assignmentId,
        userId,
        version: latest.version,
        status: outcome.status,
        points,
        max,
        ms: Date.now() - began
      },
      'submission autograded'
    );
    await this._reviewStore.proposeFeedback({
      assignment_id: row.id,
      user_id: userId,
      submission_version: latest.version,
      comment: autogradeComment(outcome, this._message(outcome.status)),
      grade: points,
      max_grade: max > 0 ? max : null,
      rubric: JSON.stringify(autogradeRubric(outcome.cells)),
      cells: '[]',
      updated_at: gradedAt,
      returned_at: null,
      filled_by: 'autograder'
    });
  }

  /** Run the graded notebooks of a submission (see {@link gradeSubmission}). */
  private async _run(
    row: IAssignmentRow,
    submitted: readonly IFileRow[]
  ): Promise<{ outcome: IGradingOutcome; max: number }> {
    const [sources, handedOut, copy] = await Promise.all([
      this._assignments.contents(await this._store.sourceFiles(row.id)),
      this._assignments.contents(await this._store.files(row.id)),
      this._assignments.contents(submitted)
    ]);
    return gradeSubmission(
      { sources, handedOut, copy },
      this._runner,
      this._kernels,
      this._closing.signal
    );
  }

  private _message(status: AutogradeStatus): string {
    return autogradeMessage(status, this._limits);
  }

  private readonly _pending = new Map<
    string,
    { assignmentId: string; userId: string }
  >();
  private _pumping: Promise<void> | null = null;
  private readonly _closing = new AbortController();
}

namespace Private {
  /** Whether a run still has to happen for this version. */
  export function unfinished(run: IAutogradeRow, version: number): boolean {
    return (
      run.submission_version !== version ||
      run.status === 'queued' ||
      run.status === 'running'
    );
  }

  export function emptyRun(
    assignmentId: string,
    userId: string,
    version: number,
    now: Date
  ): IAutogradeRow {
    return {
      assignment_id: assignmentId,
      user_id: userId,
      submission_version: version,
      status: 'queued',
      points: null,
      max_points: 0,
      results: '[]',
      log: '',
      queued_at: now.toISOString(),
      graded_at: null
    };
  }

  /** The first entry of a map, taken out of it. */
  export function shift<V>(map: Map<string, V>): V | undefined {
    const first = map.entries().next();
    if (first.done) {
      return undefined;
    }
    map.delete(first.value[0]);
    return first.value[1];
  }

  export function notAutograded(): DomainError {
    return new DomainError(
      'not_autograded',
      trans.__('This assignment is not auto-graded.')
    );
  }
}
