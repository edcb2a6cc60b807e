import { HubApi, HubClient, HubSchema, IAssignments } from '@candyce/core';

/**
 * What the hub does with work handed in after the due date.
 */
export type LatePolicy = IAssignment['latePolicy'];

/**
 * Where a learner stands with an assignment: `todo` « à faire », `started` « en cours »,
 * `submitted` « rendu », `late` « en retard », `returned` « corrigé ».
 */
export type LearnerState = HubSchema<'LearnerState'>;

/**
 * A file sent to or received from the hub: its path in the assignment folder and its
 * bytes in base64.
 */
export type IFileIn = HubSchema<'FileContents'>[number];

/**
 * A file the hub keeps, without its bytes.
 */
export type IFileInfo = HubSchema<'FileEntry'>;

/**
 * A hub user as assignments name them.
 */
export type IPerson = HubSchema<'Person'>;

/**
 * An assignment, as its teacher sees it.
 */
export type IAssignment = HubSchema<'Assignment'>;

/**
 * A teacher's assignment with how many learners have it, handed it in, got it back.
 */
export type ITeachingAssignment = HubSchema<'TeachingAssignment'>;

/**
 * A version of a learner's work.
 */
export type ISubmission = HubSchema<'Submission'>;

/**
 * An assignment as a learner sees it.
 */
export type ILearnerAssignment = HubSchema<'LearnerAssignment'>;

/**
 * One learner's line in a teacher's follow-up table.
 */
export type IProgressRow = HubSchema<'ProgressRow'>;

/**
 * Where the automatic grading of a pupil's latest work stands.
 */
export type IAutogradeSummary = NonNullable<IProgressRow['autograde']>;

/**
 * `queued` and `running` until done; `timeout`, `memory` and `failed` say why it could
 * not finish.
 */
export type AutogradeStatus = HubSchema<'AutogradeStatus'>;

/**
 * A line of a marking rubric.
 */
export type IRubricRow = HubSchema<'RubricRow'>;

/**
 * A teacher's comment on one cell of a submitted notebook.
 */
export type ICellComment = HubSchema<'CellComment'>;

/**
 * A teacher's feedback on a learner's work.
 */
export type IFeedback = HubSchema<'Feedback'>;

/**
 * What the teacher writes as feedback (`PUT /assignments/{id}/feedback/{learner}`), and
 * whether it is still the automatic grading's proposal (shown to the teacher, never
 * sent: the hub refuses it).
 */
export type IFeedbackDraft = HubSchema<'FeedbackInput'> & {
  fromAutograder?: boolean;
};

/**
 * A class the teacher may hand work out to (`GET /classes`); `membership` is the
 * caller's, absent in an administrator's list of every class.
 */
export type IClassSummary = HubSchema<'ClassWithMembership'>;

/**
 * The body of `POST /assignments`.
 */
export type INewAssignment = HubSchema<'NewAssignment'>;

/**
 * The group workspace this JupyterLab serves, as `/me` tells it on the workspace's
 * origin: the workspace, and the person in the browser (a member, or a teacher).
 */
export interface IGroupWorkspace {
  group: NonNullable<HubSchema<'Me'>['group']>;
  visitor: NonNullable<HubSchema<'Me'>['visitor']>;
}

/**
 * The assignments API of the hub, typed by its contract (`hub/openapi.yml`).
 */
export class AssignmentsApi {
  /**
   * @param onActivity - told after the hub recorded a fetch, a hand-in or a return
   *   (`IAssignments.activity`).
   */
  constructor(
    readonly hub: HubClient,
    private readonly _onActivity: (
      activity: IAssignments.IActivity
    ) => void = () => undefined
  ) {
    this._api = new HubApi(hub);
  }

  /**
   * The group workspace this JupyterLab serves, or `null` in a person's own server.
   */
  async groupWorkspace(): Promise<IGroupWorkspace | null> {
    const { group, visitor } = await this._api.get('/me');
    return group && visitor ? { group, visitor } : null;
  }

  /**
   * What the user teaches and what they have to do.
   */
  list(): Promise<{
    teaching: ITeachingAssignment[];
    learning: ILearnerAssignment[];
  }> {
    return this._api.get('/assignments');
  }

  /**
   * The classes the user may hand work out to: those they teach (an administrator's
   * list holds every class, without membership).
   */
  classes(): Promise<IClassSummary[]> {
    return this._api
      .get('/classes')
      .then(answer =>
        answer.classes.filter(
          c => c.membership === undefined || c.membership === 'teacher'
        )
      );
  }

