import type { HubClient } from '@candyce/core';

/**
 * What the hub does with work handed in after the due date.
 */
export type LatePolicy = 'accept' | 'refuse';

/**
 * Where a learner stands with an assignment: `todo` « à faire », `started` « en cours »,
 * `submitted` « rendu », `late` « en retard », `returned` « corrigé ».
 */
export type LearnerState =
  'todo' | 'started' | 'submitted' | 'late' | 'returned';

/**
 * A file sent to or received from the hub: its path in the assignment folder and its
 * bytes in base64.
 */
export interface IFileIn {
  path: string;
  content: string;
}

/**
 * A file the hub keeps, without its bytes.
 */
export interface IFileInfo {
  path: string;
  sha256: string;
  size: number;
}

/**
 * A hub user as assignments name them.
 */
export interface IPerson {
  name: string;
  displayName: string;
}

/**
 * An assignment, as its teacher sees it.
 */
export interface IAssignment {
  id: string;
  title: string;
  /** Plain text: always shown as text, never as HTML. */
  instructions: string;
  owner: IPerson;
  classes: { id: string; name: string }[];
  /** Shown as « ABCD-EFGH ». */
  shareCode: string | null;
  opensAt: string | null;
  dueAt: string | null;
  latePolicy: LatePolicy;
  multipleSubmissions: boolean;
  /** nbgrader test cells are graded automatically, and the grade proposed. */
  autograde: boolean;
  /**
   * The files learners may hand in beyond the assignment's own, as patterns (`*.png`,
   * `rapport.pdf`): the hub refuses a submission carrying any other file.
   */
  extraFiles: string[];
  source:
    | { kind: 'library'; resourceId: string; version: number }
    | { kind: 'home'; path: string };
  /** Where learners get it in their home, for example `devoirs/les-listes`. */
  folder: string;
  files: IFileInfo[];
  createdAt: string;
}

/**
 * A teacher's assignment with how many learners have it, handed it in, got it back.
 */
export interface ITeachingAssignment extends IAssignment {
  counts: { learners: number; submitted: number; returned: number };
}

/**
 * A version of a learner's work.
 */
export interface ISubmission {
  version: number;
  submittedAt: string;
  late: boolean;
  files: IFileInfo[];
}

/**
 * An assignment as a learner sees it.
 */
export interface ILearnerAssignment extends IAssignment {
  state: LearnerState;
  fetchedAt: string | null;
  lastSubmission: ISubmission | null;
  returnedAt: string | null;
}

/**
 * One learner's line in a teacher's follow-up table.
 */
export interface IProgressRow {
  learner: IPerson;
  state: LearnerState;
  fetchedAt: string | null;
  lastActivityAt: string | null;
  submittedAt: string | null;
  version: number | null;
  late: boolean;
  grade: number | null;
  maxGrade: number | null;
  returnedAt: string | null;
  /** The automatic grading of the latest work (autograded assignments only). */
  autograde: IAutogradeSummary | null;
}

/**
 * Where the automatic grading of a pupil's latest work stands.
 */
export interface IAutogradeSummary {
  status: AutogradeStatus;
  points: number | null;
  max: number | null;
}

/**
 * `queued` and `running` until done; `timeout`, `memory` and `failed` say why it could
 * not finish.
 */
export type AutogradeStatus =
  'queued' | 'running' | 'done' | 'timeout' | 'memory' | 'failed';

/**
 * A line of a marking rubric.
 */
export interface IRubricRow {
  criterion: string;
  points: number | null;
  max: number;
}

/**
 * A teacher's comment on one cell of a submitted notebook.
 */
export interface ICellComment {
  /** The notebook's path in the assignment folder. */
  path: string;
  /** The nbformat 4.5 id of the cell. */
  cellId: string;
  comment: string;
}

/**
 * A teacher's feedback on a learner's work.
 */
export interface IFeedback {
  learner: IPerson;
  submissionVersion: number;
  comment: string;
  grade: number | null;
  maxGrade: number | null;
  rubric: IRubricRow[];
  cells: ICellComment[];
  updatedAt: string;
  returnedAt: string | null;
  /** Still the automatic grading's proposal: the teacher has not saved it yet. */
  fromAutograder?: boolean;
}

/**
 * What the teacher writes as feedback (`PUT /assignments/:id/feedback/:learner`).
 */
export interface IFeedbackDraft {
  comment: string;
  grade: number | null;
  maxGrade: number | null;
  rubric?: IRubricRow[];
  cells?: ICellComment[];
  /** Still the automatic grading's proposal (shown to the teacher, never sent). */
  fromAutograder?: boolean;
}

/**
 * A class the teacher may hand work out to (`GET /classes`).
 */
export interface IClassSummary {
  id: string;
  name: string;
  level?: string | null;
  /** The caller's membership (absent in an administrator's list of every class). */
  membership?: 'teacher' | 'learner';
}

/**
 * The body of `POST /assignments`.
 */