  /**
   * How many live group workspaces each class has, by class id, among those the
   * caller teaches (a class without any is absent): where the « Nouveau devoir » form
   * offers « Par groupe ».
   */
  async groupCounts(): Promise<Map<string, number>> {
    const { groups } = await this._api.get('/groups');
    const counts = new Map<string, number>();
    for (const group of groups) {
      counts.set(group.classId, (counts.get(group.classId) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Hand out a new assignment (teachers and administrators).
   */
  create(body: INewAssignment): Promise<IAssignment> {
    return this._api.post('/assignments', { body });
  }

  /**
   * Join an assignment with its share code (with or without the dash, any case).
   */
  join(code: string): Promise<ILearnerAssignment> {
    return this._api.post('/assignments/join', { body: { code } });
  }

  /**
   * The files to put in the learner's home, and where (the fetch is recorded).
   */
  async fetch(id: string): Promise<{ folder: string; files: IFileIn[] }> {
    const fetched = await this._api.post('/assignments/{id}/fetch', {
      params: { id }
    });
    this._onActivity({ kind: 'fetched', assignmentId: id });
    return fetched;
  }

  /**
   * Hand work in; the same `requestId` makes a retry harmless.
   */
  async submit(
    id: string,
    requestId: string,
    files: IFileIn[]
  ): Promise<ISubmission> {
    const submission = await this._api.post('/assignments/{id}/submissions', {
      params: { id },
      body: { requestId, files }
    });
    this._onActivity({ kind: 'handedIn', assignmentId: id });
    return submission;
  }

  /**
   * The learner's hand-ins of an assignment.
   */
  mySubmissions(id: string): Promise<ISubmission[]> {
    return this._api
      .get('/assignments/{id}/submissions/mine', { params: { id } })
      .then(answer => answer.submissions);
  }

  /**
   * The learner's feedback, once returned (404 before).
   */
  myFeedback(id: string): Promise<IFeedback> {
    return this._api.get('/assignments/{id}/feedback/mine', {
      params: { id }
    });
  }

  /**
   * One row per learner: state, activity, hand-in and grade.
   */
  progress(id: string): Promise<IProgressRow[]> {
    return this._api
      .get('/assignments/{id}/progress', { params: { id } })
      .then(answer => answer.rows);
  }

  /**
   * A learner's latest hand-in, with its files.
   */
  latestSubmission(
    id: string,
    learner: string
  ): Promise<{ submission: ISubmission; files: IFileIn[] }> {
    return this._api.get('/assignments/{id}/submissions/{learner}/latest', {
      params: { id, learner }
    });
  }

  /**
   * The files as handed out.
   */
  original(id: string): Promise<IFileIn[]> {
    return this._api
      .get('/assignments/{id}/original', { params: { id } })
      .then(answer => answer.files);
  }

  /**
   * The feedback on a learner's work, draft or returned (404 when none).
   */
  feedback(id: string, learner: string): Promise<IFeedback> {
    return this._api.get('/assignments/{id}/feedback/{learner}', {
      params: { id, learner }
    });
  }

  /**
   * Save the feedback on a learner's work (it stays a draft until returned).
   */
  saveFeedback(
    id: string,
    learner: string,
    draft: IFeedbackDraft
  ): Promise<IFeedback> {
    // The proposal flag is the view's: the hub refuses any field it does not know.
    const { fromAutograder: _shown, ...body } = draft;
    return this._api.put('/assignments/{id}/feedback/{learner}', {
      params: { id, learner },
      body
    });
  }

  /**
   * Return feedback to some learners, or to every learner with feedback.
   */
  async returnFeedback(id: string, learners?: string[]): Promise<string[]> {
    const { returned } = await this._api.post('/assignments/{id}/return', {
      params: { id },
      body: learners ? { learners } : {}
    });
    this._onActivity({
      kind: 'returned',
      assignmentId: id,
      learners: returned.length
    });
    return returned;
  }

  /**
   * The URL of the grades as a CSV file (the browser downloads it with the session).
   */
  gradesUrl(id: string): string {
    return gradesCsvUrl(this.hub.baseUrl, id);
  }

  private _api: HubApi;
}

/**
 * The URL of an assignment's grades as CSV, under the hub API root.
 */
export function gradesCsvUrl(baseUrl: string, id: string): string {
  const path = HubApi.path('/assignments/{id}/grades.csv', { params: { id } });
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