export interface INewAssignment {
  title: string;
  instructions?: string;
  classIds?: string[];
  shareCode?: boolean;
  opensAt?: string | null;
  dueAt?: string | null;
  latePolicy?: LatePolicy;
  multipleSubmissions?: boolean;
  autograde?: boolean;
  /** The files learners may hand in beyond the assignment's own (none by default). */
  extraFiles?: string[];
  source:
    | { library: { resourceId: string; version: number } }
    | { home: { path: string; files: IFileIn[] } };
}

/**
 * The assignments API of the hub, typed (see the hub's `assignments/routes.ts`).
 */
export class AssignmentsApi {
  constructor(readonly hub: HubClient) {}

  /**
   * What the user teaches and what they have to do.
   */
  list(): Promise<{
    teaching: ITeachingAssignment[];
    learning: ILearnerAssignment[];
  }> {
    return this.hub.get('assignments');
  }

  /**
   * The classes the user may hand work out to: those they teach (an administrator's
   * list holds every class, without membership).
   */
  classes(): Promise<IClassSummary[]> {
    return this.hub
      .get<{ classes: IClassSummary[] }>('classes')
      .then(answer =>
        answer.classes.filter(
          c => c.membership === undefined || c.membership === 'teacher'
        )
      );
  }

  /**
   * Hand out a new assignment (teachers and administrators).
   */
  create(body: INewAssignment): Promise<IAssignment> {
    return this.hub.post('assignments', body);
  }

  /**
   * Join an assignment with its share code (with or without the dash, any case).
   */
  join(code: string): Promise<ILearnerAssignment> {
    return this.hub.post('assignments/join', { code });
  }

  /**
   * The files to put in the learner's home, and where (the fetch is recorded).
   */
  fetch(id: string): Promise<{ folder: string; files: IFileIn[] }> {
    return this.hub.post(`${Private.base(id)}/fetch`);
  }

  /**
   * Hand work in; the same `requestId` makes a retry harmless.
   */
  submit(
    id: string,
    requestId: string,
    files: IFileIn[]
  ): Promise<ISubmission> {
    return this.hub.post(`${Private.base(id)}/submissions`, {
      requestId,
      files
    });
  }

  /**
   * The learner's hand-ins of an assignment.
   */
  mySubmissions(id: string): Promise<ISubmission[]> {
    return this.hub
      .get<{
        submissions: ISubmission[];
      }>(`${Private.base(id)}/submissions/mine`)
      .then(answer => answer.submissions);
  }

  /**
   * The learner's feedback, once returned (404 before).
   */
  myFeedback(id: string): Promise<IFeedback> {
    return this.hub.get(`${Private.base(id)}/feedback/mine`);
  }

  /**
   * One row per learner: state, activity, hand-in and grade.
   */
  progress(id: string): Promise<IProgressRow[]> {
    return this.hub
      .get<{ rows: IProgressRow[] }>(`${Private.base(id)}/progress`)
      .then(answer => answer.rows);
  }

  /**
   * A learner's latest hand-in, with its files.
   */
  latestSubmission(
    id: string,
    learner: string
  ): Promise<{ submission: ISubmission; files: IFileIn[] }> {
    return this.hub.get(
      `${Private.base(id)}/submissions/${encodeURIComponent(learner)}/latest`
    );
  }

  /**
   * The files as handed out.
   */
  original(id: string): Promise<IFileIn[]> {
    return this.hub
      .get<{ files: IFileIn[] }>(`${Private.base(id)}/original`)
      .then(answer => answer.files);
  }

  /**
   * The feedback on a learner's work, draft or returned (404 when none).
   */
  feedback(id: string, learner: string): Promise<IFeedback> {
    return this.hub.get(
      `${Private.base(id)}/feedback/${encodeURIComponent(learner)}`
    );
  }

  /**
   * Save the feedback on a learner's work (it stays a draft until returned).
   */
  saveFeedback(
    id: string,
    learner: string,
    draft: IFeedbackDraft
  ): Promise<IFeedback> {
    return this.hub.put(
      `${Private.base(id)}/feedback/${encodeURIComponent(learner)}`,
      draft
    );
  }

  /**
   * Return feedback to some learners, or to every learner with feedback.
   */
  returnFeedback(id: string, learners?: string[]): Promise<string[]> {
    return this.hub
      .post<{
        returned: string[];
      }>(`${Private.base(id)}/return`, learners ? { learners } : {})
      .then(answer => answer.returned);
  }

  /**
   * The URL of the grades as a CSV file (the browser downloads it with the session).
   */
  gradesUrl(id: string): string {
    return gradesCsvUrl(this.hub.baseUrl, id);
  }
}

/**
 * The URL of an assignment's grades as CSV, under the hub API root.
 */
export function gradesCsvUrl(baseUrl: string, id: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${Private.base(id)}/grades.csv`;
}

namespace Private {
  export function base(id: string): string {
    return `assignments/${encodeURIComponent(id)}`;
  }
}
